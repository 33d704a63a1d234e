import nock from 'nock'
import { Destination, defaultValues, parseTrigger, presetMappings, validateDefinition } from '@destkit/core'
import definition from '../index.js'
import { readFileSync } from 'node:fs'
import { API, LIST_ID, apiKey, foundContact, personas, settings, trackEvent } from './engage-events.js'

// The shared sample identify event (shared/ sits beside the repository).
const identifyFixture = JSON.parse(
  readFileSync(new URL('../../../../../../shared/fixtures/events/identify.json', import.meta.url), 'utf8')
) as Record<string, any>

beforeEach(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
})
afterAll(() => nock.enableNetConnect())

describe('definition', () => {
  it('is a well-formed definition', () => {
    expect(() => validateDefinition(definition)).not.toThrow()
  })

  it('has a Sync Audience preset for Engage audience identify and track calls', () => {
    expect(definition.presets).toEqual([
      {
        type: 'automatic',
        name: 'Sync Audience',
        subscribe:
          '(type = "identify" or type = "track") and context.personas.computation_class = "audience"',
        partnerAction: 'syncAudience',
        mapping: defaultValues(definition.actions.syncAudience.fields)
      }
    ])
    for (const preset of definition.presets ?? []) {
      if (preset.type === 'specificEvent') continue
      expect(parseTrigger(preset.subscribe).error).toBeUndefined()
    }
  })
})

describe('Sync Audience preset', () => {
  const instance = () =>
    new Destination(definition).configure({ settings, mappings: presetMappings(definition), retry: false })

  it('adds the user of an Engage identify call to the list', async () => {
    // The identify sample event, as Engage sends it for an audience.
    const event = {
      ...identifyFixture,
      traits: { ...identifyFixture.traits, vip_customers: true },
      context: { ...identifyFixture.context, personas: personas() }
    }
    let body: unknown
    const scope = nock(API)
      .put('/v3/marketing/contacts', (sent) => ((body = sent), true))
      .matchHeader('authorization', `Bearer ${apiKey}`)
      .reply(202, { job_id: 'job-identify' })

    const [outcome] = await instance().deliver(event as never)

    expect(scope.isDone()).toBe(true)
    expect(outcome).toMatchObject({ mappingId: 'Sync Audience', status: 'delivered' })
    expect(body).toEqual({
      list_ids: [LIST_ID],
      contacts: [
        {
          email: 'ada.lovelace@example.com',
          first_name: 'Ada',
          last_name: 'Lovelace',
          address_line_1: "12 St James's Square",
          city: 'London',
          postal_code: 'SW1Y 4JH',
          country: 'GB'
        }
      ]
    })
  })

  it('removes the user of an Engage "Audience Exited" track call from the list', async () => {
    const scope = nock(API)
      .post('/v3/marketing/contacts/search/emails', { emails: ['grace@example.com'] })
      .reply(200, { result: { 'grace@example.com': foundContact('contact-1', 'grace@example.com') } })
      .delete(`/v3/marketing/lists/${LIST_ID}/contacts`)
      .query({ contact_ids: 'contact-1' })
      .reply(202, { job_id: 'job-exit' })

    const [outcome] = await instance().deliver(trackEvent(false))

    expect(scope.isDone()).toBe(true)
    expect(outcome.status).toBe('delivered')
    expect(outcome.data).toEqual({ job_id: 'job-exit' })
  })

  it('ignores identify calls that are not about an audience', async () => {
    const [outcome] = await instance().deliver(identifyFixture as never)
    expect(outcome.status).toBe('not-subscribed')
  })
})
