import { createPayloadValidator, compileSchemaValidator } from '../validate.js'
import type { JsonSchema, ValidationResult } from '../types.js'

function messagesOf(result: ValidationResult): string[] {
  if (result.valid) throw new Error('expected the value to be invalid')
  return result.errors.map((error) => error.message)
}

const messagesFor = (schema: JsonSchema, value: unknown) => messagesOf(compileSchemaValidator(schema)(value))

describe('error sentences', () => {
  describe('the examples of the spec, verbatim', () => {
    const validate = createPayloadValidator({
      email: { label: 'Email', type: 'string', format: 'email', required: true },
      revenue: { label: 'Revenue', type: 'number' },
      action_source: { label: 'Action Source', type: 'string', choices: ['email', 'website'] }
    })

    it('names a missing required field at the root', () => {
      const result = validate({})
      expect(result).toEqual({
        valid: false,
        errors: [
          {
            path: '/email',
            field: 'email',
            keyword: 'required',
            message: "The root value is missing the required field 'email'."
          }
        ],
        message: "The root value is missing the required field 'email'.",
        warnings: []
      })
    })

    it('names a bad format, a wrong type and a value out of the choices, joined with spaces', () => {
      const result = validate({ email: 'not-an-email', revenue: 'lots', action_source: 'phone' })
      expect(result.valid).toBe(false)
      if (result.valid) return
      expect(result.errors).toEqual([
        {
          path: '/email',
          field: 'email',
          keyword: 'format',
          message: 'Email must be a valid email address string but it was not.'
        },
        {
          path: '/revenue',
          field: 'revenue',
          keyword: 'type',
          message: 'Revenue must be a number but it was a string.'
        },
        {
          path: '/action_source',
          field: 'action_source',
          keyword: 'enum',
          message: 'Action Source must be one of: "email", "website".'
        }
      ])
      expect(result.message).toBe(
        'Email must be a valid email address string but it was not. Revenue must be a number but it was a string. ' +
          'Action Source must be one of: "email", "website".'
      )
    })
  })

  it('lists null among the types and in the choices when allowed', () => {
    const validate = createPayloadValidator({
      name: { label: 'Name', type: 'string', allowNull: true },
      kind: { label: 'Kind', type: 'string', allowNull: true, choices: ['a'] }
    })
    expect(messagesOf(validate({ name: { x: 1 }, kind: 'b' }))).toEqual([
      'Name must be a string or null but it was an object.',
      'Kind must be one of: "a", null.'
    ])
  })

  it('describes number ranges and string lengths, also with 0 bounds', () => {
    const validate = createPayloadValidator({
      low: { label: 'Low', type: 'number', minimum: 0 },
      high: { label: 'High', type: 'integer', maximum: 0 },
      short: { label: 'Short', type: 'string', maximum: 0 },
      long: { label: 'Long', type: 'string', minimum: 3 },
      capped: { label: 'Capped', type: 'string', maximum: 1 }
    })
    expect(messagesOf(validate({ low: -1, high: 1, short: 'x', long: 'ab', capped: 'ab' }))).toEqual([
      'Low must be greater than or equal to 0.',
      'High must be less than or equal to 0.',
      'Short must be empty.',
      'Long must be at least 3 characters long.',
      'Capped must be at most 1 character long.'
    ])
  })

  it('names each format in words', () => {
    const formats = [
      'date-time',
      'date',
      'time',
      'uri',
      'uri-reference',
      'hostname',
      'ipv4',
      'ipv6',
      'uuid',
      'regex'
    ]
    const fields = Object.fromEntries(
      formats.map((format) => [format, { label: `F ${format}`, type: 'string', format }])
    )
    const validate = createPayloadValidator(fields as never)
    const input = Object.fromEntries(
      formats.map((format) => [format, format === 'regex' ? '(' : 'not valid'])
    )
    expect(messagesOf(validate(input))).toEqual([
      'F date-time must be a valid date-time string but it was not.',
      'F date must be a valid date string but it was not.',
      'F time must be a valid time string but it was not.',
      'F uri must be a valid URI string but it was not.',
      'F uri-reference must be a valid URI reference string but it was not.',
      'F hostname must be a valid hostname string but it was not.',
      'F ipv4 must be a valid IPv4 address string but it was not.',
      'F ipv6 must be a valid IPv6 address string but it was not.',
      'F uuid must be a valid UUID string but it was not.',
      'F regex must be a valid regular expression string but it was not.'
    ])
  })

  it('explains the date-like format of datetime fields', () => {
    const validate = createPayloadValidator({ at: { label: 'Timestamp', type: 'datetime' } })
    expect(messagesOf(validate({ at: 'yesterday' }))).toEqual([
      'Timestamp must be an ISO 8601 date or date-time string or an epoch timestamp but it was not.'
    ])
    expect(validate({ at: '2024-05-01T10:00:00Z' }).valid).toBe(true)
    expect(validate({ at: 1714557600000 }).valid).toBe(true)
  })

  it('names items of multiple fields by the field label and the position (from 1)', () => {
    const validate = createPayloadValidator({ tags: { label: 'Tags', type: 'string', multiple: true } })
    const result = validate({ tags: ['a', { b: 1 }] })
    expect(!result.valid && result.errors).toEqual([
      {
        path: '/tags/1',
        field: 'tags',
        keyword: 'type',
        message: 'Tags item 2 must be a string but it was an object.'
      }
    ])
  })

  it('names the items of a multiple field in format, choice and range errors', () => {
    const validate = createPayloadValidator({
      emails: { label: 'Emails', type: 'string', format: 'email', multiple: true },
      sizes: { label: 'Sizes', type: 'string', choices: ['S', 'M'], multiple: true },
      scores: { label: 'Scores', type: 'number', minimum: 0, multiple: true }
    })
    const result = validate({ emails: ['a@b.co', 'x'], sizes: ['XL'], scores: [-1] })
    expect(!result.valid && result.errors).toEqual([
      {
        path: '/emails/1',
        field: 'emails',
        keyword: 'format',
        message: 'Emails item 2 must be a valid email address string but it was not.'
      },
      {
        path: '/sizes/0',
        field: 'sizes',
        keyword: 'enum',
        message: 'Sizes item 1 must be one of: "S", "M".'
      },
      {
        path: '/scores/0',
        field: 'scores',
        keyword: 'minimum',
        message: 'Scores item 1 must be greater than or equal to 0.'
      }
    ])
  })

  it('names fields of objects inside arrays by their label', () => {
    const validate = createPayloadValidator({
      products: {
        label: 'Products',
        type: 'object',
        multiple: true,
        properties: { price: { label: 'Price', type: 'number', required: true } }
      }
    })
    const result = validate({ products: [{ price: 'x' }, {}] })
    expect(!result.valid && result.errors).toEqual([
      {
        path: '/products/0/price',
        field: 'price',
        keyword: 'type',
        message: 'Price must be a number but it was a string.'
      },
      {
        path: '/products/1/price',
        field: 'price',
        keyword: 'required',
        message: "Products item 2 is missing the required field 'price'."
      }
    ])
  })

  it('says what the root value was when it is not an object', () => {
    const validate = createPayloadValidator({})
    expect(messagesOf(validate(undefined))).toEqual([
      'The root value must be an object but it was undefined.'
    ])
    expect(messagesOf(validate([1]))).toEqual(['The root value must be an object but it was an array.'])
  })

  it('has sentences for the other keywords of hand-written schemas', () => {
    expect(
      messagesFor({ type: 'array', minItems: 2, maxItems: 0, uniqueItems: true }, [1, 1]).sort()
    ).toEqual([
      'The root value must have at most 0 items.',
      'The root value must not contain duplicates but items 0 and 1 are the same.'
    ])
    expect(messagesFor({ type: 'array', minItems: 1 }, [])).toEqual([
      'The root value must have at least 1 item.'
    ])
    expect(messagesFor({ title: 'Code', type: 'string', pattern: '^[A-Z]{3}$' }, 'usd')).toEqual([
      'Code must match the pattern /^[A-Z]{3}$/ but it did not.'
    ])
    expect(messagesFor({ title: 'Version', const: 2 }, 3)).toEqual(['Version must be 2.'])
    expect(
      messagesFor(
        { title: 'Step', type: 'number', multipleOf: 5, exclusiveMinimum: 10, exclusiveMaximum: 0 },
        7
      ).sort()
    ).toEqual(['Step must be a multiple of 5.', 'Step must be greater than 10.', 'Step must be less than 0.'])
    expect(
      messagesFor({ type: 'object', additionalProperties: false, required: [], minProperties: 3 }, {})
    ).toEqual(['The root value must have at least 3 fields.'])
    expect(
      messagesFor({ type: 'object', properties: { a: false as unknown as JsonSchema } }, { a: 1 })
    ).toEqual(['The value at /a is not allowed.'])
    expect(messagesFor({ title: 'Id', not: { type: 'string' } }, 'x')).toEqual([
      'Id has a form that is not allowed.'
    ])
    expect(messagesFor({ type: 'array', contains: { type: 'number' } }, ['a'])).toEqual([
      'The root value must contain at least one valid item.'
    ])
    expect(messagesFor({ type: 'object', dependencies: { a: ['b'] } }, { a: 1 })).toEqual([
      "The root value is missing the field 'b', which is required when 'a' is present."
    ])
  })

  it('reports an unexpected key of a hand-written schema that nothing dropped', () => {
    const schema: JsonSchema = {
      type: 'object',
      allOf: [{ additionalProperties: false, properties: { a: {} } }]
    }
    const result = compileSchemaValidator(schema)({ a: 1, b: 2 })
    expect(!result.valid && result.errors).toEqual([
      {
        path: '/b',
        field: 'b',
        keyword: 'additionalProperties',
        message: "The root value has the unexpected field 'b'."
      }
    ])
  })

  it('folds the branches of anyOf and oneOf into one sentence', () => {
    const either: JsonSchema = { title: 'Id', anyOf: [{ type: 'string' }, { type: 'number' }] }
    expect(messagesFor(either, true)).toEqual(['Id does not match any of the allowed forms.'])
    const exactlyOne: JsonSchema = { title: 'Id', oneOf: [{ type: 'number' }, { type: 'integer' }] }
    expect(messagesFor(exactlyOne, 1)).toEqual([
      'Id matches more than one of the allowed forms but must match exactly one.'
    ])
    expect(messagesFor(exactlyOne, 'x')).toEqual(['Id does not match any of the allowed forms.'])
  })

  it('reports the same sentence once', () => {
    const schema: JsonSchema = { type: 'object', allOf: [{ required: ['a'] }, { required: ['a'] }] }
    expect(messagesFor(schema, {})).toEqual(["The root value is missing the required field 'a'."])
  })
})
