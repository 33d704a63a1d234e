/**
 * Suggestions for a misspelt name: the candidates closest to it by edit
 * distance (case-insensitive), best first.
 *
 * @example
 * didYouMean('postMesage', ['postMessage', 'sendEmail']) // ['postMessage']
 */
export function didYouMean(input: string, candidates: Iterable<string>, maxResults = 3): string[] {
  const needle = input.toLowerCase()
  const limit = Math.max(2, Math.floor(needle.length / 3))
  const scored: Array<[string, number]> = []
  for (const candidate of candidates) {
    const distance = editDistance(needle, candidate.toLowerCase())
    if (
      distance <= limit ||
      candidate.toLowerCase().includes(needle) ||
      needle.includes(candidate.toLowerCase())
    ) {
      scored.push([candidate, distance])
    }
  }
  return scored
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .slice(0, maxResults)
    .map(([candidate]) => candidate)
}

/** " (did you mean 'x'?)" or '' — ready to append to a sentence. */
export function suggestionSuffix(input: string, candidates: Iterable<string>): string {
  const [best] = didYouMean(input, candidates, 1)
  return best === undefined ? '' : ` (did you mean '${best}'?)`
}

/** Levenshtein distance with one row of memory. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0
  if (a.length === 0) return b.length
  if (b.length === 0) return a.length
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
    }
    previous = current
  }
  return previous[b.length]
}
