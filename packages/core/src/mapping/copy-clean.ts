/**
 * Copies a value read from an event (or a mapping literal) into a payload: objects and arrays are
 * rebuilt so the payload shares nothing with its source; `undefined` properties and the prototype keys
 * are left out. Other values (strings, numbers, dates…) are returned as they are.
 */
import { isUnsafeKey } from './paths.js'

/**
 * A deep copy of plain objects and arrays, without `undefined` properties or prototype keys.
 * Array items keep their positions (an `undefined` item stays, as in the compatible runtime).
 *
 * @example
 * copyClean({ a: 1, b: undefined, c: [{ d: undefined }] }) // { a: 1, c: [{}] }
 */
export function copyClean(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) {
    const copy = new Array<unknown>(value.length)
    for (let i = 0; i < value.length; i++) copy[i] = copyClean(value[i])
    return copy
  }
  if (!isPlainObject(value)) return value
  const copy: Record<string, unknown> = {}
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key]
    if (item !== undefined && !isUnsafeKey(key)) copy[key] = copyClean(item)
  }
  return copy
}

/**
 * Whether a value is a plain object (`{}` or `Object.create(null)`), not an array, a date or a class instance.
 *
 * @example
 * isPlainObject({ a: 1 }) // true
 * isPlainObject([1]) // false
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}
