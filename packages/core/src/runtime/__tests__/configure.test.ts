import { Destination, ConfigurationError, presetMappings } from '../../index.js'
import example from '../../__tests__/example-destination/index.js'

const destination = new Destination(example)

describe('configure', () => {
  it('compiles the presets of a definition into a working configuration', () => {
    const instance = destination.configure({
      settings: { apiKey: 'key-123' },
      mappings: presetMappings(example)
    })
    expect(instance.mappings.map((m) => [m.id, m.actionId, m.trigger])).toEqual([
      ['Track Calls', 'trackEvent', 'type = "track"'],
      ['Identify Calls', 'identifyUser', 'type = "identify"']
    ])
    // settings defaults are applied once, at configuration time
    expect(instance.settings).toMatchObject({ apiKey: 'key-123', region: 'us' })
  })

  it('uses the action default subscription and default mapping when a mapping omits them', () => {
    const instance = destination.configure({
      settings: { apiKey: 'key-123' },
      mappings: [{ id: 'm', actionId: 'identifyUser' }]
    })
    expect(instance.mappings[0].trigger).toBe('type = "identify"')
    expect(instance.mappings[0].mapping).toEqual({
      user_id: { '@path': '$.userId' },
      email: { '@path': '$.traits.email' },
      traits: { '@path': '$.traits' }
    })
  })

  it('reports every problem at once, each against its mapping', () => {
    let caught: unknown
    try {
      destination.configure({
        settings: { region: 'mars' } as never,
        mappings: [
          { id: 'a', actionId: 'trackEvnt' },
          { id: 'b', actionId: 'trackEvent', trigger: 'type = ' },
          { id: 'c', actionId: 'identifyUser', mapping: { user_id: { '@path': true } } as never },
          { id: 'c', actionId: 'identifyUser' }
        ]
      })
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(ConfigurationError)
    const error = caught as ConfigurationError
    expect(error.code).toBe('INVALID_CONFIGURATION')
    expect(error.retryable).toBe(false)
    const byWhere = error.problems.map((p) => [p.mappingId ?? null, p.where.split('/')[0]])
    expect(byWhere).toEqual(
      expect.arrayContaining([
        [null, 'settings'],
        ['a', 'actionId'],
        ['b', 'trigger'],
        ['c', 'mapping'],
        ['c', 'id']
      ])
    )
    expect(error.message).toContain(`The root value is missing the required field 'apiKey'.`)
    expect(error.message).toContain(
      `Mapping 'a': 'trackEvnt' is not an action of Acme Analytics (did you mean 'trackEvent'?).`
    )
    expect(error.message).toContain(`Mapping 'b': The trigger is invalid:`)
    expect(error.message).toContain(`/user_id/@path`)
    expect(error.message).toContain(`The id 'c' is used by more than one mapping.`)
  })

  it('never lets a password setting reach the configuration error', () => {
    try {
      destination.configure({
        settings: { apiKey: 'sk_live_secret_value', region: 'mars' } as never,
        mappings: []
      })
      expect.unreachable()
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('sk_live_secret_value')
    }
  })
})

describe('configure: settings and mappings of the wrong shape', () => {
  it('reports settings that are not an object and mappings that are not an array, at once', () => {
    let caught: unknown
    try {
      destination.configure({ settings: 'abc' as never, mappings: {} as never })
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(ConfigurationError)
    const problems = (caught as ConfigurationError).problems
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          where: 'settings',
          message: 'The settings must be an object, not a string.'
        }),
        expect.objectContaining({
          where: 'mappings',
          message: 'The mappings must be an array, not an object.'
        })
      ])
    )
  })

  it('keeps a default when a setting is given as null, and reports what the clean-up changed', () => {
    const instance = destination.configure({
      settings: { apiKey: 12345678, region: null } as never,
      mappings: presetMappings(example)
    })
    expect(instance.settings).toMatchObject({ apiKey: '12345678', region: 'us' })
    expect(instance.settingsWarnings).toEqual([
      expect.objectContaining({
        code: 'COERCED',
        path: '/apiKey',
        message: expect.stringContaining('API Key')
      })
    ])
  })
})
