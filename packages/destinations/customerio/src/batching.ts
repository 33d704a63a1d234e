/**
 * Splitting a batch into requests that respect a byte limit, and turning the failure of one of those
 * requests into per-event results.
 */
import type { ActionDestinationErrorResponseType } from '@destkit/core'

/**
 * Groups item indexes, in order, into chunks whose JSON array stays within `maxBytes`
 * (`sizes[i]` is the byte length of item i's JSON; commas and brackets are counted too).
 *
 * @example
 * chunkBySize([600, 600, 600], 1300) // [[0, 1], [2]]
 */
export function chunkBySize(sizes: number[], maxBytes: number): number[][] {
  const chunks: number[][] = []
  let current: number[] = []
  let bytes = 2 // the array's brackets
  sizes.forEach((size, index) => {
    const added = size + (current.length > 0 ? 1 : 0)
    if (current.length > 0 && bytes + added > maxBytes) {
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

/** The byte length of a value's JSON. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8')
}

/**
 * The per-event error for a request of a multi-request batch that failed as a whole: its HTTP status
 * when it has one (so 429 and 5xx stay retryable), else 503 for a transient failure and 500 otherwise.
 *
 * @example
 * errorEntryFor(httpError) // { status: 429, errortype: 'TOO_MANY_REQUESTS', errormessage: 'The request to … failed with 429 …' }
 */
export function errorEntryFor(error: unknown): ActionDestinationErrorResponseType {
  const failure = error as { status?: unknown; code?: unknown; message?: unknown; retryable?: unknown }
  const status =
    typeof failure?.status === 'number' ? failure.status : failure?.retryable === true ? 503 : 500
  return {
    status,
    errortype: typeof failure?.code === 'string' ? failure.code : 'REQUEST_FAILED',
    errormessage: typeof failure?.message === 'string' ? failure.message : 'The request failed.'
  }
}
