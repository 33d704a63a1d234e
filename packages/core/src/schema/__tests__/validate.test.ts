import { ErrorCodes } from '../../errors/error-codes.js'
import { IntegrationError, PayloadValidationError } from '../../errors/errors.js'
import { compileCleanUp, MAX_CLEAN_UP_DEPTH, ValueTooDeepError } from '../clean-up.js'
import { fieldsToJsonSchema } from '../fields-to-json-schema.js'
import type { ValidationFailure } from '../types.js'
import {
  compileSchemaValidator,
  createPayloadValidator,
  createSettingsValidator,
  payloadError,
  settingsError
} from '../validate.js'
import { validateSchema } from '../validate-schema.js'
import { deepFreeze } from './deep-freeze.js'

function failure(result: ReturnType<ReturnType<typeof compileSchemaValidator>>): ValidationFailure {
  if (result.valid) throw new Error('expected the value to be invalid')
  return result
}

describe('compileSchemaValidator', () => {
  it('answers the cleaned copy and the warnings when valid', () => {
    const validate = createPayloadValidator({ revenue: { label: 'Revenue', type: 'number', required: true } })
    expect(validate({ revenue: '12.5', extra: true })).toEqual({
      valid: true,
      value: { revenue: 12.5 },
      warnings: [
        { code: 'COERCED', path: '/revenue', message: 'Revenue was converted from a string to a number.' },
        {
          code: 'DROPPED_UNKNOWN_KEY',
          path: '/extra',
          message: "The key 'extra' is not a declared field and was dropped."
        }
      ]
    })
  })

  it('keeps the warnings when invalid too', () => {
    const validate = createPayloadValidator({ revenue: { label: 'Revenue', type: 'number', required: true } })
    const result = failure(validate({ revenue: null }))
    expect(result.warnings.map((w) => w.code)).toEqual(['REMOVED_NULL'])
    expect(result.message).toBe("The root value is missing the required field 'revenue'.")
  })

  it('returns the same validator for the same schema object', () => {
    const schema = fieldsToJsonSchema({ a: { label: 'A', type: 'string' } })
    expect(compileSchemaValidator(schema)).toBe(compileSchemaValidator(schema))
  })

  it('never confuses two schemas with the same title', () => {
    const numbers = { title: 'Payload', ...fieldsToJsonSchema({ a: { label: 'A', type: 'number' } }) }
    const booleans = { title: 'Payload', ...fieldsToJsonSchema({ a: { label: 'A', type: 'boolean' } }) }
    const validateNumbers = compileSchemaValidator(numbers)
    const validateBooleans = compileSchemaValidator(booleans)
    expect(validateNumbers).not.toBe(validateBooleans)
    expect(validateNumbers({ a: 1 }).valid).toBe(true)
    expect(validateBooleans({ a: 1 })).toMatchObject({ valid: true, value: { a: true } })
    expect(failure(validateBooleans({ a: 'maybe' })).message).toBe('A must be a boolean but it was a string.')
  })

  it('never changes the caller value, valid or not (deep-frozen input)', () => {
    const validate = createPayloadValidator({
      email: { label: 'Email', type: 'string', format: 'email', required: true },
      tags: { label: 'Tags', type: 'string', multiple: true },
      items: {
        label: 'Items',
        type: 'object',
        multiple: true,
        properties: { qty: { label: 'Qty', type: 'integer' } }
      }
    })
    const good = deepFreeze({ email: 'a@b.co', tags: 'x', items: { qty: '2', junk: 1 }, drop: null })
    const bad = deepFreeze({ email: 'nope', tags: [1, undefined], items: [{ qty: 'two' }] })
    expect(validate(good)).toMatchObject({
      valid: true,
      value: { email: 'a@b.co', tags: ['x'], items: [{ qty: 2 }] }
    })
    expect(validate(bad).valid).toBe(false)
    expect(good).toEqual({ email: 'a@b.co', tags: 'x', items: { qty: '2', junk: 1 }, drop: null })
  })

  it('runs the same compiled validator many times with independent results', () => {
    const validate = createPayloadValidator({ n: { label: 'N', type: 'integer', required: true } })
    const results = ['1', 'x', '3'].map((n) => validate({ n }))
    expect(results.map((r) => r.valid)).toEqual([true, false, true])
    expect(results[0].warnings).toHaveLength(1)
    expect(failure(results[1]).errors).toHaveLength(1)
  })
})

describe('createSettingsValidator', () => {
  const validate = createSettingsValidator({
    apiKey: { label: 'API Key', type: 'password', required: true },
    port: { label: 'Port', type: 'number', minimum: 1 },
    debug: { label: 'Debug', type: 'boolean' }
  })

  it('keeps keys the fields do not declare', () => {
    expect(validate({ apiKey: 'k', port: '8080', subscription: { partnerAction: 'x' } })).toMatchObject({
      valid: true,
      value: { apiKey: 'k', port: 8080, subscription: { partnerAction: 'x' } }
    })
  })

  it('never names a secret value in warnings or errors', () => {
    const result = validate({ apiKey: 123456789, port: 0 })
    const text = JSON.stringify(result)
    expect(text).not.toContain('123456789')
    expect(failure(result).message).toBe('Port must be greater than or equal to 1.')
  })

  it('maps a failure to INVALID_SETTINGS (400, not retryable)', () => {
    const error = settingsError(failure(validate({})))
    expect(error).toBeInstanceOf(IntegrationError)
    expect(error.code).toBe(ErrorCodes.INVALID_SETTINGS)
    expect(error.status).toBe(400)
    expect(error.retryable).toBe(false)
    expect(error.message).toBe("The root value is missing the required field 'apiKey'.")
  })
})

describe('payloadError', () => {
  it('maps a failure to a PayloadValidationError (400, not retryable)', () => {
    const validate = createPayloadValidator({ revenue: { label: 'Revenue', type: 'number' } })
    const error = payloadError(failure(validate({ revenue: 'lots' })))
    expect(error).toBeInstanceOf(PayloadValidationError)
    expect(error.code).toBe(ErrorCodes.PAYLOAD_VALIDATION_FAILED)
    expect(error.status).toBe(400)
    expect(error.retryable).toBe(false)
    expect(error.message).toBe('Revenue must be a number but it was a string.')
  })
})

describe('fields named like Object.prototype members', () => {
  // Without ajv's ownProperties, `required` and `properties` read the inherited functions.
  const fields = {
    constructor: { label: 'Constructor', type: 'string' },
    toString: { label: 'To String', type: 'string', required: true }
  } as const

  it.each([
    ['payloads', createPayloadValidator(fields)],
    ['settings', createSettingsValidator(fields)]
  ])(
    'in %s: an optional `constructor` may be absent, a required `toString` must be present',
    (_, validate) => {
      expect(failure(validate({})).errors).toEqual([
        {
          path: '/toString',
          field: 'toString',
          keyword: 'required',
          message: "The root value is missing the required field 'toString'."
        }
      ])
      expect(validate({ toString: 'x' })).toMatchObject({ valid: true, value: { toString: 'x' } })
      expect(validate({ toString: 'x', constructor: 'y' })).toMatchObject({
        valid: true,
        value: { toString: 'x', constructor: 'y' }
      })
      expect(failure(validate({ toString: 'x', constructor: {} })).message).toBe(
        'Constructor must be a string but it was an object.'
      )
    }
  )

  it('a condition on a `constructor` field reads the field, not the inherited function', () => {
    const validate = createPayloadValidator({
      constructor: { label: 'Constructor', type: 'string' as const },
      a: {
        label: 'A',
        type: 'string',
        required: { conditions: [{ fieldKey: 'constructor', operator: 'is_not', value: undefined }] }
      }
    })
    expect(validate({}).valid).toBe(true)
    expect(validate({ constructor: 'x' }).valid).toBe(false)
  })

  it('a field called __proto__ is a property of the schema, not its prototype', () => {
    // (ajv itself ignores a `__proto__` property, so definitions reject such a field key.)
    const fields = JSON.parse('{"__proto__": {"label": "Proto", "type": "string", "required": true}}')
    const schema = fieldsToJsonSchema(fields)
    expect(Object.getPrototypeOf(schema.properties)).toBe(Object.prototype)
    expect(Object.keys(schema.properties!)).toEqual(['__proto__'])
    expect(schema.properties!.__proto__).toEqual({ title: 'Proto', type: 'string' })
    expect(failure(compileSchemaValidator(schema)({})).message).toBe(
      "The root value is missing the required field '__proto__'."
    )
  })
})

describe('values nested deeper than the clean-up reads', () => {
  /** `levels` objects nested in one another under the key `a`. */
  function nested(levels: number): Record<string, unknown> {
    let value: Record<string, unknown> = { leaf: true }
    for (let level = 1; level < levels; level++) value = { a: value }
    return value
  }

  it('are invalid with a sentence naming the limit and the path, never a RangeError', () => {
    const validate = createPayloadValidator({ obj: { label: 'Obj', type: 'object' } })
    expect(MAX_CLEAN_UP_DEPTH).toBe(512)
    // The payload is level 1, obj level 2: 511 nested objects reach level 512.
    expect(validate({ obj: nested(MAX_CLEAN_UP_DEPTH - 1) }).valid).toBe(true)
    const path = `/obj${'/a'.repeat(MAX_CLEAN_UP_DEPTH - 1)}`
    for (const levels of [MAX_CLEAN_UP_DEPTH, 5_000, 100_000]) {
      const result = failure(validate({ obj: nested(levels) }))
      const message =
        `The value at ${path.slice(0, 60)}…${path.slice(-60)} is 513 levels deep, ` +
        'and the limit is 512 levels of objects and arrays.'
      expect(result.errors).toEqual([{ path, keyword: 'maxDepth', message }])
      expect(result.message).toBe(message)
    }
  })

  it('count arrays as levels, and throw a ValueTooDeepError from the clean-up itself', () => {
    let value: unknown = 1
    for (let level = 0; level < 3_000; level++) value = [value]
    const validate = compileSchemaValidator({})
    expect(failure(validate(value)).errors[0].path).toBe('/0'.repeat(MAX_CLEAN_UP_DEPTH))
    expect(() => compileCleanUp({})(value, [])).toThrow(ValueTooDeepError)
  })

  it('make validateSchema throw a PayloadValidationError', () => {
    expect(() => validateSchema({ a: nested(1_000) }, { type: 'object' })).toThrow(PayloadValidationError)
  })
})
