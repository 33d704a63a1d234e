import { Destination, DefinitionError } from '../../index.js'
import example from '../../__tests__/example-destination/index.js'

const perform = () => undefined

describe('new Destination(definition)', () => {
  it('accepts a well-formed definition and prepares every action', () => {
    const destination = new Destination(example)
    expect(destination.name).toBe('Acme Analytics')
    expect(Object.keys(destination.actions)).toEqual(['trackEvent', 'identifyUser'])
    // performBatch declares the reserved batch fields automatically
    expect(Object.keys(destination.actions.trackEvent.fields)).toContain('batch_keys')
    expect(Object.keys(destination.actions.identifyUser.fields)).not.toContain('batch_keys')
  })

  it.each([
    ['a missing name', { actions: {} }, `'name' is missing`],
    [
      'an action without perform',
      { name: 'X', actions: { send: { title: 'Send', description: '', fields: {} } } },
      `'actions.send' is missing 'perform' (a function).`
    ],
    [
      'a field with an unknown type',
      {
        name: 'X',
        actions: {
          send: {
            title: 'Send',
            description: '',
            perform,
            fields: { email: { label: 'Email', type: 'strng' } }
          }
        }
      },
      `'actions.send.fields.email.type' is "strng", which is not one of: string, text, number, integer, datetime, boolean, password, object.`
    ],
    [
      'a setting with an object type',
      {
        name: 'X',
        authentication: { scheme: 'custom', fields: { key: { label: 'Key', type: 'object' } } },
        actions: {}
      },
      `'authentication.fields.key.type' is "object"`
    ],
    [
      'an unknown auth scheme',
      { name: 'X', authentication: { scheme: 'magic', fields: {} }, actions: {} },
      `'authentication.scheme' is "magic"`
    ],
    [
      'actions that are not an object',
      { name: 'X', actions: [] },
      `'actions' must be an object of actions but it is an array.`
    ],
    [
      'a preset naming a missing action',
      {
        name: 'X',
        actions: {},
        presets: [{ name: 'P', subscribe: 'type = "track"', partnerAction: 'nope' }]
      },
      `'presets[0].partnerAction' names "nope", which is not an action of this destination.`
    ],
    [
      'a nested property with an unknown type',
      {
        name: 'X',
        actions: {
          a: {
            title: 'A',
            description: '',
            perform,
            fields: { o: { label: 'O', type: 'object', properties: { x: { label: 'X', type: 'list' } } } }
          }
        }
      },
      `'actions.a.fields.o.properties.x.type' is "list"`
    ]
  ])('rejects %s, naming the key', (_, definition, expected) => {
    expect(() => new Destination(definition as never)).toThrow(DefinitionError)
    expect(() => new Destination(definition as never)).toThrow(expected)
  })

  it('reports every problem of a definition at once', () => {
    try {
      new Destination({
        actions: { a: { title: 'A', fields: { f: { label: 'F', type: 'nope' } } } }
      } as never)
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(DefinitionError)
      const problems = (error as DefinitionError).problems
      expect(problems).toHaveLength(3)
      expect((error as DefinitionError).code).toBe('INVALID_DEFINITION')
    }
  })
})
