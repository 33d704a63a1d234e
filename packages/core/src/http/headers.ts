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
  // One record of joined values; the lists of `raw()` are kept only for multi-valued headers.
  const values: Record<string, string> = {}
  let lists: Record<string, string[]> | undefined
  for (const name in raw) {
    if (!Object.hasOwn(raw, name)) continue
    const value = raw[name]
    if (value === undefined) continue
    const key = name.toLowerCase()
    if (Array.isArray(value)) {
      values[key] = value.join(', ')
      ;(lists ??= {})[key] = value.map(String)
    } else {
      values[key] = String(value)
      if (lists !== undefined) delete lists[key]
    }
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
    raw: () => {
      const result: Record<string, string[]> = {}
      for (const name in values) {
        const list = lists?.[name]
        result[name] = list ? [...list] : [values[name]!]
      }
      return result
    },
    toJSON: () => ({ ...values }),
    [Symbol.iterator]: () => Object.entries(values)[Symbol.iterator]()
  }
}
