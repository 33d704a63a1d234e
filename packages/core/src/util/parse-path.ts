/**
 * Turns a property path such as `a.b[0].c` or `properties["dots.in.key"]`
 * into its segments, so a path can be parsed once and read many times.
 */

/**
 * The segments of a dot/bracket path. `''` and `'.'` mean the value itself (no segments).
 * Brackets hold an index (`[0]`) or a quoted key (`["a.b"]`, `['a b']`), whose dots are
 * part of the key. Empty segments (`a..b`) are skipped. Never throws: an unclosed
 * bracket or quote takes the rest of the path as the key.
 *
 * @example
 * parsePath('a.b[0].c') // ['a', 'b', '0', 'c']
 * parsePath('properties["dots.in.key"]') // ['properties', 'dots.in.key']
 */
export function parsePath(path: string): string[] {
  const segments: string[] = []
  const length = path.length
  let start = 0
  let index = 0
  while (index < length) {
    const char = path[index]
    if (char === '.') {
      if (index > start) segments.push(path.slice(start, index))
      start = index = index + 1
    } else if (char === '[') {
      if (index > start) segments.push(path.slice(start, index))
      index = readBracket(path, index + 1, segments)
      start = index
    } else {
      index++
    }
  }
  if (start < length) segments.push(path.slice(start))
  return segments
}

/** Reads a bracket's content starting after `[`; returns the index after its `]`. */
function readBracket(path: string, from: number, segments: string[]): number {
  const quote = path[from]
  if (quote === '"' || quote === "'") {
    const close = path.indexOf(quote, from + 1)
    if (close === -1) {
      segments.push(path.slice(from + 1))
      return path.length
    }
    segments.push(path.slice(from + 1, close))
    const bracket = path.indexOf(']', close + 1)
    return bracket === -1 ? path.length : bracket + 1
  }
  const close = path.indexOf(']', from)
  const end = close === -1 ? path.length : close
  if (end > from) segments.push(path.slice(from, end))
  return close === -1 ? path.length : close + 1
}
