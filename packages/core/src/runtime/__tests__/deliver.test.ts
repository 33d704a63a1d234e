import nock from 'nock'
import { inspect } from 'node:util'
import { Destination, createTestEvent, presetMappings, type Outcome } from '../../index.js'
import example from '../../__tests__/example-destination/index.js'
import { deepFreeze, fixtureEvent } from '../../__tests__/fixtures.js'

const apiKey = 'sk_live_5ecret_acme_key'
const destination = new Destination(example)
const api = () => nock('https://api.acme.test')

function configure(retry: false | object = false) {
  return destination.configure({
    settings: { apiKey },
    mappings: presetMappings(example),
    retry: retry as never
  })
}

beforeAll(() => nock.disableNetConnect())
afterEach(() => nock.cleanAll())
afterAll(() => nock.enableNetConnect())

describe('instance.deliver', () => {
  it('delivers a track event: one outcome per enabled mapping, in order', async () => {
    const event = fixtureEvent('track-order-completed')
    let sent: any
    let auth: string | undefined
    api()
      .post('/v1/track', (body) => ((sent = body), true))
      .matchHeader('authorization', (value) => ((auth = value), true))
      .reply(200, { ok: true })
    const outcomes = await configure().deliver(event)
    expect(outcomes.map((o) => [o.mappingId, o.status])).toEqual([
      ['Track Calls', 'delivered'],
      ['Identify Calls', 'not-subscribed']
    ])
    expect(auth).toBe(`Bearer ${apiKey}`)
    expect(sent).toEqual({
      event_name: 'Order Completed',
      user_id: 'u_83712',
      anonymous_id: '5b1c0a7e-3d9f-4c3a-9a52-5f1d2e8b7c64',
      properties: event.properties,
      revenue: 125.49,
      timestamp: '2026-10-30T14:22:05.118Z'
    })
    const [delivered] = outcomes
    expect(delivered.attempts).toBe(1)
    expect(delivered.data).toEqual({ ok: true })
    expect(delivered.response?.status).toBe(200)
    expect(delivered.request?.method).toBe('POST')
    expect(delivered.request?.url).toBe('https://api.acme.test/v1/track')
    expect(JSON.stringify(outcomes)).not.toContain(apiKey)
    expect(inspect(outcomes, { depth: 10 })).not.toContain(apiKey)
  })

  it('never mutates the caller’s event', async () => {
    const event = deepFreeze(fixtureEvent('track-order-completed'))
    const before = JSON.stringify(event)
    api().post('/v1/track').reply(200, {})
    const [outcome] = await configure().deliver(event)
    expect(outcome.status).toBe('delivered')
    expect(JSON.stringify(event)).toBe(before)
  })

  it('classifies a payload that fails validation as invalid, with the sentences and no request', async () => {
    const instance = destination.configure({
      settings: { apiKey },
      mappings: [{ id: 'identify', actionId: 'identifyUser', trigger: 'type = "identify"' }]
    })
    const event = createTestEvent({ type: 'identify', userId: null, traits: { email: 'not-an-email' } })
    const [outcome] = await instance.deliver(event)
    expect(outcome.status).toBe('invalid')
    expect(outcome.attempts).toBe(0)
    expect(outcome.request).toBeUndefined()
    expect(outcome.error).toMatchObject({ code: 'PAYLOAD_VALIDATION_FAILED', retryable: false })
    expect(outcome.error?.message).toBe(
      `The root value is missing the required field 'user_id'. Email must be a valid email address string but it was not.`
    )
  })

  it('reports coerced and dropped values as warnings on a delivered outcome', async () => {
    const instance = destination.configure({
      settings: { apiKey },
      mappings: [
        {
          id: 'm',
          actionId: 'trackEvent',
          trigger: 'type = "track"',
          mapping: { event_name: { '@path': '$.event' }, revenue: '12.5', surprise: 'dropped' }
        }
      ]
    })
    let sent: any
    api()
      .post('/v1/track', (body) => ((sent = body), true))
      .reply(200, {})
    const [outcome] = await instance.deliver(createTestEvent({ event: 'Bought' }))
    expect(outcome.status).toBe('delivered')
    expect(sent).toEqual({ event_name: 'Bought', revenue: 12.5 })
    expect(outcome.warnings.map((w) => [w.code, w.path])).toEqual(
      expect.arrayContaining([
        ['COERCED', '/revenue'],
        ['DROPPED_UNKNOWN_KEY', '/surprise']
      ])
    )
  })

  it('classifies a 4xx as failed without retrying', async () => {
    api().post('/v1/track').reply(400, { error: 'bad event' })
    const [outcome] = await configure({ retries: 2, minTimeout: 1 }).deliver(createTestEvent())
    expect(outcome.status).toBe('failed')
    expect(outcome.attempts).toBe(1)
    expect(outcome.error).toMatchObject({ code: 'BAD_REQUEST', retryable: false, httpStatus: 400 })
    expect(outcome.response?.status).toBe(400)
    expect(outcome.response?.body).toContain('bad event')
  })

  it('retries a 5xx in process and delivers when it recovers', async () => {
    api().post('/v1/track').reply(503).post('/v1/track').reply(200, { ok: 1 })
    const [outcome] = await configure({ retries: 2, minTimeout: 1 }).deliver(createTestEvent())
    expect(outcome.status).toBe('delivered')
    expect(outcome.attempts).toBe(2)
  })

  it('classifies a persistent 5xx as retryable after the retries are spent', async () => {
    api().post('/v1/track').times(3).reply(502)
    const [outcome] = await configure({ retries: 2, minTimeout: 1 }).deliver(createTestEvent())
    expect(outcome.status).toBe('retryable')
    expect(outcome.attempts).toBe(3)
    expect(outcome.error).toMatchObject({ code: 'BAD_GATEWAY', retryable: true })
  })

  it('gives up at once on a 429 whose Retry-After does not fit the budget, and reports it', async () => {
    api().post('/v1/track').reply(429, {}, { 'retry-after': '3600' })
    const [outcome] = await configure({ retries: 2, minTimeout: 1 }).deliver(createTestEvent())
    expect(outcome.status).toBe('retryable')
    expect(outcome.attempts).toBe(1)
    expect(outcome.error?.retryAfterMs).toBe(3_600_000)
  })

  it('classifies a network failure as retryable', async () => {
    api()
      .post('/v1/track')
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
    const [outcome] = await configure().deliver(createTestEvent())
    expect(outcome.status).toBe('retryable')
    expect(outcome.error?.code).toBe('ECONNRESET')
  })

  it('turns a malformed event into invalid outcomes instead of throwing', async () => {
    const outcomes: Outcome[] = await configure().deliver({ type: 'teleport', userId: 'u1' } as never)
    expect(outcomes).toHaveLength(2)
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('invalid')
      expect(outcome.error?.code).toBe('INVALID_EVENT')
      expect(outcome.error?.message).toMatch(/teleport/)
    }
  })

  it('classifies an exception thrown by perform as failed, with its message', async () => {
    const broken = new Destination({
      ...example,
      actions: {
        ...example.actions,
        trackEvent: {
          ...example.actions.trackEvent,
          perform: () => {
            throw new TypeError('payload.properties.x is undefined')
          }
        }
      }
    })
    const instance = broken.configure({
      settings: { apiKey },
      mappings: [{ id: 't', actionId: 'trackEvent' }]
    })
    const [outcome] = await instance.deliver(createTestEvent())
    expect(outcome.status).toBe('failed')
    expect(outcome.error?.message).toBe('payload.properties.x is undefined')
  })

  it('runs two matching mappings as two requests', async () => {
    const instance = destination.configure({
      settings: { apiKey, region: 'eu' },
      mappings: [
        { id: 'one', actionId: 'trackEvent', trigger: 'type = "track"' },
        {
          id: 'two',
          actionId: 'trackEvent',
          trigger: 'event = "Test Event"',
          mapping: { event_name: 'renamed' }
        },
        { id: 'off', actionId: 'trackEvent', enabled: false }
      ]
    })
    const scope = nock('https://eu.api.acme.test').post('/v1/track').times(2).reply(200, {})
    const outcomes = await instance.deliver(createTestEvent())
    expect(outcomes.map((o) => [o.mappingId, o.status])).toEqual([
      ['one', 'delivered'],
      ['two', 'delivered']
    ])
    expect(scope.isDone()).toBe(true)
  })
})

describe('instance.deliver on a pathological event', () => {
  it('answers an outcome, never throws, for an event nested thousands of levels deep', async () => {
    let deep: Record<string, unknown> = { leaf: true }
    for (let i = 0; i < 2_000; i++) deep = { next: deep }
    const event = createTestEvent({ type: 'track', event: 'Deep', properties: { deep } as never })
    const instance = destination.configure({
      settings: { apiKey },
      mappings: [{ id: 'track', actionId: 'trackEvent' }],
      retry: false
    })
    const outcomes = await instance.deliver(event)
    expect(outcomes).toHaveLength(1)
    expect(outcomes[0].status).toBe('invalid')
    expect(outcomes[0].error?.message).toEqual(expect.any(String))
  })
})
