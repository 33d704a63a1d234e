import { Destination } from '../../runtime/destination.js'
import { DefinitionError, validateDefinition } from '../validate-definition.js'

const perform = () => 'ok'

/** A definition with one action `send` whose fields are `fields`. */
function withFields(fields: unknown, action: Record<string, unknown> = {}) {
  return { name: 'X', actions: { send: { title: 'Send', perform, fields, ...action } } }
}

/** A definition with one `send` action whose field `f` is `field`. */
function withField(field: Record<string, unknown>) {
  return withFields({ f: { label: 'F', type: 'string', ...field } })
}

/** What `new Destination` throws, checked to be a DefinitionError. */
function definitionErrorOf(definition: unknown): DefinitionError {
  try {
    new Destination(definition as never)
  } catch (error) {
    expect(error).toBeInstanceOf(DefinitionError)
    return error as DefinitionError
  }
  throw new Error('expected the definition to be rejected')
}

/** `levels` object fields nested through `properties`, the innermost one being `leaf`. */
function nestedField(levels: number, leaf: Record<string, unknown>): Record<string, unknown> {
  let field = leaf
  for (let level = 0; level < levels; level++)
    field = { label: 'O', type: 'object', properties: { x: field } }
  return field
}

describe('validateDefinition: malformed fields are DefinitionErrors naming the path', () => {
  it.each([
    [
      'choices that are not an array',
      withField({ choices: 'abc' }),
      `'actions.send.fields.f.choices' must be an array of strings or { label, value } objects but it is the string "abc".`
    ],
    [
      'a null choice',
      withField({ choices: ['a', null] }),
      `'actions.send.fields.f.choices[1]' must be a string or a { label, value } object but it is null.`
    ],
    [
      'a choice object without a value',
      withField({ choices: [{ label: 'A' }] }),
      `'actions.send.fields.f.choices[0].value' must be a string or a number but it is undefined.`
    ],
    [
      'conditions that are not an array',
      withField({ required: { conditions: 'x' } }),
      `'actions.send.fields.f.required.conditions' must be an array of conditions but it is the string "x".`
    ],
    [
      'a required that is neither a boolean nor conditions',
      withField({ required: 'yes' }),
      `'actions.send.fields.f.required' must be true, false or { match, conditions } but it is the string "yes".`
    ],
    [
      'a condition without fieldKey',
      withField({ required: { conditions: [{ operator: 'is', value: 1 }] } }),
      `'actions.send.fields.f.required.conditions[0]' is missing 'fieldKey' (the key of the field it reads).`
    ],
    [
      'a null condition',
      withField({ required: { conditions: [null] } }),
      `'actions.send.fields.f.required.conditions[0]' must be a condition object but it is null.`
    ],
    [
      'a condition with an unknown operator',
      withFields({
        a: { label: 'A', type: 'string' },
        f: {
          label: 'F',
          type: 'string',
          required: { conditions: [{ fieldKey: 'a', operator: '=', value: 1 }] }
        }
      }),
      `'actions.send.fields.f.required.conditions[0].operator' is "=", which is not one of: is, is_not.`
    ],
    [
      'a condition naming a field that does not exist',
      withFields({
        email: { label: 'Email', type: 'string' },
        f: {
          label: 'F',
          type: 'string',
          required: { conditions: [{ fieldKey: 'emial', operator: 'is', value: 1 }] }
        }
      }),
      `'actions.send.fields.f.required.conditions[0].fieldKey' names 'emial', which is not a field of ` +
        `'actions.send.fields' (a condition names a field of the same object) (did you mean 'email'?).`
    ],
    [
      'a sub-field condition naming a root field (conditions name siblings)',
      withFields({
        country: { label: 'Country', type: 'string' },
        addr: {
          label: 'Address',
          type: 'object',
          properties: {
            state: {
              label: 'State',
              type: 'string',
              required: { conditions: [{ fieldKey: 'country', operator: 'is', value: 'US' }] }
            }
          }
        }
      }),
      `'actions.send.fields.addr.properties.state.required.conditions[0].fieldKey' names 'country', ` +
        `which is not a field of 'actions.send.fields.addr.properties' (a condition names a field of the same object).`
    ],
    [
      'a dotted condition into a missing sub-field',
      withFields({
        addr: { label: 'Address', type: 'object', properties: { country: { label: 'C', type: 'string' } } },
        f: {
          label: 'F',
          type: 'string',
          required: { conditions: [{ fieldKey: 'addr.contry', operator: 'is', value: 'US' }] }
        }
      }),
      `'actions.send.fields.f.required.conditions[0].fieldKey' names 'addr.contry', which has no sub-field ` +
        `'contry' in 'addr' (did you mean 'country'?).`
    ],
    [
      'a dotted condition into a list of objects',
      withFields({
        lines: {
          label: 'Lines',
          type: 'object',
          multiple: true,
          properties: { sku: { label: 'S', type: 'string' } }
        },
        f: {
          label: 'F',
          type: 'string',
          required: { conditions: [{ fieldKey: 'lines.sku', operator: 'is', value: 'a' }] }
        }
      }),
      `'actions.send.fields.f.required.conditions[0].fieldKey' names 'lines.sku', which reads into 'lines', ` +
        `a list of objects (multiple), which has no single value.`
    ],
    [
      'an unknown format, with a suggestion',
      withFields({ email: { label: 'Email', type: 'string', format: 'emial' } }),
      `'actions.send.fields.email.format' is "emial", which is not a known format (did you mean 'email'?).`
    ],
    [
      'an unknown format without a close match, listing the formats',
      withField({ format: 'zzzzzzzzzzzz' }),
      `'actions.send.fields.f.format' is "zzzzzzzzzzzz", which is not a known format. The formats are: date, ` +
        'time, date-time, uri, uri-reference, uri-template, email, hostname, ipv4, ipv6, uuid, regex, text, password.'
    ],
    [
      'a function as default',
      withField({ default: () => 1 }),
      `'actions.send.fields.f.default' must be a JSON value or a mapping directive but it is a function.`
    ],
    [
      'a function inside a default',
      withField({ default: { '@if': { exists: { '@path': '$.x' }, then: [() => 1] } } }),
      `'actions.send.fields.f.default["@if"].then[0]' must be a JSON value or a mapping directive but it is a function.`
    ],
    [
      'a field key __proto__',
      withFields(JSON.parse('{"__proto__": {"label": "P", "type": "string"}}')),
      `'actions.send.fields.__proto__' is a field key that cannot be validated; rename the field.`
    ],
    [
      'an unknown type nested deep inside object properties',
      withFields({ f: nestedField(12, { label: 'L', type: 'bogus' }) }),
      `'actions.send.fields.f${'.properties.x'.repeat(12)}.type' is "bogus", which is not one of: string, text, ` +
        'number, integer, datetime, boolean, password, object.'
    ],
    [
      'a malformed setting',
      {
        name: 'X',
        authentication: {
          scheme: 'custom',
          fields: { region: { label: 'Region', type: 'string', choices: [1n] } }
        },
        actions: {}
      },
      `'authentication.fields.region.choices[0]' must be a string or a { label, value } object but it is a bigint.`
    ]
  ])('rejects %s', (_, definition, problem) => {
    expect(validateDefinition(definition)).toEqual([problem])
    const error = definitionErrorOf(definition)
    expect(error.problems).toEqual([problem])
    expect(error.message).toBe(`The destination definition 'X' is invalid: ${problem}`)
    expect(error.code).toBe('INVALID_DEFINITION')
  })

  it('reports one sentence per problem, at every depth', () => {
    const definition = withFields({
      a: { label: 'A', type: 'string', format: 'emial', choices: 'x' },
      o: nestedField(3, { label: 'L', type: 'string', format: 'uuuid', default: () => 1 })
    })
    const deep = `actions.send.fields.o${'.properties.x'.repeat(3)}`
    expect(validateDefinition(definition)).toEqual([
      `'actions.send.fields.a.choices' must be an array of strings or { label, value } objects but it is the string "x".`,
      `'actions.send.fields.a.format' is "emial", which is not a known format (did you mean 'email'?).`,
      `'${deep}.format' is "uuuid", which is not a known format (did you mean 'uuid'?).`,
      `'${deep}.default' must be a JSON value or a mapping directive but it is a function.`
    ])
  })

  it('reports fields nested beyond 32 levels, or containing themselves, instead of overflowing', () => {
    const cyclic: Record<string, unknown> = { label: 'C', type: 'object' }
    cyclic.properties = { self: cyclic }
    const [problem] = validateDefinition(withFields({ c: cyclic }))
    expect(problem).toMatch(
      /^'actions\.send\.fields\.c(\.properties\.self)+\.properties' nests fields more than 32 levels/
    )
    expect(validateDefinition(withFields({ f: nestedField(32, { label: 'L', type: 'string' }) }))).toEqual([])
  })

  it('reports a default that contains itself', () => {
    const value: Record<string, unknown> = {}
    value.again = value
    expect(validateDefinition(withField({ default: value }))).toEqual([
      `'actions.send.fields.f.default.again' contains itself, which JSON cannot hold.`
    ])
  })

  it('accepts well-formed conditions, formats, choices and defaults', () => {
    const definition = withFields(
      {
        channel: { label: 'Channel', type: 'string', choices: ['email', { label: 'SMS', value: 'sms' }] },
        email: {
          label: 'Email',
          type: 'string',
          format: 'email',
          default: { '@path': '$.traits.email' },
          required: {
            match: 'any',
            conditions: [
              { fieldKey: 'channel', operator: 'is', value: 'email' },
              { fieldKey: 'billing.country', operator: 'is_not', value: undefined },
              { fieldKey: 'traits.plan', operator: 'is', value: 'pro' },
              { fieldKey: 'enable_batching', operator: 'is', value: true },
              { type: 'syncMode', operator: 'is', value: 'add' }
            ]
          }
        },
        traits: { label: 'Traits', type: 'object' },
        billing: {
          label: 'Billing',
          type: 'object',
          properties: { country: { label: 'Country', type: 'string' } }
        },
        addr: {
          label: 'Address',
          type: 'object',
          multiple: true,
          properties: {
            country: { label: 'Country', type: 'string', format: 'uri-template' },
            state: {
              label: 'State',
              type: 'string',
              required: { conditions: [{ fieldKey: 'country', operator: 'is', value: 'US' }] }
            }
          }
        },
        at: { label: 'At', type: 'datetime', format: 'date-time', default: null },
        n: { label: 'N', type: 'integer', choices: [1, 2], default: 1 }
      },
      { performBatch: perform }
    )
    expect(validateDefinition(definition)).toEqual([])
    expect(() => new Destination(definition as never)).not.toThrow()
  })

  it('names the batch fields only for an action with performBatch', () => {
    const fields = {
      f: {
        label: 'F',
        type: 'string',
        required: { conditions: [{ fieldKey: 'batch_size', operator: 'is', value: 1 }] }
      }
    }
    expect(validateDefinition(withFields(fields, { performBatch: perform }))).toEqual([])
    expect(validateDefinition(withFields(fields))).toHaveLength(1)
  })
})
