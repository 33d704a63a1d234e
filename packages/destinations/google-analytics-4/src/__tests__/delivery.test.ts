import nock from 'nock'
import { inspect } from 'node:util'
import {
  Destination,
  createTestEvent,
  createTestIntegration,
  presetMappings,
  type SegmentEvent
} from '@destkit/core'
import definition from '../index.js'

const apiSecret = 'mp_SeCrEt_4f9a1c2b7e'
const settings = { measurementId: 'G-TEST12345', apiSecret }
const ga = 'https://www.google-analytics.com'
const webQuery = { measurement_id: 'G-TEST12345', api_secret: apiSecret }
const timestamp = '2026-10-30T14:22:05.118Z'
const micros = 1793370125118000

const testDestination = createTestIntegration(definition)

const track = (overrides: Partial<SegmentEvent> = {}) =>
  createTestEvent({
    type: 'track',
    event: 'Signed Up',
    userId: 'u_83712',
    anonymousId: 'anon-1',
    timestamp,
    properties: { plan: 'pro' },
    ...overrides
  })

const instance = (retry: unknown = false, mapping?: Record<string, unknown>) =>
  new Destination(definition).configure({
    settings,
    mappings: [{ id: 'events', actionId: 'sendEvent', ...(mapping && { mapping: mapping as never }) }],
    retry: retry as never
  })

beforeEach(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
})
afterAll(() => nock.enableNetConnect())

describe('HTTP failures', () => {
  it('fails a 400 at once, without retrying', async () => {
    const scope = nock(ga).post('/mp/collect').query(webQuery).once().reply(400, 'Bad Request')
    const [outcome] = await instance({ retries: 2, minTimeout: 1, maxTimeout: 5 }).deliver(track())
    expect(scope.isDone()).toBe(true)
    expect(outcome.status).toBe('failed')
    expect(outcome.attempts).toBe(1)
    expect(outcome.error).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400, retryable: false })
  })

  it('retries a 503 and stays retryable when it persists', async () => {
    const scope = nock(ga).post('/mp/collect').query(webQuery).times(2).reply(503)
    const [outcome] = await instance({ retries: 1, minTimeout: 1, maxTimeout: 5 }).deliver(track())
    expect(scope.isDone()).toBe(true)
    expect(outcome.status).toBe('retryable')
    expect(outcome.attempts).toBe(2)
    expect(outcome.error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', httpStatus: 503, retryable: true })
  })

  it('is retryable on 429 and passes on Retry-After', async () => {
    nock(ga).post('/mp/collect').query(webQuery).reply(429, '', { 'Retry-After': '60' })
    const [outcome] = await instance({ retries: 1, minTimeout: 1, maxTimeout: 5 }).deliver(track())
    expect(outcome.status).toBe('retryable')
    expect(outcome.attempts).toBe(1)
    expect(outcome.error).toMatchObject({ httpStatus: 429, retryAfterMs: 60_000 })
  })
})

describe('the API secret (a query parameter) stays secret', () => {
  it('is masked in a failed Outcome', async () => {
    nock(ga).post('/mp/collect').query(webQuery).reply(400, `bad api_secret=${apiSecret}`)
    const [outcome] = await instance().deliver(track())
    expect(outcome.status).toBe('failed')
    expect(outcome.request?.url).toBe(`${ga}/mp/collect?measurement_id=G-TEST12345&api_secret=[REDACTED]`)
    expect(JSON.stringify(outcome)).not.toContain(apiSecret)
    expect(inspect(outcome, { depth: 20 })).not.toContain(apiSecret)
  })

  it('is masked in a retryable Outcome', async () => {
    nock(ga).post('/mp/collect').query(webQuery).reply(500)
    const [outcome] = await instance().deliver(track())
    expect(outcome.status).toBe('retryable')
    expect(JSON.stringify(outcome)).not.toContain(apiSecret)
  })

  it('is not in the error of a failed test of the settings', async () => {
    nock(ga)
      .post('/debug/mp/collect')
      .query(webQuery)
      .reply(200, {
        validationMessages: [{ fieldPath: 'events', description: 'x', validationCode: 'VALUE_INVALID' }]
      })
    const error = await testDestination.testAuthentication(settings).catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(Error)
    expect(inspect(error)).not.toContain(apiSecret)
  })
})

describe('testAuthentication', () => {
  it('sends a test event to the validation server and accepts an empty list of messages', async () => {
    const scope = nock(ga)
      .post('/debug/mp/collect', {
        client_id: 'destkit.connection-test',
        events: [{ name: 'destkit_connection_test', params: {} }]
      })
      .query(webQuery)
      .reply(200, { validationMessages: [] })
    await expect(testDestination.testAuthentication(settings)).resolves.not.toThrow()
    expect(scope.isDone()).toBe(true)
  })

  it('validates an app stream against the EU validation server', async () => {
    const scope = nock('https://region1.google-analytics.com')
      .post('/debug/mp/collect', (body) => typeof body.app_instance_id === 'string' && !('client_id' in body))
      .query({ firebase_app_id: '1:1234567890:ios:321abc456def7890', api_secret: apiSecret })
      .reply(200, { validationMessages: [] })
    await testDestination.testAuthentication({
      firebaseAppId: '1:1234567890:ios:321abc456def7890',
      apiSecret,
      region: 'eu'
    })
    expect(scope.isDone()).toBe(true)
  })

  it('treats validation messages as a configuration failure, in their own words', async () => {
    nock(ga)
      .post('/debug/mp/collect')
      .query(webQuery)
      .reply(200, {
        validationMessages: [
          {
            fieldPath: 'measurement_id',
            description: 'Unable to find a stream with measurement ID G-TEST12345',
            validationCode: 'VALUE_INVALID'
          }
        ]
      })
    await expect(testDestination.testAuthentication(settings)).rejects.toThrow(
      'Google Analytics refused the test event: Unable to find a stream with measurement ID G-TEST12345. (VALUE_INVALID at measurement_id)'
    )
  })

  it('refuses a Measurement ID that is not a GA4 one, without a request', async () => {
    await expect(
      testDestination.testAuthentication({ measurementId: 'UA-12345-1', apiSecret })
    ).rejects.toThrow("The Measurement ID 'UA-12345-1' is not a GA4 Measurement ID (G-XXXXXXXXXX)")
  })

  it('refuses settings without a stream', async () => {
    await expect(testDestination.testAuthentication({ apiSecret })).rejects.toThrow(
      'Set a Measurement ID (web stream) or a Firebase App ID (app stream) to send events to.'
    )
  })
})

describe('batches', () => {
  it("sends one user's events in one request, each with its own time", async () => {
    let body: any
    const scope = nock(ga)
      .post('/mp/collect', (sent) => ((body = sent), true))
      .query(webQuery)
      .once()
      .reply(204)
    const outcomes = await instance().deliverBatch([
      track({ event: 'Signed Up' }),
      track({ event: 'Trial Started', timestamp: '2026-10-30T14:22:06.000Z', properties: {} }),
      track({ event: 'Plan Chosen', properties: { plan: 'team' } })
    ])
    expect(scope.isDone()).toBe(true)
    expect(outcomes.map((o) => o.status)).toEqual(['delivered', 'delivered', 'delivered'])
    expect(body).toEqual({
      client_id: 'anon-1',
      user_id: 'u_83712',
      events: [
        { name: 'signed_up', params: { plan: 'pro' }, timestamp_micros: micros },
        { name: 'trial_started', params: {}, timestamp_micros: 1793370126000000 },
        { name: 'plan_chosen', params: { plan: 'team' }, timestamp_micros: micros }
      ]
    })
  })

  it('never mixes users in one request and sends at most 25 events per request', async () => {
    const bodies: any[] = []
    nock(ga)
      .post('/mp/collect', (sent) => (bodies.push(sent), true))
      .query(webQuery)
      .times(3)
      .reply(204)
    const events = [
      ...Array.from({ length: 30 }, (_, i) => track({ event: `Step ${i}` })),
      track({ anonymousId: 'anon-2', userId: 'u_2', event: 'Signed Up' })
    ]
    const outcomes = await instance().deliverBatch(events)
    expect(outcomes.every((o) => o.status === 'delivered')).toBe(true)
    expect(bodies.map((b) => [b.client_id, b.events.length])).toEqual([
      ['anon-1', 25],
      ['anon-1', 5],
      ['anon-2', 1]
    ])
  })

  it('never mixes user properties in one request, for the same user either', async () => {
    const bodies: any[] = []
    nock(ga)
      .post('/mp/collect', (sent) => (bodies.push(sent), true))
      .query(webQuery)
      .times(2)
      .reply(204)
    const mapping = {
      ...new Destination(definition).actions.sendEvent.defaultMapping,
      user_properties: { plan: { '@path': '$.properties.plan' } }
    }
    const outcomes = await instance(false, mapping).deliverBatch([
      track({ properties: { plan: 'pro' } }),
      track({ properties: { plan: 'free' } })
    ])
    expect(outcomes.every((o) => o.status === 'delivered')).toBe(true)
    expect(bodies.map((b) => [b.client_id, b.user_properties])).toEqual([
      ['anon-1', { plan: { value: 'pro' } }],
      ['anon-1', { plan: { value: 'free' } }]
    ])
  })

  it('fails an invalid event alone and delivers the others', async () => {
    let body: any
    nock(ga)
      .post('/mp/collect', (sent) => ((body = sent), true))
      .query(webQuery)
      .reply(204)
    const outcomes = await instance().deliverBatch([
      track({ event: 'Signed Up' }),
      track({ event: 'Session Start' }),
      track({ event: 'Plan Chosen' })
    ])
    expect(outcomes.map((o) => o.status)).toEqual(['delivered', 'failed', 'delivered'])
    expect(outcomes[1].error).toMatchObject({
      code: 'PAYLOAD_VALIDATION_FAILED',
      message: "The event name 'session_start' is reserved by Google Analytics.",
      httpStatus: 400
    })
    expect(body.events.map((e: any) => e.name)).toEqual(['signed_up', 'plan_chosen'])
  })

  it('retries a batch sent in one request and keeps Retry-After', async () => {
    nock(ga).post('/mp/collect').query(webQuery).reply(429, '', { 'Retry-After': '120' })
    const outcomes = await instance({ retries: 1, minTimeout: 1, maxTimeout: 5 }).deliverBatch([
      track(),
      track({ event: 'Plan Chosen' })
    ])
    expect(outcomes.map((o) => o.status)).toEqual(['retryable', 'retryable'])
    expect(outcomes[0].error).toMatchObject({ httpStatus: 429, retryAfterMs: 120_000 })
    expect(JSON.stringify(outcomes)).not.toContain(apiSecret)
  })

  it("marks only the failed request's events when a batch took several requests", async () => {
    nock(ga)
      .post('/mp/collect', (body) => body.client_id === 'anon-1')
      .query(webQuery)
      .reply(204)
      .post('/mp/collect', (body) => body.client_id === 'anon-2')
      .query(webQuery)
      .reply(503)
    // Batch keys left out of the mapping: the action still sends one user per request.
    const outcomes = await instance(false, {
      name: { '@path': '$.event' },
      client_id: { '@path': '$.anonymousId' },
      timestamp_micros: { '@path': '$.timestamp' }
    }).deliverBatch([track(), track({ anonymousId: 'anon-2' }), track({ event: 'Plan Chosen' })])
    expect(outcomes.map((o) => o.status)).toEqual(['delivered', 'retryable', 'delivered'])
    expect(outcomes[1].error).toMatchObject({ httpStatus: 503, retryable: true })
  })

  it('sends a batch through the test kit', async () => {
    nock(ga).post('/mp/collect').query(webQuery).reply(204)
    const responses = await testDestination.testBatchAction('pageView', {
      events: [
        createTestEvent({ type: 'page', anonymousId: 'anon-1', userId: null, timestamp }),
        createTestEvent({ type: 'page', anonymousId: 'anon-1', userId: null, timestamp })
      ],
      settings,
      useDefaultMappings: true
    })
    expect(responses).toHaveLength(1)
    expect(responses[0].options.json).toMatchObject({
      client_id: 'anon-1',
      events: [{ name: 'page_view' }, { name: 'page_view' }]
    })
  })
})

describe('presets', () => {
  const presetInstance = () =>
    new Destination(definition).configure({ settings, mappings: presetMappings(definition), retry: false })

  it('sends Order Completed to purchase only', async () => {
    let body: any
    nock(ga)
      .post('/mp/collect', (sent) => ((body = sent), true))
      .query(webQuery)
      .once()
      .reply(204)
    const event = track({
      event: 'Order Completed',
      properties: {
        order_id: 'ORD-50314',
        revenue: 125.49,
        currency: 'GBP',
        products: [{ product_id: 'p-1001', name: 'Logo Tee', price: 24.99, quantity: 2 }]
      }
    })
    const outcomes = await presetInstance().deliver(event)
    expect(outcomes.map((o) => [o.mappingId, o.status])).toEqual([
      ['Order Completed', 'delivered'],
      ['Page Calls', 'not-subscribed'],
      ['Track Calls', 'not-subscribed']
    ])
    expect(body.events).toEqual([
      {
        name: 'purchase',
        params: {
          transaction_id: 'ORD-50314',
          currency: 'GBP',
          value: 125.49,
          items: [{ item_id: 'p-1001', item_name: 'Logo Tee', price: 24.99, quantity: 2 }]
        }
      }
    ])
  })

  it('sends page calls to pageView', async () => {
    let body: any
    nock(ga)
      .post('/mp/collect', (sent) => ((body = sent), true))
      .query(webQuery)
      .reply(204)
    const outcomes = await presetInstance().deliver(
      createTestEvent({ type: 'page', timestamp }) as SegmentEvent
    )
    expect(outcomes.map((o) => o.status)).toEqual(['not-subscribed', 'delivered', 'not-subscribed'])
    expect(body).toEqual({
      client_id: 'anonId1234',
      user_id: 'user1234',
      timestamp_micros: micros,
      events: [
        {
          name: 'page_view',
          params: {
            page_location: 'https://segment.com/academy/',
            page_title: 'Analytics Academy',
            page_referrer: expect.any(String)
          }
        }
      ]
    })
  })

  it('sends other track calls to sendEvent', async () => {
    let body: any
    nock(ga)
      .post('/mp/collect', (sent) => ((body = sent), true))
      .query(webQuery)
      .reply(204)
    const outcomes = await presetInstance().deliver(track())
    expect(outcomes.map((o) => o.status)).toEqual(['not-subscribed', 'not-subscribed', 'delivered'])
    expect(body.events).toEqual([{ name: 'signed_up', params: { plan: 'pro' } }])
  })
})
