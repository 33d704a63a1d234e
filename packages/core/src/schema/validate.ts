/**
 * Validators: a schema compiled once (ajv + the clean-up), cached by the
 * schema object's identity, then run per input.
 */
import { IntegrationError, PayloadValidationError } from '../errors/errors.js'
import { ErrorCodes } from '../errors/error-codes.js'
import { compileAjvSchema } from './ajv.js'
import { compileCleanUp, ValueTooDeepError } from './clean-up.js'
import { errorsToIssues } from './error-sentences.js'
import { fieldsToJsonSchema, type MinimalFields } from './fields-to-json-schema.js'
import type { JsonSchema, ValidationFailure, ValidationWarning, Validator } from './types.js'

// By identity: two schemas with the same title (or even the same content) never share an entry by accident,
// and a validator lives only as long as its schema.
const validators = new WeakMap<object, Validator>()

/**
 * The validator of a schema, compiled on first use and cached by the schema's
 * identity. It cleans a copy of the input (reporting each change in
 * `warnings`), then validates the copy. A value nested deeper than
 * `MAX_CLEAN_UP_DEPTH` is invalid (keyword `maxDepth`), never a stack overflow.
 * The schema compiles once, on the first call or on `prepare()`.
 *
 * @example
 * const validate = compileSchemaValidator(fieldsToJsonSchema({ revenue: { label: 'Revenue', type: 'number' } }))
 * validate({ revenue: 'lots' }).valid // false
 * // message: 'Revenue must be a number but it was a string.'
 */
export function compileSchemaValidator<T = unknown>(schema: JsonSchema): Validator<T> {
  const cached = validators.get(schema)
  if (cached) return cached as Validator<T>
  let compiled: Validator | undefined
  const compile = (): Validator => (compiled ??= compileNow(schema))
  const validator: Validator = Object.assign((input: unknown) => compile()(input), {
    prepare: () => void compile()
  })
  validators.set(schema, validator)
  return validator as Validator<T>
}

function compileNow(schema: JsonSchema): Validator {
  const validate = compileAjvSchema(schema)
  const cleanUp = compileCleanUp(schema)
  return (input) => {
    const warnings: ValidationWarning[] = []
    let value: unknown
    try {
      value = cleanUp(input, warnings)
    } catch (error) {
      if (!(error instanceof ValueTooDeepError)) throw error
      // Too deep to read safely: an invalid value, said in a sentence like the others.
      const issue = { path: error.path, message: error.message, keyword: 'maxDepth' }
      return { valid: false, errors: [issue], message: error.message, warnings }
    }
    if (validate(value)) return { valid: true, value, warnings }
    const errors = errorsToIssues(validate.errors ?? [])
    return { valid: false, errors, message: errors.map((error) => error.message).join(' '), warnings }
  }
}

/**
 * The validator of an action's payload: undeclared keys are dropped (and reported).
 * The schema is built and compiled once, here.
 *
 * @example
 * const validatePayload = createPayloadValidator({ email: { label: 'Email', type: 'string', required: true } })
 * validatePayload({}).valid // false
 * // message: "The root value is missing the required field 'email'."
 */
export function createPayloadValidator<T = unknown>(fields: MinimalFields): Validator<T> {
  return compileSchemaValidator<T>(fieldsToJsonSchema(fields))
}

/**
 * The validator of destination (or audience) settings: keys the fields do not
 * declare are kept, since hosts store more than the fields.
 *
 * @example
 * const validateSettings = createSettingsValidator({ apiKey: { label: 'API Key', type: 'password', required: true } })
 * validateSettings({ apiKey: 'k', subscription: {} }).valid // true
 */
export function createSettingsValidator<T = unknown>(fields: MinimalFields): Validator<T> {
  return compileSchemaValidator<T>(fieldsToJsonSchema(fields, { additionalProperties: true }))
}

/**
 * The error of settings that failed validation: `INVALID_SETTINGS`, status 400, not retryable.
 *
 * @example
 * const result = validateSettings(settings)
 * if (!result.valid) throw settingsError(result)
 */
export function settingsError(result: ValidationFailure): IntegrationError {
  const error = new IntegrationError(result.message, ErrorCodes.INVALID_SETTINGS, 400)
  error.retry = false
  return error
}

/**
 * The error of a payload that failed validation: `PayloadValidationError`, status 400, not retryable.
 *
 * @example
 * const result = action.validatePayload(payload)
 * if (!result.valid) throw payloadError(result)
 */
export function payloadError(result: ValidationFailure): PayloadValidationError {
  return new PayloadValidationError(result.message)
}
