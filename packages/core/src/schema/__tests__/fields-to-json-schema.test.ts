import type { InputField } from '../../definition/types.js'
import { IntegrationError } from '../../errors/errors.js'
import { fieldsToJsonSchema, type MinimalFields } from '../fields-to-json-schema.js'
import type { JsonSchema } from '../types.js'

function propertyOf(field: MinimalFields[string]): JsonSchema {
  return fieldsToJsonSchema({ field }).properties!.field
}

describe('fieldsToJsonSchema', () => {
  it('builds a closed object by default, with the required list', () => {
    const schema = fieldsToJsonSchema({
      email: { label: 'Email', description: 'The email.', type: 'string', required: true },
      name: { label: 'Name', type: 'string' }
    })
    expect(schema).toEqual({
      type: 'object',
      additionalProperties: false,
      required: ['email'],
      properties: {
        email: { title: 'Email', description: 'The email.', type: 'string' },
        name: { title: 'Name', type: 'string' }
      }
    })
  })

  it('keeps unknown root keys when asked (settings)', () => {
    expect(fieldsToJsonSchema({}, { additionalProperties: true }).additionalProperties).toBe(true)
    expect(fieldsToJsonSchema().additionalProperties).toBe(false)
  })

  it.each([
    ['string', { type: 'string' }],
    ['text', { type: 'string', format: 'text' }],
    ['password', { type: 'string', format: 'password' }],
    ['number', { type: 'number' }],
    ['integer', { type: 'integer' }],
    ['boolean', { type: 'boolean' }],
    ['datetime', { type: ['string', 'number'], format: 'date-like' }],
    ['object', { type: 'object' }]
  ] as const)('maps the %s type', (type, expected) => {
    expect(propertyOf({ label: 'Field', type })).toEqual({ title: 'Field', ...expected })
  })

  it('keeps a string format, and a date or date-time format of a datetime field', () => {
    expect(propertyOf({ label: 'E', type: 'string', format: 'email' }).format).toBe('email')
    expect(propertyOf({ label: 'D', type: 'datetime', format: 'date' }).format).toBe('date')
    expect(propertyOf({ label: 'D', type: 'datetime', format: 'uri' }).format).toBe('date-like')
    expect(propertyOf({ label: 'N', type: 'number', format: 'email' }).format).toBeUndefined()
  })

  it('turns string and {label, value} choices into an enum', () => {
    expect(propertyOf({ label: 'C', type: 'string', choices: ['a', 'b'] }).enum).toEqual(['a', 'b'])
    const choices = [
      { label: 'One', value: 1 },
      { label: 'Two', value: 2 }
    ]
    expect(propertyOf({ label: 'C', type: 'number', choices }).enum).toEqual([1, 2])
  })

  it('adds null to the type and the enum with allowNull', () => {
    expect(propertyOf({ label: 'C', type: 'string', allowNull: true, choices: ['a'] })).toEqual({
      title: 'C',
      type: ['string', 'null'],
      enum: ['a', null]
    })
    expect(propertyOf({ label: 'D', type: 'datetime', allowNull: true }).type).toEqual([
      'string',
      'number',
      'null'
    ])
  })

  it('turns number bounds into a range, also when a bound is 0', () => {
    expect(propertyOf({ label: 'N', type: 'number', minimum: 0, maximum: 10 })).toMatchObject({
      minimum: 0,
      maximum: 10
    })
    expect(propertyOf({ label: 'N', type: 'integer', minimum: -5, maximum: 0 })).toMatchObject({
      minimum: -5,
      maximum: 0
    })
  })

  it('turns string bounds into lengths, also when a bound is 0', () => {
    const schema = propertyOf({ label: 'S', type: 'string', minimum: 0, maximum: 0 })
    expect(schema).toMatchObject({ minLength: 0, maxLength: 0 })
    expect(schema.minimum).toBeUndefined()
    expect(propertyOf({ label: 'P', type: 'password', minimum: 8 })).toMatchObject({ minLength: 8 })
    expect(propertyOf({ label: 'B', type: 'boolean', minimum: 1 }).minimum).toBeUndefined()
  })

  it('makes an array of the item schema with multiple', () => {
    expect(propertyOf({ label: 'Tags', type: 'string', multiple: true, choices: ['a'], maximum: 3 })).toEqual(
      {
        title: 'Tags',
        type: 'array',
        items: { title: 'Tags', 'x-item': true, type: 'string', enum: ['a'], maxLength: 3 }
      }
    )
    expect(propertyOf({ label: 'Tags', type: 'string', multiple: true, allowNull: true }).type).toEqual([
      'array',
      'null'
    ])
  })

  it('recurses into object properties, closed unless the field says otherwise', () => {
    const address: InputField = {
      label: 'Address',
      type: 'object',
      properties: {
        city: { label: 'City', type: 'string', required: true },
        zip: { label: 'ZIP', type: 'integer' }
      }
    }
    expect(propertyOf(address)).toEqual({
      title: 'Address',
      type: 'object',
      additionalProperties: false,
      required: ['city'],
      properties: { city: { title: 'City', type: 'string' }, zip: { title: 'ZIP', type: 'integer' } }
    })
    expect(propertyOf({ ...address, additionalProperties: true }).additionalProperties).toBe(true)
  })

  it('leaves an object without properties open to any key', () => {
    expect(propertyOf({ label: 'Traits', type: 'object' })).toEqual({ title: 'Traits', type: 'object' })
  })

  it('makes arrays of objects with multiple and properties', () => {
    const schema = propertyOf({
      label: 'Products',
      type: 'object',
      multiple: true,
      properties: { sku: { label: 'SKU', type: 'string', required: true } }
    })
    expect(schema).toEqual({
      title: 'Products',
      type: 'array',
      items: {
        title: 'Products',
        'x-item': true,
        type: 'object',
        additionalProperties: false,
        required: ['sku'],
        properties: { sku: { title: 'SKU', type: 'string' } }
      }
    })
  })

  it('leaves UI-only keys and defaults out', () => {
    const schema = propertyOf({
      label: 'Email',
      type: 'string',
      default: { '@path': '$.traits.email' },
      placeholder: 'a@b.c',
      dynamic: true,
      category: 'identifier',
      displayMode: 'expanded',
      readOnly: false,
      unsafe_hidden: false,
      defaultObjectUI: 'keyvalue',
      disabledInputMethods: ['literal'],
      depends_on: { conditions: [{ fieldKey: 'x', operator: 'is', value: 1 }] }
    })
    expect(schema).toEqual({ title: 'Email', type: 'string' })
  })

  it('turns a conditional requirement into if/then inside allOf', () => {
    const schema = fieldsToJsonSchema({
      channel: { label: 'Channel', type: 'string' },
      email: {
        label: 'Email',
        type: 'string',
        required: { conditions: [{ fieldKey: 'channel', operator: 'is', value: 'email' }] }
      }
    })
    expect(schema.required).toBeUndefined()
    expect(schema.allOf).toEqual([
      {
        if: { required: ['channel'], properties: { channel: { const: 'email' } } },
        then: { required: ['email'], $comment: `when 'channel' is "email"` }
      }
    ])
  })

  it('throws a definition error for an unknown field type', () => {
    const broken = { label: 'X', type: 'strnig' } as unknown as InputField
    expect(() => fieldsToJsonSchema({ x: broken })).toThrow(IntegrationError)
    expect(() => fieldsToJsonSchema({ x: broken })).toThrow(/'x' has the type "strnig"/)
  })

  it('does not change the fields it reads', () => {
    const fields = Object.freeze({
      a: Object.freeze({ label: 'A', type: 'string', choices: Object.freeze(['x']), allowNull: true })
    }) as unknown as MinimalFields
    expect(() => fieldsToJsonSchema(fields)).not.toThrow()
  })
})
