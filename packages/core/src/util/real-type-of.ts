/**
 * Runtime type names that tell arrays, `null`, dates and regular expressions
 * apart from plain objects, which `typeof` does not.
 */
import { types } from 'node:util'

/** What `realTypeOf` can answer. */
export type RealType =
  | 'string'
  | 'number'
  | 'boolean'
  | 'null'
  | 'undefined'
  | 'object'
  | 'array'
  | 'function'
  | 'date'
  | 'regexp'
  | 'symbol'
  | 'bigint'

/** An object used as a string-keyed record. */
export interface Dictionary<T = unknown> {
  [key: string]: T
}

/**
 * The type of a value, with `null`, arrays, dates and regular expressions named apart.
 * Any other object (a `Map`, an `Error`, a class instance…) is `'object'`.
 *
 * @example
 * realTypeOf([1, 2]) // 'array'
 * realTypeOf(null) // 'null'
 * realTypeOf(new Date()) // 'date'
 */
export function realTypeOf(value: unknown): RealType {
  if (value === null) return 'null'
  const type = typeof value
  if (type !== 'object') return type
  if (Array.isArray(value)) return 'array'
  // util.types works across realms (vm contexts, worker messages), instanceof does not.
  if (types.isDate(value)) return 'date'
  if (types.isRegExp(value)) return 'regexp'
  return 'object'
}

/**
 * Whether a value is a plain record: an object literal, `Object.create(null)` or
 * a class instance — but not an array, date, `Map`, boxed primitive or other built-in.
 *
 * @example
 * isObject({ a: 1 }) // true
 * isObject([1]) // false
 * isObject(new Map()) // false
 */
export function isObject(value: unknown): value is Dictionary {
  if (value === null || typeof value !== 'object') return false
  const prototype: unknown = Object.getPrototypeOf(value)
  // Fast path for what JSON.parse produces.
  if ((prototype === Object.prototype || prototype === null) && !(Symbol.toStringTag in value)) return true
  return Object.prototype.toString.call(value) === '[object Object]'
}

/**
 * Whether a value is an array.
 *
 * @example
 * isArray(['a']) // true
 * isArray({ length: 1 }) // false
 */
export function isArray(value: unknown): value is unknown[] {
  return Array.isArray(value)
}

/**
 * Whether a value is a primitive string.
 *
 * @example
 * isString('a') // true
 * isString(1) // false
 */
export function isString(value: unknown): value is string {
  return typeof value === 'string'
}
