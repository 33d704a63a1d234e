/**
 * Each check against a fixture destination built to contain exactly that
 * problem (fixtures/<problem>/: the clean fixture with one thing changed),
 * imported from its TypeScript sources the way `destkit validate --path` does.
 */
import { fileURLToPath } from 'node:url'
import type { Finding } from '../finding.js'
import { validateDestinations } from '../validate-destinations.js'

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))

async function findingsOf(name: string): Promise<Finding[]> {
  const report = await validateDestinations({ paths: [fixture(name)] })
  expect(report.destinations.map((destination) => destination.slug)).toEqual([name])
  return report.destinations[0].findings
}

const cases: Array<[string, Finding]> = [
  [
    'no-actions',
    {
      code: 'no-actions',
      severity: 'error',
      place: 'actions',
      message:
        'The destination has no actions: add at least one to "actions" (`destkit generate:action <name>` does it).'
    }
  ],
  [
    'missing-description',
    {
      code: 'missing-description',
      severity: 'warning',
      place: 'actions.track.fields.revenue.description',
      message: "The field 'revenue' of action 'track' has no description: say what it holds."
    }
  ],
  [
    'invalid-default-subscription',
    {
      code: 'invalid-trigger',
      severity: 'error',
      place: 'actions.track.defaultSubscription',
      message:
        "The default trigger of action 'track' does not parse: Unknown field 'evnt' at position 19 (did you mean 'event'?)."
    }
  ],
  [
    'invalid-preset-trigger',
    {
      code: 'invalid-trigger',
      severity: 'error',
      place: 'presets[0].subscribe',
      message:
        'The trigger of preset "Track Calls" does not parse: Expected a value after \'=\' at position 5 but found the end of the trigger.'
    }
  ],
  [
    'trigger-warning',
    {
      code: 'trigger-warning',
      severity: 'warning',
      place: 'actions.track.defaultSubscription',
      message:
        "The default trigger of action 'track' may not mean what it says: Mixes 'and' and 'or' without parentheses at position 32: 'and' binds tighter, so this means type = \"track\" or (type = \"page\" and name = \"Home\"). Add parentheses to say so (other FQL implementations group it differently)."
    }
  ],
  [
    'unknown-preset-action',
    {
      code: 'unknown-preset-action',
      severity: 'error',
      place: 'presets[0].partnerAction',
      message:
        "Preset \"Track Calls\" names the action 'trak', which this destination does not have (did you mean 'track'?)."
    }
  ],
  [
    'invalid-preset-mapping',
    {
      code: 'invalid-preset-mapping',
      severity: 'error',
      place: 'presets[0].mapping.event["@path"]',
      message:
        'The mapping of preset "Track Calls" is invalid: /event/@path should be a string or a mapping directive but it is a boolean.'
    }
  ],
  [
    'unknown-mapping-field',
    {
      code: 'unknown-mapping-field',
      severity: 'error',
      place: 'presets[0].mapping.revnue',
      message:
        "The mapping of preset \"Track Calls\" sets 'revnue', which is not a field of action 'track' (did you mean 'revenue'?)."
    }
  ],
  [
    'too-many-presets',
    {
      code: 'too-many-presets',
      severity: 'error',
      place: 'presets',
      message:
        'The destination has 51 presets, more than the 50 allowed: keep the ones for the events people map first.'
    }
  ],
  [
    'default-type-mismatch',
    {
      code: 'default-type-mismatch',
      severity: 'error',
      place: 'actions.track.fields.revenue.default',
      message:
        "The default of field 'revenue' of action 'track' is the string \"12.50\", but the field's type is number."
    }
  ],
  [
    'default-not-a-choice',
    {
      code: 'default-not-a-choice',
      severity: 'error',
      place: 'authentication.fields.region.default',
      message:
        'The default of setting \'region\' is "mars", which is not one of the field\'s choices: "us", "eu".'
    }
  ],
  [
    'unknown-batch-key',
    {
      code: 'unknown-batch-key',
      severity: 'error',
      place: 'actions.track.fields.batch_keys.default',
      message:
        "The batch keys of action 'track' name 'revenu', which is not a field of action 'track' (did you mean 'revenue'?)."
    }
  ],
  [
    'too-many-batch-keys',
    {
      code: 'too-many-batch-keys',
      severity: 'error',
      place: 'actions.track.fields.batch_keys.default',
      message:
        "The batch keys of action 'track' name 4 fields (event, revenue, currency, user_id); at most 3 are allowed."
    }
  ],
  [
    'secret-setting-not-password',
    {
      code: 'secret-setting-not-password',
      severity: 'error',
      place: 'authentication.fields.accessToken.type',
      message:
        "The setting 'accessToken' looks like a secret but its type is 'string': make it type 'password' so its value never appears in output or logs."
    }
  ],
  [
    'invalid-definition',
    {
      code: 'invalid-definition',
      severity: 'error',
      place: 'actions.track.fields.event.format',
      message:
        "'actions.track.fields.event.format' is \"emial\", which is not a known format (did you mean 'email'?)."
    }
  ],
  [
    'import-fails',
    {
      code: 'import-failed',
      severity: 'error',
      place: 'src/index.ts',
      message: `${fixture('import-fails')}/src/index.ts failed to import: the vendor SDK is not configured.`
    }
  ]
]

describe('destkit validate checks, one fixture each', () => {
  it('finds nothing in the clean fixture the others are made from', async () => {
    expect(await findingsOf('clean')).toEqual([])
  })

  it.each(cases)('%s: reports exactly its one finding', async (name, expected) => {
    expect(await findingsOf(name)).toEqual([expected])
  })

  it('reports every fixture in one run, counting errors and warnings, with folders relative to cwd', async () => {
    const names = ['clean', ...cases.map(([name]) => name)]
    const cwd = fixture('.')
    const report = await validateDestinations({ paths: names, cwd })
    expect(report.destinations.map((destination) => destination.directory)).toEqual(names)
    expect(report.errors).toBe(cases.filter(([, found]) => found.severity === 'error').length)
    expect(report.warnings).toBe(2)
  })
})
