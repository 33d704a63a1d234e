/**
 * Scalar coercions the clean-up may make, e.g. `"12.5"` → 12.5 where a field
 * asks for a number. Only lossless, unambiguous conversions: anything else is
 * left for validation to report.
 */
import { types } from 'node:util'
import { isObject } from '../util/real-type-of.js'
import type { JsonSchemaTypeName } from './types.js'

const numeric = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/

/** A coerced value, boxed so that a coercion to a falsy value still counts. */
export interface Coerced {
  value: unknown
}

function toNumber(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined
  const trimmed = value.trim()
  if (!numeric.test(trimmed)) return undefined
  const number = Number(trimmed)
  return Number.isFinite(number) ? number : undefined
}

/**
 * Converts a value to a JSON type, or answers `undefined` when that cannot be
 * done without guessing.
 *
 * @example
 * coerceTo('12.5', 'number') // { value: 12.5 }
 * coerceTo('true', 'boolean') // { value: true }
 * coerceTo(12, 'string') // { value: '12' }
 * coerceTo('12.5', 'integer') // undefined
 */
export function coerceTo(value: unknown, type: JsonSchemaTypeName): Coerced | undefined {
  switch (type) {
    case 'number': {
      const number = toNumber(value)
      return number === undefined ? undefined : { value: number }
    }
    case 'integer': {
      const number = toNumber(value)
      return number !== undefined && Number.isSafeInteger(number) ? { value: number } : undefined
    }
    case 'boolean': {
      if (typeof value === 'string') {
        const word = value.trim().toLowerCase()
        if (word === 'true') return { value: true }
        if (word === 'false') return { value: false }
      }
      if (value === 1) return { value: true }
      if (value === 0) return { value: false }
      return undefined
    }
    case 'string': {
      if (typeof value === 'number' && Number.isFinite(value)) return { value: String(value) }
      if (typeof value === 'boolean') return { value: String(value) }
      if (types.isDate(value) && !Number.isNaN(value.getTime())) return { value: value.toISOString() }
      return undefined
    }
    default:
      return undefined
  }
}

/**
 * The JSON type name of a value as ajv sees it (`integer` is reported as `number`).
 *
 * @example
 * jsonTypeOf([]) // 'array'
 * jsonTypeOf(new Date()) // 'date' (not a JSON type: never matches a schema type)
 */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null'
  const type = typeof value
  if (type !== 'object') return type
  if (Array.isArray(value)) return 'array'
  // The cheap plain-object check first: util.types.isDate crosses into native code.
  if (isObject(value)) return 'object'
  return types.isDate(value) ? 'date' : 'object'
}

/**
 * Whether a value already has one of the given JSON types.
 *
 * @example
 * matchesType(3, ['integer']) // true
 * matchesType(3.5, ['integer']) // false
 */
export function matchesType(value: unknown, allowed: readonly string[]): boolean {
  const type = jsonTypeOf(value)
  if (allowed.includes(type)) return true
  return type === 'number' && allowed.includes('integer') && Number.isInteger(value)
}
