/**
 * The checks on in-memory definitions: the variants a fixture per check does
 * not cover (other places, other types, what is allowed), and how the runner
 * combines the checks with core's structural one.
 */
import type { Finding } from '../finding.js'
import { lintDefinition } from '../lint-definition.js'
import { looksSecret } from '../checks/secret-settings.js'
import { formatReport } from '../format-report.js'

const perform = () => undefined

/** A clean definition with `changes` applied to it. */
function definition(changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Acme',
    description: 'Sends events to Acme.',
    authentication: {
      scheme: 'custom',
      fields: { apiKey: { label: 'API Key', description: 'Your key.', type: 'password' } }
    },
    actions: {
      send: {
        title: 'Send',
        description: 'Sends an event.',
        defaultSubscription: 'type = "track"',
        fields: { name: { label: 'Name', description: 'The event name.', type: 'string' } },
        perform
      }
    },
    ...changes
  }
}

/** An action `send` with these fields (each given a label and description). */
function withFields(fields: Record<string, Record<string, unknown>>, extra: Record<string, unknown> = {}) {
  const full = Object.fromEntries(
    Object.entries(fields).map(([key, field]) => [key, { label: key, description: `The ${key}.`, ...field }])
  )
  return definition({
    actions: {
      send: {
        title: 'Send',
        description: 'Sends.',
        defaultSubscription: 'type = "track"',
        fields: full,
        perform,
        ...extra
      }
    }
  })
}

const codes = (findings: Finding[]) => findings.map((finding) => `${finding.code} ${finding.place}`)

describe('lintDefinition', () => {
  it('finds nothing in a clean definition', () => {
    expect(lintDefinition(definition())).toEqual([])
  })

  it('asks for descriptions on the destination, actions, fields and settings, blank ones too', () => {
    const findings = lintDefinition({
      name: 'Acme',
      description: '  ',
      authentication: { scheme: 'custom', fields: { region: { label: 'Region', type: 'string' } } },
      audienceFields: { listId: { label: 'List', type: 'string' } },
      actions: { send: { title: 'Send', fields: { name: { label: 'Name', type: 'string' } }, perform } }
    })
    expect(findings).toEqual([
      {
        code: 'missing-description',
        severity: 'warning',
        place: 'description',
        message: 'The destination has no description: add a paragraph saying what it sends and where.'
      },
      {
        code: 'missing-description',
        severity: 'warning',
        place: 'authentication.fields.region.description',
        message: "The setting 'region' has no description: say what it is and where to find it."
      },
      {
        code: 'missing-description',
        severity: 'warning',
        place: 'audienceFields.listId.description',
        message: "The audience setting 'listId' has no description: say what it is and where to find it."
      },
      {
        code: 'missing-description',
        severity: 'warning',
        place: 'actions.send.description',
        message: "The action 'send' has no description: say what it sends."
      },
      {
        code: 'missing-description',
        severity: 'warning',
        place: 'actions.send.fields.name.description',
        message: "The field 'name' of action 'send' has no description: say what it holds."
      }
    ])
  })

  describe('defaults', () => {
    it('accepts directives (in lists too), datetimes as numbers, integers, null with allowNull', () => {
      const findings = lintDefinition(
        withFields({
          when: { type: 'datetime', default: 1_700_000_000_000 },
          count: { type: 'integer', default: 3 },
          tags: { type: 'string', multiple: true, default: ['a', { '@path': '$.event' }] },
          note: { type: 'string', allowNull: true, default: null },
          data: { type: 'object', default: { '@path': '$.properties' } },
          extra: { type: 'object', default: { plan: { '@path': '$.traits.plan' } } },
          kind: { type: 'string', choices: [{ label: 'A', value: 'a' }], default: 'a' }
        })
      )
      expect(findings).toEqual([])
    })

    it('refuses literals of the wrong type, a list item of the wrong type, a scalar for a list, null without allowNull', () => {
      const findings = lintDefinition(
        withFields({
          count: { type: 'integer', default: 2.5 },
          flag: { type: 'boolean', default: 'true' },
          tags: { type: 'string', multiple: true, default: ['a', 2] },
          ids: { type: 'string', multiple: true, default: 'a' },
          data: { type: 'object', default: [1] },
          name: { type: 'string', default: null },
          kinds: { type: 'string', multiple: true, choices: ['a', 'b'], default: ['a', 'c'] }
        })
      )
      expect(findings.map((finding) => finding.message)).toEqual([
        "The default of field 'count' of action 'send' is the number 2.5, but the field's type is integer.",
        "The default of field 'flag' of action 'send' is the string \"true\", but the field's type is boolean.",
        "The default of field 'tags' of action 'send' has an item that is the number 2, but the field's type is a list of string.",
        "The default of field 'ids' of action 'send' is the string \"a\", but the field is a list of string.",
        "The default of field 'data' of action 'send' is an array, but the field's type is object.",
        "The default of field 'name' of action 'send' is null, but the field's type is string and it does not set allowNull.",
        'The default of field \'kinds\' of action \'send\' has an item that is "c", which is not one of the field\'s choices: "a", "b".'
      ])
      expect(new Set(findings.map((finding) => finding.code))).toEqual(
        new Set(['default-type-mismatch', 'default-not-a-choice'])
      )
    })

    it("never shows a password's default", () => {
      const findings = lintDefinition(
        withFields({
          token: { type: 'password', default: 123456 },
          pin: { type: 'password', choices: ['0000'], default: 'hunter2' }
        })
      )
      expect(findings.map((finding) => finding.message)).toEqual([
        "The default of field 'token' of action 'send' is a number (not shown: the field is a password), but the field's type is password.",
        "The default of field 'pin' of action 'send' is a string (not shown: the field is a password), which is not one of the field's choices: \"0000\"."
      ])
    })

    it('leaves a default that is no JSON value to core, reported once', () => {
      const findings = lintDefinition(withFields({ name: { type: 'string', default: () => 'x' } }))
      expect(codes(findings)).toEqual(['invalid-definition actions.send.fields.name.default'])
    })
  })

  describe('presets', () => {
    const preset = (changes: Record<string, unknown>) => ({
      name: 'Sends',
      subscribe: 'type = "track"',
      partnerAction: 'send',
      type: 'automatic',
      ...changes
    })

    it("reports a preset naming a missing action once, under its own code (not core's too)", () => {
      const findings = lintDefinition(definition({ presets: [preset({ partnerAction: 'sned' })] }))
      expect(codes(findings)).toEqual(['unknown-preset-action presets[0].partnerAction'])
    })

    it('asks an automatic preset for a trigger, and a specificEvent preset for none', () => {
      const findings = lintDefinition(
        definition({
          presets: [
            preset({ subscribe: undefined }),
            {
              name: 'Journey step',
              type: 'specificEvent',
              partnerAction: 'send',
              eventSlug: 'journeys_step_entered_track'
            }
          ]
        })
      )
      expect(findings).toEqual([
        {
          code: 'invalid-trigger',
          severity: 'error',
          place: 'presets[0].subscribe',
          message:
            'Preset "Sends" has no trigger: set "subscribe" to one, such as type = "track" and event = "Order Completed".'
        }
      ])
    })

    it('writes array indexes of mapping problems as indexes, and refuses a mapping that is not an object', () => {
      const findings = lintDefinition(
        definition({
          presets: [
            preset({ mapping: { name: [{ '@oops': 1 }] } }),
            preset({ name: 'Other', mapping: 'name' })
          ]
        })
      )
      expect(codes(findings)).toEqual([
        'invalid-preset-mapping presets[0].mapping.name[0]',
        'invalid-preset-mapping presets[1].mapping'
      ])
      expect(findings[1].message).toBe(
        'The mapping of preset "Other" must be an object of fields but it is the string "name".'
      )
    })

    it('accepts the reserved batch fields in the mapping of a preset for an action with performBatch', () => {
      const batching = withFields({ name: { type: 'string' } }, { performBatch: perform })
      batching.presets = [preset({ mapping: { name: 'x', enable_batching: true, batch_size: 10 } })]
      expect(lintDefinition(batching)).toEqual([])
    })

    it('checks the batch keys a preset sets, unless they repeat the action default already reported', () => {
      const batching = withFields(
        {
          a: { type: 'string' },
          b: { type: 'string' },
          c: { type: 'string' },
          d: { type: 'string' },
          batch_keys: { type: 'string', multiple: true, default: ['a', 'b', 'c', 'd'] }
        },
        { performBatch: perform }
      )
      batching.presets = [
        preset({ mapping: { batch_keys: ['a', 'b', 'c', 'd'] } }),
        preset({ name: 'Other', mapping: { batch_keys: ['a', 'e'] } })
      ]
      expect(codes(lintDefinition(batching))).toEqual([
        'too-many-batch-keys actions.send.fields.batch_keys.default',
        'unknown-batch-key presets[1].mapping.batch_keys'
      ])
    })
  })

  it('reports a trigger that is not a string once, as core does', () => {
    const findings = lintDefinition(
      definition({
        actions: {
          send: { title: 'Send', description: 'Sends.', defaultSubscription: 42, fields: {}, perform }
        }
      })
    )
    expect(codes(findings)).toEqual(['invalid-definition actions.send.defaultSubscription'])
  })

  it('gives core the last word on a definition that is not an object', () => {
    expect(lintDefinition('slack')).toEqual([
      {
        code: 'invalid-definition',
        severity: 'error',
        place: '(definition)',
        message: 'A destination definition must be an object but it is the string "slack".'
      }
    ])
  })

  it('checks audience settings for secrets too, and only string settings', () => {
    const findings = lintDefinition(
      definition({
        audienceFields: {
          list_secret: { label: 'List secret', description: 'A secret.', type: 'string' },
          useApiKey: { label: 'Use the key', description: 'Whether to.', type: 'boolean' }
        }
      })
    )
    expect(codes(findings)).toEqual(['secret-setting-not-password audienceFields.list_secret.type'])
  })
})

describe('looksSecret', () => {
  it.each([
    'apiKey',
    'api_key',
    'API-Key',
    'apikey',
    'accessToken',
    'client_secret',
    'password',
    'signingSecret',
    'key'
  ])('%s looks secret', (name) => expect(looksSecret(name)).toBe(true))
  it.each(['region', 'keyword', 'monkey', 'tokenizer', 'projectId', 'endpoint', 'passwordless_login'])(
    '%s does not',
    (name) => expect(looksSecret(name)).toBe(false)
  )
})

describe('formatReport', () => {
  it('prints destinations without findings on one line, the others with one line per finding, then totals', () => {
    const text = formatReport({
      destinations: [
        {
          slug: 'slack',
          packageName: '@destkit/destination-slack',
          directory: 'packages/destinations/slack',
          findings: []
        },
        {
          slug: 'acme',
          packageName: 'acme',
          directory: '.',
          findings: [
            { code: 'no-actions', severity: 'error', place: 'actions', message: 'No actions.' },
            {
              code: 'missing-description',
              severity: 'warning',
              place: 'description',
              message: 'No description.'
            }
          ]
        }
      ],
      errors: 1,
      warnings: 1
    })
    expect(text).toBe(
      [
        'slack: no findings',
        'acme (.): 1 error, 1 warning',
        '  error   actions  No actions. [no-actions]',
        '  warning description  No description. [missing-description]',
        '',
        'Validated 2 destinations: 1 error, 1 warning.'
      ].join('\n')
    )
  })
})
