import nock from 'nock'
import { Destination, createTestIntegration, type SegmentEvent } from '@destkit/core'
import definition from '../index.js'

const testDestination = createTestIntegration(definition)

const settings = { apiKey: 'sk_test_4f9c2a7e1b' }
const bearer = { reqheaders: { authorization: 'Bearer sk_test_4f9c2a7e1b' } }
const LIST_ID = 'list_5d1e9a'

/** An identify call from an audience tool: `vip_customers` is true on entering, false on exiting. */
const audienceEvent = (entered: boolean): SegmentEvent => ({
  type: 'identify',
  messageId: `audience-${entered}`,
  userId: 'u_83712',
  timestamp: '2026-10-30T14:20:11.004Z',
  traits: { email: 'ada.lovelace@example.com', vip_customers: entered },
  context: {
    personas: {
      computation_class: 'audience',
      computation_key: 'vip_customers',
      external_audience_id: LIST_ID
    }
  }
})

const configure = () =>
  new Destination(definition).configure({
    settings,
    mappings: [{ id: 'sync', actionId: 'syncAudience' }],
    retry: false
  })

beforeEach(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
})
afterAll(() => nock.enableNetConnect())

describe('audiences', () => {
  it('creates a list named after the audience', async () => {
    const scope = nock('https://api.example.com', bearer)
      .post('/v1/lists', { name: 'VIP Customers' })
      .reply(201, { id: LIST_ID, name: 'VIP Customers' })
    await expect(
      testDestination.createAudience({ settings, audienceName: 'VIP Customers' })
    ).resolves.toEqual({
      externalId: LIST_ID
    })
    expect(scope.isDone()).toBe(true)
  })

  it('uses the list name of the audience settings', async () => {
    const scope = nock('https://api.example.com')
      .post('/v1/lists', { name: 'Newsletter VIPs' })
      .reply(201, { id: LIST_ID, name: 'Newsletter VIPs' })
    await expect(
      testDestination.createAudience({
        settings,
        audienceName: 'vip_customers',
        audienceSettings: { listName: 'Newsletter VIPs' }
      })
    ).resolves.toEqual({ externalId: LIST_ID })
    expect(scope.isDone()).toBe(true)
  })

  it('reads an existing list', async () => {
    const scope = nock('https://api.example.com', bearer)
      .get(`/v1/lists/${LIST_ID}`)
      .reply(200, { id: LIST_ID, name: 'VIP Customers' })
    await expect(testDestination.getAudience({ settings, externalId: LIST_ID })).resolves.toEqual({
      externalId: LIST_ID
    })
    expect(scope.isDone()).toBe(true)
  })
})

describe('syncAudience', () => {
  it('adds a user who entered the audience to the list', async () => {
    const scope = nock('https://api.example.com', bearer)
      .post(`/v1/lists/${LIST_ID}/members`, { email: 'ada.lovelace@example.com' })
      .reply(200, { added: 1 })
    const [outcome] = await configure().deliver(audienceEvent(true))
    expect(outcome.status).toBe('delivered')
    expect(scope.isDone()).toBe(true)
  })

  it('removes a user who exited the audience from the list', async () => {
    const scope = nock('https://api.example.com', bearer)
      .delete(`/v1/lists/${LIST_ID}/members/ada.lovelace%40example.com`)
      .reply(204)
    const [outcome] = await configure().deliver(audienceEvent(false))
    expect(outcome.status).toBe('delivered')
    expect(scope.isDone()).toBe(true)
  })

  it('fails, sending nothing, when the event does not say whether the user entered or exited', async () => {
    const event = audienceEvent(true)
    event.traits = { email: 'ada.lovelace@example.com' }
    const [outcome] = await configure().deliver(event)
    expect(outcome.status).toBe('failed')
    expect(outcome.request).toBeUndefined()
    expect(outcome.error?.message).toContain('entered or exited')
  })
})
