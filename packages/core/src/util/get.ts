import { parsePath } from './parse-path.js'

/**
 * Keys that would reach an object's prototype machinery rather than its data.
 * Reading through them is never what a mapping wants and is the first step of
 * prototype pollution, so they read as missing even when they are own keys.
 */
const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

/** Parsed string paths; bounded so a stream of distinct paths cannot grow memory. */
const parsedPaths = new Map<string, readonly string[]>()
const MAX_PARSED_PATHS = 1000

/**
 * The value at a dot/bracket path (`'a.b[0].c'`) or at a list of keys, or `undefined`
 * when any step is missing. Only own properties are read, and `__proto__`,
 * `constructor` and `prototype` always read as missing. `''` and `'.'` give the value itself.
 *
 * @example
 * get({ a: { b: [{ c: 1 }] } }, 'a.b[0].c') // 1
 * get(event, ['properties', 'dots.in.key']) // the value of the key "dots.in.key"
 * get({}, 'constructor') // undefined
 */
export function get<T = unknown>(obj: any, path: string | string[]): T | undefined {
  if (path === null || path === undefined) return undefined
  return getAtPath<T>(obj, typeof path === 'string' ? cachedParse(path) : path)
}

/**
 * The value at already parsed path segments (see `parsePath`): the per-event half of
 * a path compiled once.
 *
 * @example
 * const segments = parsePath('properties.order_id')
 * for (const event of events) getAtPath(event, segments)
 */
export function getAtPath<T = unknown>(obj: unknown, segments: readonly string[]): T | undefined {
  let current: unknown = obj
  for (const segment of segments) {
    if (current === null || current === undefined || UNSAFE_KEYS.has(segment)) return undefined
    if (!Object.hasOwn(current, segment)) return undefined
    current = (current as Record<string, unknown>)[segment]
  }
  return current as T | undefined
}

function cachedParse(path: string): readonly string[] {
  let segments = parsedPaths.get(path)
  if (segments === undefined) {
    if (parsedPaths.size >= MAX_PARSED_PATHS) parsedPaths.clear()
    segments = parsePath(path)
    parsedPaths.set(path, segments)
  }
  return segments
}
