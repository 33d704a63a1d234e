import { PayloadValidationError } from '../../errors/errors.js'
import { fieldsToJsonSchema } from '../fields-to-json-schema.js'
import type { JsonSchema } from '../types.js'
import { validateSchema } from '../validate-schema.js'
import { deepFreeze } from './deep-freeze.js'

const schema = fieldsToJsonSchema({
  email: { label: 'Email', type: 'string', format: 'email', required: true },
  revenue: { label: 'Revenue', type: 'number' }
})

describe('validateSchema (compatible)', () => {
  it('answers true for a valid value', () => {
    expect(validateSchema({ email: 'a@b.co', revenue: '3' }, schema)).toBe(true)
  })

  it('throws a PayloadValidationError with the sentences by default', () => {
    expect(() => validateSchema({ revenue: 'x' }, schema)).toThrow(PayloadValidationError)
    expect(() => validateSchema({ revenue: 'x' }, schema)).toThrow(
      "The root value is missing the required field 'email'. Revenue must be a number but it was a string."
    )
  })

  it('answers false instead of throwing when throwIfInvalid is false', () => {
    expect(validateSchema({}, schema, { throwIfInvalid: false })).toBe(false)
  })

  it('never changes the object it checks', () => {
    const payload = deepFreeze({ email: 'a@b.co', revenue: '3', extra: 1 })
    expect(validateSchema(payload, schema)).toBe(true)
    expect(payload).toEqual({ email: 'a@b.co', revenue: '3', extra: 1 })
  })

  it('does not confuse two schemas given the same schemaKey', () => {
    const strings: JsonSchema = { type: 'object', properties: { a: { type: 'string', pattern: '^x' } } }
    const numbers: JsonSchema = { type: 'object', properties: { a: { type: 'number', minimum: 5 } } }
    expect(validateSchema({ a: 'xy' }, strings, { schemaKey: 'same' })).toBe(true)
    expect(validateSchema({ a: 'xy' }, numbers, { schemaKey: 'same', throwIfInvalid: false })).toBe(false)
    expect(validateSchema({ a: 7 }, numbers, { schemaKey: 'same' })).toBe(true)
  })

  it('accepts schemas in the peer format ($schema, date-like, text and password formats)', () => {
    const peerStyle: JsonSchema = {
      $schema: 'http://json-schema.org/schema#',
      type: 'object',
      additionalProperties: false,
      properties: {
        at: { title: 'At', type: ['string', 'number'], format: 'date-like' },
        note: { title: 'Note', type: 'string', format: 'text' },
        secret: { title: 'Secret', type: 'string', format: 'password' }
      },
      required: []
    }
    expect(validateSchema({ at: '2024-01-01T00:00:00Z', note: 'anything', secret: 's' }, peerStyle)).toBe(
      true
    )
    expect(() => validateSchema({ at: 'soon' }, peerStyle)).toThrow(/At must be an ISO 8601 date/)
  })
})
