/**
 * Read-only, fetch-style header accessors over a plain header record.
 */
import type { ResponseHeaders } from './types.js'

/**
 * Wraps headers (any case; array values joined with `, `) in fetch's read-only
 * `Headers` methods (`get`, `has`, `forEach`, `entries`, `keys`, `values`), `toJSON`
 * and an iterator. The record is copied, so later changes to it are not seen.
 *
 * @example
 * const headers = createHeaders({ 'Content-Type': 'application/json' })
 * headers.get('content-type') // 'application/json'
 * headers.toJSON()            // { 'content-type': 'application/json' }
 */
export function createHeaders(raw: Record<string, string | string[] | number | undefined>): ResponseHeaders {
  const values: Record<string, string> = {}
  const lists: Record<string, string[]> = {}
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue
    const key = name.toLowerCase()
    values[key] = Array.isArray(value) ? value.join(', ') : String(value)
    lists[key] = Array.isArray(value) ? value.map(String) : [String(value)]
  }
  return {
    get: (name) => values[name.toLowerCase()] ?? null,
    has: (name) => Object.hasOwn(values, name.toLowerCase()),
    forEach: (callback) => {
      for (const [name, value] of Object.entries(values)) callback(value, name)
    },
    entries: () => Object.entries(values)[Symbol.iterator](),
    keys: () => Object.keys(values)[Symbol.iterator](),
    values: () => Object.values(values)[Symbol.iterator](),
    raw: () => Object.fromEntries(Object.entries(lists).map(([name, list]) => [name, [...list]])),
    toJSON: () => ({ ...values }),
    [Symbol.iterator]: () => Object.entries(values)[Symbol.iterator]()
  }
}
