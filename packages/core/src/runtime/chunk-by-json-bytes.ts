/**
 * Splitting a batch by size, for destinations whose API limits the bytes of a
 * request as well as the number of events in it.
 */

/**
 * Groups item indexes, in order, into chunks whose JSON array (`[a,b,…]`, brackets
 * and commas counted) stays within `maxBytes`. `sizes[i]` is the byte length of
 * item i's JSON (`jsonByteLength(item)`). An item too large on its own gets a chunk
 * of its own: refusing it is the caller's (or the API's) call.
 *
 * @example
 * chunkByJsonBytes([600, 600, 600], 1300) // [[0, 1], [2]]
 * chunkByJsonBytes(events.map((event) => jsonByteLength(event)), 1_000_000 - envelopeBytes)
 */
export function chunkByJsonBytes(sizes: readonly number[], maxBytes: number): number[][] {
  const chunks: number[][] = []
  let current: number[] = []
  let bytes = 2 // the array's brackets
  sizes.forEach((size, index) => {
    const separator = current.length > 0 ? 1 : 0
    if (current.length > 0 && bytes + separator + size > maxBytes) {
      chunks.push(current)
      current = []
      bytes = 2
    }
    bytes += size + (current.length > 0 ? 1 : 0)
    current.push(index)
  })
  if (current.length > 0) chunks.push(current)
  return chunks
}
