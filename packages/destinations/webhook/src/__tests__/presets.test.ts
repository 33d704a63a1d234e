import nock from 'nock'
import { Destination, presetMappings, type JSONObject, type SegmentEvent } from '@destkit/core'
import definition from '../index.js'
import { groupEvent, identifyEvent, pageEvent, screenEvent, trackEvent } from './events.js'

const HOOK = 'http://93.184.216.34'
const destination = new Destination(definition)

beforeEach(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
})
afterAll(() => nock.enableNetConnect())

const expectedPresets: Array<[string, string, SegmentEvent]> = [
  ['Send Track Events', 'type = "track"', trackEvent],
  ['Send Identify Events', 'type = "identify"', identifyEvent],
  ['Send Page Events', 'type = "page"', pageEvent],
  ['Send Screen Events', 'type = "screen"', screenEvent],
  ['Send Group Events', 'type = "group"', groupEvent]
]

describe('presets', () => {
  it('are the send action’s default mapping, one per event type', () => {
    expect(
      definition.presets?.map((preset) => [preset.name, 'subscribe' in preset && preset.subscribe])
    ).toEqual(expectedPresets.map(([name, subscribe]) => [name, subscribe]))
    for (const preset of definition.presets ?? []) {
      expect(preset).toMatchObject({ type: 'automatic', partnerAction: 'send' })
      expect(preset.mapping).toEqual(destination.actions.send.defaultMapping)
      // The URL is the user's own endpoint: no preset can know it.
      expect(preset.mapping).not.toHaveProperty('url')
    }
  })

  it('configure as they are; until the user adds a URL, a matching event is invalid and nothing is sent', async () => {
    const instance = destination.configure({
      settings: {},
      mappings: presetMappings(definition),
      retry: false
    })
    const outcomes = await instance.deliver(trackEvent)
    expect(outcomes.map((outcome) => [outcome.mappingId, outcome.status])).toEqual([
      ['Send Track Events', 'invalid'],
      ['Send Identify Events', 'not-subscribed'],
      ['Send Page Events', 'not-subscribed'],
      ['Send Screen Events', 'not-subscribed'],
      ['Send Group Events', 'not-subscribed']
    ])
    expect(outcomes[0].error?.message).toBe("The root value is missing the required field 'url'.")
  })

  it.each(expectedPresets)('%s with a URL sends the whole event, only for %s', async (name, _, event) => {
    let received: unknown
    const scope = nock(HOOK)
      .post('/segment', (body) => ((received = body), true))
      .reply(200, {})
    const mappings = presetMappings(definition).map((mapping) => ({
      ...mapping,
      mapping: { ...(mapping.mapping as JSONObject), url: `${HOOK}/segment` }
    }))
    const instance = destination.configure({
      settings: { sharedSecret: 'whsec_presets' },
      mappings,
      retry: false
    })

    const outcomes = await instance.deliver(event)

    expect(scope.isDone()).toBe(true)
    expect(received).toEqual(event)
    expect(
      outcomes.filter((outcome) => outcome.status === 'delivered').map((outcome) => outcome.mappingId)
    ).toEqual([name])
    expect(outcomes.find((outcome) => outcome.mappingId === name)?.warnings).toEqual([])
  })
})
