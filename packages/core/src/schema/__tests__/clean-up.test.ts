import { compileCleanUp } from '../clean-up.js'
import { fieldsToJsonSchema, type MinimalFields } from '../fields-to-json-schema.js'
import type { JsonSchema, ValidationWarning } from '../types.js'
import { deepFreeze } from './deep-freeze.js'

function clean(schema: JsonSchema, input: unknown) {
  const warnings: ValidationWarning[] = []
  const value = compileCleanUp(schema)(deepFreeze(input), warnings)
  return { value, warnings }
}

const cleanFields = (fields: MinimalFields, input: unknown) => clean(fieldsToJsonSchema(fields), input)

describe('compileCleanUp', () => {
  it('removes undefined keys and reports each', () => {
    const { value, warnings } = cleanFields(
      { phone: { label: 'Phone', type: 'string' }, traits: { label: 'Traits', type: 'object' } },
      { phone: undefined, traits: { a: 1, b: undefined } }
    )
    expect(value).toEqual({ traits: { a: 1 } })
    expect(Object.keys(value as object)).toEqual(['traits'])
    expect(warnings).toEqual([
      { code: 'REMOVED_UNDEFINED', path: '/phone', message: 'Phone was undefined and was removed.' },
      {
        code: 'REMOVED_UNDEFINED',
        path: '/traits/b',
        message: 'The value at /traits/b was undefined and was removed.'
      }
    ])
  })

  it('removes null where the type does not allow it, keeps it where it does', () => {
    const { value, warnings } = cleanFields(
      {
        a: { label: 'A', type: 'string' },
        b: { label: 'B', type: 'string', allowNull: true },
        c: { label: 'C', type: 'object' }
      },
      { a: null, b: null, c: { inner: null } }
    )
    expect(value).toEqual({ b: null, c: { inner: null } })
    expect(warnings).toEqual([
      { code: 'REMOVED_NULL', path: '/a', message: 'A was null, which it does not allow, and was removed.' }
    ])
  })

  it("removes '' where the type is not a string, keeps it for strings", () => {
    const { value, warnings } = cleanFields(
      {
        n: { label: 'Revenue', type: 'number' },
        s: { label: 'Name', type: 'string' },
        b: { label: 'Flag', type: 'boolean' }
      },
      { n: '', s: '', b: '' }
    )
    expect(value).toEqual({ s: '' })
    expect(warnings.map((w) => [w.code, w.path])).toEqual([
      ['REMOVED_EMPTY_STRING', '/n'],
      ['REMOVED_EMPTY_STRING', '/b']
    ])
    expect(warnings[0].message).toBe(
      'Revenue was an empty string where a number is expected, and was removed.'
    )
  })

  it('wraps a single value in an array where the schema expects one, then cleans the item', () => {
    const { value, warnings } = cleanFields(
      {
        tags: { label: 'Tags', type: 'string', multiple: true },
        ids: { label: 'IDs', type: 'integer', multiple: true },
        items: {
          label: 'Items',
          type: 'object',
          multiple: true,
          properties: { sku: { label: 'SKU', type: 'string' } }
        }
      },
      { tags: 'a', ids: '7', items: { sku: 'x' } }
    )
    expect(value).toEqual({ tags: ['a'], ids: [7], items: [{ sku: 'x' }] })
    expect(warnings).toEqual([
      {
        code: 'WRAPPED_IN_ARRAY',
        path: '/tags',
        message: 'Tags was a single value and was wrapped in an array.'
      },
      {
        code: 'WRAPPED_IN_ARRAY',
        path: '/ids',
        message: 'IDs was a single value and was wrapped in an array.'
      },
      {
        code: 'COERCED',
        path: '/ids/0',
        message: 'IDs item 1 was converted from a string to an integer.'
      },
      {
        code: 'WRAPPED_IN_ARRAY',
        path: '/items',
        message: 'Items was a single value and was wrapped in an array.'
      }
    ])
  })

  it('does not wrap null into an array that allows null', () => {
    const { value, warnings } = cleanFields(
      { tags: { label: 'Tags', type: 'string', multiple: true, allowNull: true } },
      { tags: null }
    )
    expect(value).toEqual({ tags: null })
    expect(warnings).toEqual([])
  })

  it('coerces scalars to the type asked for and reports each', () => {
    const { value, warnings } = cleanFields(
      {
        revenue: { label: 'Revenue', type: 'number' },
        quantity: { label: 'Quantity', type: 'integer' },
        active: { label: 'Active', type: 'boolean' },
        off: { label: 'Off', type: 'boolean' },
        id: { label: 'ID', type: 'string' },
        flag: { label: 'Flag', type: 'string' },
        at: { label: 'At', type: 'datetime' }
      },
      {
        revenue: '12.5',
        quantity: '3',
        active: 'true',
        off: 0,
        id: 12,
        flag: false,
        at: new Date('2024-01-02T03:04:05.000Z')
      }
    )
    expect(value).toEqual({
      revenue: 12.5,
      quantity: 3,
      active: true,
      off: false,
      id: '12',
      flag: 'false',
      at: '2024-01-02T03:04:05.000Z'
    })
    expect(warnings.every((w) => w.code === 'COERCED')).toBe(true)
    expect(warnings.map((w) => w.message)).toEqual([
      'Revenue was converted from a string to a number.',
      'Quantity was converted from a string to an integer.',
      'Active was converted from a string to a boolean.',
      'Off was converted from a number to a boolean.',
      'ID was converted from a number to a string.',
      'Flag was converted from a boolean to a string.',
      'At was converted from a Date object to a string.'
    ])
  })

  it('leaves values that cannot be coerced for validation to report', () => {
    const { value, warnings } = cleanFields(
      {
        revenue: { label: 'Revenue', type: 'number' },
        quantity: { label: 'Quantity', type: 'integer' },
        active: { label: 'Active', type: 'boolean' },
        id: { label: 'ID', type: 'string' }
      },
      { revenue: 'lots', quantity: '2.5', active: 'yes', id: { nested: true } }
    )
    expect(value).toEqual({ revenue: 'lots', quantity: '2.5', active: 'yes', id: { nested: true } })
    expect(warnings).toEqual([])
  })

  it('drops keys the fields do not declare, also inside closed objects', () => {
    const { value, warnings } = cleanFields(
      {
        address: { label: 'Address', type: 'object', properties: { city: { label: 'City', type: 'string' } } }
      },
      { extra: 1, address: { city: 'Paris', zip: '75001' } }
    )
    expect(value).toEqual({ address: { city: 'Paris' } })
    expect(warnings).toEqual([
      {
        code: 'DROPPED_UNKNOWN_KEY',
        path: '/extra',
        message: "The key 'extra' is not a declared field and was dropped."
      },
      {
        code: 'DROPPED_UNKNOWN_KEY',
        path: '/address/zip',
        message: "The key 'zip' is not a declared field of Address and was dropped."
      }
    ])
  })

  it('keeps undeclared keys where additional properties are allowed', () => {
    const schema = fieldsToJsonSchema(
      {
        apiKey: { label: 'API Key', type: 'string' },
        data: {
          label: 'Data',
          type: 'object',
          additionalProperties: true,
          properties: { a: { label: 'A', type: 'number' } }
        }
      },
      { additionalProperties: true }
    )
    const { value, warnings } = clean(schema, { apiKey: 'k', region: 'eu', data: { a: '1', b: 'x' } })
    expect(value).toEqual({ apiKey: 'k', region: 'eu', data: { a: 1, b: 'x' } })
    expect(warnings.map((w) => w.code)).toEqual(['COERCED'])
  })

  it('escapes keys in warning paths', () => {
    const { warnings } = cleanFields({}, { 'a/b~c': 1 })
    expect(warnings[0].path).toBe('/a~1b~0c')
  })

  it('removes undefined and disallowed null items from arrays', () => {
    const { value, warnings } = cleanFields(
      { tags: { label: 'Tags', type: 'string', multiple: true } },
      { tags: ['a', undefined, null, 'b'] }
    )
    expect(value).toEqual({ tags: ['a', 'b'] })
    expect(warnings.map((w) => [w.code, w.path])).toEqual([
      ['REMOVED_UNDEFINED', '/tags/1'],
      ['REMOVED_NULL', '/tags/2']
    ])
  })

  it('names the items of multiple fields by the label and the position in warnings', () => {
    const { warnings } = cleanFields(
      {
        tags: { label: 'Tags', type: 'string', multiple: true },
        items: {
          label: 'Items',
          type: 'object',
          multiple: true,
          properties: { qty: { label: 'Quantity', type: 'number' } }
        }
      },
      { tags: ['a', null, 3], items: [{ qty: '2' }, { qty: 1, junk: true }] }
    )
    expect(warnings.map((w) => w.message)).toEqual([
      'Tags item 2 was null, which it does not allow, and was removed.',
      'Tags item 3 was converted from a number to a string.',
      'Quantity was converted from a string to a number.',
      "The key 'junk' is not a declared field of Items item 2 and was dropped."
    ])
  })

  it('returns a copy and never changes the input (deep-frozen here)', () => {
    const input = { revenue: '1', tags: 'a', traits: { nested: { deep: [1, { x: 2 }] } }, gone: undefined }
    const { value } = cleanFields(
      {
        revenue: { label: 'Revenue', type: 'number' },
        tags: { label: 'Tags', type: 'string', multiple: true },
        traits: { label: 'Traits', type: 'object' }
      },
      input
    )
    const copy = value as typeof input
    expect(copy).not.toBe(input)
    expect(copy.traits).not.toBe(input.traits)
    expect(copy.traits.nested.deep).not.toBe(input.traits.nested.deep)
    expect(copy.traits).toEqual(input.traits)
    expect(input).toEqual({
      revenue: '1',
      tags: 'a',
      traits: { nested: { deep: [1, { x: 2 }] } },
      gone: undefined
    })
  })

  it('leaves the root value in place when it has the wrong type, for validation to report', () => {
    expect(clean(fieldsToJsonSchema({}), null)).toEqual({ value: null, warnings: [] })
    expect(clean(fieldsToJsonSchema({}), undefined)).toEqual({ value: undefined, warnings: [] })
  })

  it('keeps a __proto__ key as data without changing the copy prototype', () => {
    const input = JSON.parse('{"traits": {"__proto__": {"polluted": true}}}') as unknown
    const { value } = cleanFields({ traits: { label: 'Traits', type: 'object' } }, input)
    const traits = (value as { traits: Record<string, unknown> }).traits
    expect(Object.getPrototypeOf(traits)).toBe(Object.prototype)
    expect(Object.keys(traits)).toEqual(['__proto__'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('follows hand-written schemas: additionalProperties and items schemas', () => {
    const schema: JsonSchema = {
      type: 'object',
      additionalProperties: { type: 'number' },
      properties: { list: { type: 'array', items: { type: 'boolean' } } }
    }
    const { value, warnings } = clean(schema, { a: '1', list: ['true', 'false'] })
    expect(value).toEqual({ a: 1, list: [true, false] })
    expect(warnings).toHaveLength(3)
  })

  it('compiles a schema that contains itself', () => {
    const tree: JsonSchema = { type: 'object', properties: { size: { type: 'number' } } }
    tree.properties!.child = tree
    const { value } = clean(tree, { size: '1', child: { size: '2' } })
    expect(value).toEqual({ size: 1, child: { size: 2 } })
  })
})
