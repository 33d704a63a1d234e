/**
 * The compatible `validateSchema(obj, schema, options)`: cleans and validates
 * a copy, answers whether it is valid, and by default throws when it is not.
 */
import { PayloadValidationError } from '../errors/errors.js'
import type { JsonSchema } from './types.js'
import { compileSchemaValidator } from './validate.js'

/** Options of `validateSchema`. */
export interface ValidateSchemaOptions {
  /**
   * Accepted for compatibility and ignored: validators are cached by the schema
   * object itself, so two schemas under one key can never be confused.
   */
  schemaKey?: string
  /** Throw a `PayloadValidationError` when invalid (default `true`). */
  throwIfInvalid?: boolean
  /** Accepted for compatibility; unused. */
  statsContext?: unknown
}

/**
 * Validates a value against a schema (compiled once per schema object). Unlike
 * the peer runtime it never changes `obj`: the clean-up works on a copy.
 *
 * @example
 * validateSchema({ revenue: 'x' }, schema, { throwIfInvalid: false }) // false
 * validateSchema({ revenue: 'x' }, schema)
 * // throws PayloadValidationError: 'Revenue must be a number but it was a string.'
 */
export function validateSchema(
  obj: unknown,
  schema: JsonSchema,
  options: ValidateSchemaOptions = {}
): boolean {
  const result = compileSchemaValidator(schema)(obj)
  if (!result.valid && options.throwIfInvalid !== false) throw new PayloadValidationError(result.message)
  return result.valid
}
