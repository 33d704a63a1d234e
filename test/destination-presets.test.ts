/**
 * Every bundled destination's presets, resolved against the shared fixture
 * events: the trigger parses, the mapping is valid, and the payload of every
 * fixture the trigger matches validates against the action's fields — except
 * for required fields the preset leaves to the user (a webhook's URL, say),
 * which have no default and are not in the preset's mapping.
 */
import {
  compileTrigger,
  createRegistry,
  transform,
  validateMapping,
  type Destination,
  type InputField
} from '@destkit/core'
import { BUNDLED_SLUGS, fixtureEvents, repositoryRoot } from './fixtures.js'

const registry = createRegistry({ roots: [repositoryRoot] })
const events = withAudienceVariants(fixtureEvents())

/**
 * The fixtures have no audience events; audience destinations get the identify and track
 * fixtures as an audience tool sends them: marked with the audience's key, entered.
 */
function withAudienceVariants(
  fixtures: Record<string, Record<string, any>>
): Record<string, Record<string, any>> {
  const personas = {
    computation_key: 'vip_users',
    computation_class: 'audience',
    external_audience_id: '12345'
  }
  const identify = structuredClone(fixtures.identify)
  identify.context = { ...identify.context, personas }
  identify.traits = { ...identify.traits, vip_users: true }
  const track = structuredClone(fixtures['track-order-completed'])
  track.event = 'Audience Entered'
  track.context = { ...track.context, personas }
  // An audience tool's track events also name the audience in their properties.
  track.properties = { ...track.properties, audience_key: 'vip_users', vip_users: true }
  return { ...fixtures, 'identify (audience entered)': identify, 'track (audience entered)': track }
}

describe.each(BUNDLED_SLUGS)('the presets of %s', (slug) => {
  let destination: Destination

  beforeAll(async () => {
    destination = await registry.load(slug)
  })

  it('exist, name real actions, parse, and have valid mappings', () => {
    const presets = destination.definition.presets ?? []
    expect(presets.length).toBeGreaterThan(0)
    for (const preset of presets) {
      expect(Object.keys(destination.actions)).toContain(preset.partnerAction)
      if (preset.type === 'specificEvent') continue
      expect(() => compileTrigger(preset.subscribe)).not.toThrow()
      expect(validateMapping(preset.mapping ?? {})).toEqual([])
    }
  })

  it('resolve the fixture events they match to valid payloads', () => {
    let resolved = 0
    for (const preset of destination.definition.presets ?? []) {
      if (preset.type === 'specificEvent') continue
      const matches = compileTrigger(preset.subscribe)
      const action = destination.actions[preset.partnerAction]
      const mapping = preset.mapping ?? {}
      const leftToUser = new Set(
        Object.entries(action.fields as Record<string, InputField>)
          .filter(
            ([key, field]) => field.required === true && field.default === undefined && !(key in mapping)
          )
          .map(([key]) => key)
      )
      for (const [name, event] of Object.entries(events)) {
        if (!matches(event)) continue
        const payload = transform(mapping, event)
        const result = action.validatePayload(payload)
        const problems = result.valid
          ? []
          : result.errors.filter(
              (issue) => !(issue.keyword === 'required' && leftToUser.has(issue.field ?? ''))
            )
        expect({ preset: preset.name, event: name, problems }).toEqual({
          preset: preset.name,
          event: name,
          problems: []
        })
        resolved++
      }
    }
    expect(resolved).toBeGreaterThan(0)
  })
})
