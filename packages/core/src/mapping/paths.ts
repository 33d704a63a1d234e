/**
 * Paths into an event: `$.a.b`, `a.b`, `a[0].b`, `a['key.with.dots']`, `$.integrations.Actions Amplitude.x`.
 * A path is split once, when the mapping is compiled; reading it per event is a few property lookups.
 */

/** Keys that lead into an object's prototype. They are never read from data nor written to a payload. */
const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'prototype', 'constructor'])

/** Reads the value at a path of the data given. */
export type PathGetter = (data: unknown) => unknown

/**
 * Whether a key could reach an object's prototype (`__proto__`, `prototype`, `constructor`).
 *
 * @example
 * isUnsafeKey('__proto__') // true
 * isUnsafeKey('email') // false
 */
export function isUnsafeKey(key: string): boolean {
  return UNSAFE_KEYS.has(key)
}

/**
 * Splits a path into its segments. `$` and `''` are the whole value (no segments). Empty segments
 * (`a..b`) are skipped, as in the compatible runtime.
 *
 * @example
 * splitPath('$.properties.products[0].sku') // ['properties', 'products', '0', 'sku']
 * splitPath("context['dots.in.key']") // ['context', 'dots.in.key']
 */
export function splitPath(path: string): string[] {
  let rest = path
  if (rest === '$') return []
  if (rest.startsWith('$.')) rest = rest.slice(2)
  else if (rest.startsWith('$[')) rest = rest.slice(1)

  const segments: string[] = []
  let current = ''
  let i = 0
  const flush = (): void => {
    if (current !== '') segments.push(current)
    current = ''
  }
  while (i < rest.length) {
    const char = rest[i]
    if (char === '.') {
      flush()
      i++
      continue
    }
    if (char === '[') {
      const bracket = readBracket(rest, i)
      if (bracket) {
        flush()
        segments.push(bracket.key)
        i = bracket.end
        continue
      }
    }
    current += char
    i++
  }
  flush()
  return segments
}

/** Reads `[0]`, `['key']` or `["key"]` starting at `start`; null when the bracket is not one of those. */
function readBracket(path: string, start: number): { key: string; end: number } | null {
  const first = path[start + 1]
  if (first === "'" || first === '"') {
    const close = path.indexOf(first + ']', start + 2)
    if (close === -1) return null
    return { key: path.slice(start + 2, close), end: close + 2 }
  }
  let end = start + 1
  while (end < path.length && path[end] >= '0' && path[end] <= '9') end++
  if (end === start + 1 || path[end] !== ']') return null
  return { key: path.slice(start + 1, end), end: end + 1 }
}

/**
 * Whether reading `key` directly could find something inherited from `Object.prototype` or
 * `Array.prototype` (`toString`, `length`, `map`…). Only such keys need the slower own-property check.
 */
function mayBeInherited(key: string): boolean {
  return key in Object.prototype || key in Array.prototype
}

/**
 * The own property `key` of `value`, or undefined (also for primitives, and never through a prototype).
 *
 * @example
 * readOwn({ a: 1 }, 'a') // 1
 * readOwn({}, 'toString') // undefined
 */
export function readOwn(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null) return undefined
  return Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined
}

/**
 * A reader for one path segment. Event data is JSON, so a direct read is safe for ordinary keys as long
 * as what it finds is not a function (a method of an unusual prototype); keys that name a method of
 * `Object.prototype` or `Array.prototype` are checked as own properties.
 */
function segmentReader(key: string): (value: unknown) => unknown {
  if (mayBeInherited(key)) return (value) => readOwn(value, key)
  return (value) => {
    if (typeof value !== 'object' || value === null) return undefined
    const found = (value as Record<string, unknown>)[key]
    return typeof found === 'function' ? undefined : found
  }
}

const whole: PathGetter = (data) => data
const nothing: PathGetter = () => undefined

/**
 * Compiles a path to a getter. A path through `__proto__`, `prototype` or `constructor` always gives
 * undefined.
 *
 * @example
 * const email = compilePath('$.context.traits.email')
 * email({ context: { traits: { email: 'ada@example.com' } } }) // 'ada@example.com'
 */
export function compilePath(path: string): PathGetter {
  const segments = splitPath(path)
  if (segments.some(isUnsafeKey)) return nothing
  // Unrolled for the common lengths: the per-event cost is then the lookups alone.
  const readers = segments.map(segmentReader)
  const [a, b, c] = readers
  switch (readers.length) {
    case 0:
      return whole
    case 1:
      return a
    case 2:
      return (data) => b(a(data))
    case 3:
      return (data) => c(b(a(data)))
    default:
      return (data) => {
        let value = data
        for (let i = 0; i < readers.length && value !== undefined; i++) value = readers[i](value)
        return value
      }
  }
}

/**
 * Reads a path once, without keeping a compiled getter (for paths only known per event).
 *
 * @example
 * readPath({ a: [{ b: 2 }] }, 'a[0].b') // 2
 */
export function readPath(data: unknown, path: string): unknown {
  return compilePath(path)(data)
}
