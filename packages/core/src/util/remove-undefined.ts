import { isObject } from './real-type-of.js'
import { setOwnProperty } from './set-own-property.js'

/**
 * A deep copy of plain objects and arrays with every `undefined` object value removed.
 * Array items are kept in place (an `undefined` item stays, so indices do not shift);
 * other values (dates, class-less built-ins, primitives) are returned as they are.
 * The input is never modified.
 *
 * @example
 * removeUndefined({ a: 1, b: undefined, c: { d: undefined, e: [undefined, 2] } })
 * // { a: 1, c: { e: [undefined, 2] } }
 */
export function removeUndefined<T = unknown>(value: T): T {
  if (Array.isArray(value)) {
    return value.map((item: unknown) => removeUndefined(item)) as T
  }
  if (isObject(value)) {
    const copy: Record<string, unknown> = {}
    for (const key of Object.keys(value)) {
      const item = value[key]
      if (item !== undefined) setOwnProperty(copy, key, removeUndefined(item))
    }
    return copy as T
  }
  return value
}
