import nock from 'nock'
import { Destination, createTestEvent, createTestIntegration } from '@destkit/core'
import definition from '../index.js'

const settings = { apiKey: 'amp_api_key_4f9c2e', secretKey: 'amp_secret_7d1b' }
const timestamp = '2026-10-30T14:22:05.118Z'
const timeMs = Date.parse(timestamp)

// A small mapping keeps the expected bodies readable.
const mapping = {
  event_type: { '@path': '$.event' },
  user_id: { '@path': '$.userId' },
  device_id: { '@path': '$.anonymousId' },
  time: { '@path': '$.timestamp' },
  insert_id: { '@path': '$.messageId' }
}

const event = (n: number, extra: Record<string, unknown> = {}) =>
  createTestEvent({
    event: `Event ${n}`,
    userId: `user-${n}`,
    anonymousId: `anon-${n}`,
    messageId: `m${n}`,
    timestamp,
    ...extra
  })

const sent = (n: number) => ({
  event_type: `Event ${n}`,
  user_id: `user-${n}`,
  device_id: `anon-${n}`,
  time: timeMs,
  insert_id: `m${n}`
})

function instance(extraMapping: Record<string, unknown> = {}, retry: any = false) {
  return new Destination(definition).configure({
    settings,
    mappings: [
      {
        id: 'track',
        actionId: 'logEvent',
        trigger: 'type = "track"',
        mapping: { ...mapping, ...extraMapping }
      }
    ],
    retry
  })
}

beforeEach(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
})

describe('logEvent batches', () => {
  it('sends the batch in one request and delivers every event', async () => {
    const bodies: any[] = []
    const scope = nock('https://api2.amplitude.com')
      .post('/2/httpapi', (body) => (bodies.push(body), true))
      .reply(200, { code: 200, events_ingested: 3 })
    const outcomes = await instance().deliverBatch([event(1), event(2), event(3)])
    expect(scope.isDone()).toBe(true)
    expect(bodies).toEqual([{ api_key: settings.apiKey, events: [sent(1), sent(2), sent(3)] }])
    expect(outcomes.map((o) => [o.eventIndex, o.status])).toEqual([
      [0, 'delivered'],
      [1, 'delivered'],
      [2, 'delivered']
    ])
  })

  it('honours batch_size', async () => {
    const sizes: number[] = []
    const scope = nock('https://api2.amplitude.com')
      .post('/2/httpapi', (body) => (sizes.push(body.events.length), true))
      .times(3)
      .reply(200, { code: 200 })
    const outcomes = await instance({ batch_size: 2 }).deliverBatch([1, 2, 3, 4, 5].map((n) => event(n)))
    expect(scope.isDone()).toBe(true)
    expect(sizes).toEqual([2, 2, 1])
    expect(outcomes.every((o) => o.status === 'delivered')).toBe(true)
  })

  it('refuses a batch size above Amplitude’s 2,000 events per request', async () => {
    const outcomes = await instance({ batch_size: 2001 }).deliverBatch([event(1)])
    expect(outcomes[0].status).toBe('invalid')
    expect(outcomes[0].error?.message).toMatch(/Batch Size must be/)
  })

  it('fails the events a 400 names, defers throttled ones, and sends the rest again', async () => {
    const bodies: any[] = []
    const scope = nock('https://api2.amplitude.com')
      .post('/2/httpapi', (body) => (bodies.push(body), true))
      .reply(400, {
        code: 400,
        error: 'Invalid field values on some events',
        events_with_invalid_fields: { time: [1] },
        events_with_missing_fields: { event_type: [1] },
        silenced_devices: ['anon-3'],
        silenced_events: [2],
        throttled_events: [3]
      })
      .post('/2/httpapi', (body) => (bodies.push(body), true))
      .reply(200, { code: 200, events_ingested: 2 })
    const outcomes = await instance().deliverBatch([event(1), event(2), event(3), event(4), event(5)])

    expect(scope.isDone()).toBe(true)
    expect(bodies).toEqual([
      { api_key: settings.apiKey, events: [sent(1), sent(2), sent(3), sent(4), sent(5)] },
      { api_key: settings.apiKey, events: [sent(1), sent(5)] }
    ])
    expect(outcomes.map((o) => o.status)).toEqual(['delivered', 'failed', 'failed', 'retryable', 'delivered'])
    expect(outcomes[1].error).toMatchObject({
      code: 'MISSING_FIELD',
      httpStatus: 400,
      message:
        "Amplitude rejected the event: it is missing the required field 'event_type'; its 'time' value is invalid."
    })
    expect(outcomes[2].error).toMatchObject({
      code: 'SILENCED_DEVICE',
      message: 'Amplitude rejected the event: its device_id has been silenced by Amplitude.'
    })
    expect(outcomes[3].error).toMatchObject({ code: 'TOO_MANY_REQUESTS', httpStatus: 429, retryable: true })
    expect(JSON.stringify(outcomes)).not.toContain(settings.apiKey)
  })

  it('fails the whole batch once for a 400 that names no event', async () => {
    const scope = nock('https://api2.amplitude.com')
      .post('/2/httpapi')
      .once()
      .reply(400, { code: 400, error: 'Invalid API key' })
    const outcomes = await instance({}, { retries: 2, minTimeout: 1, maxTimeout: 5 }).deliverBatch([
      event(1),
      event(2)
    ])
    expect(scope.isDone()).toBe(true)
    expect(outcomes.map((o) => [o.status, o.attempts, o.error?.httpStatus])).toEqual([
      ['failed', 1, 400],
      ['failed', 1, 400]
    ])
  })

  it('makes a throttled batch retryable with Retry-After', async () => {
    const scope = nock('https://api2.amplitude.com')
      .post('/2/httpapi')
      .times(2)
      .reply(
        429,
        {
          code: 429,
          error: 'Too many requests for some devices and users',
          exceeded_daily_quota_users: { 'user-1': 500200 }
        },
        { 'Retry-After': '0' }
      )
    const outcomes = await instance({}, { retries: 1, minTimeout: 1, maxTimeout: 5 }).deliverBatch([
      event(1),
      event(2)
    ])
    expect(scope.isDone()).toBe(true)
    expect(outcomes.map((o) => o.status)).toEqual(['retryable', 'retryable'])
    expect(outcomes[0]).toMatchObject({ attempts: 2, error: { httpStatus: 429, retryAfterMs: 0 } })
  })

  it('leaves an event without user or device ID out of the request with its own failure', async () => {
    const bodies: any[] = []
    nock('https://api2.amplitude.com')
      .post('/2/httpapi', (body) => (bodies.push(body), true))
      .reply(200, { code: 200 })
    // The IDs come from properties here, so an event can be valid for Segment and still have none.
    const outcomes = await instance({
      user_id: { '@path': '$.properties.uid' },
      device_id: { '@path': '$.properties.did' }
    }).deliverBatch([
      event(1, { properties: { uid: 'user-1' } }),
      event(2, { properties: {} }),
      event(3, { properties: { did: 'device-3' } })
    ])
    expect(bodies).toEqual([
      {
        api_key: settings.apiKey,
        events: [
          { event_type: 'Event 1', user_id: 'user-1', time: timeMs, insert_id: 'm1' },
          { event_type: 'Event 3', device_id: 'device-3', time: timeMs, insert_id: 'm3' }
        ]
      }
    ])
    expect(outcomes.map((o) => o.status)).toEqual(['delivered', 'failed', 'delivered'])
    expect(outcomes[1].error).toMatchObject({
      code: 'PAYLOAD_VALIDATION_FAILED',
      httpStatus: 400,
      message: expect.stringContaining('Amplitude needs a User ID or a Device ID')
    })
  })

  it('splits a batch over 1 MB into several requests and reports each one’s result', async () => {
    const big = 'x'.repeat(400_000)
    const sizes: number[] = []
    const scope = nock('https://api2.amplitude.com')
      .post('/2/httpapi', (body) => (sizes.push(Buffer.byteLength(JSON.stringify(body))), true))
      .reply(200, { code: 200 })
      .post('/2/httpapi')
      .reply(503, { code: 503, error: 'Service unavailable' }, { 'retry-after': '20' })
    const outcomes = await instance({ event_properties: { '@path': '$.properties' } }).deliverBatch(
      [1, 2, 3].map((n) => event(n, { properties: { blob: big } }))
    )
    expect(scope.isDone()).toBe(true)
    expect(sizes).toHaveLength(1)
    expect(sizes[0]).toBeLessThan(1_000_000)
    expect(outcomes.map((o) => o.status)).toEqual(['delivered', 'delivered', 'retryable'])
    expect(outcomes[2].error).toMatchObject({
      httpStatus: 503,
      message: 'Amplitude answered 503: Service unavailable.',
      retryAfterMs: 20_000
    })
  })

  it('records the per-event results in the test kit', async () => {
    nock('https://api2.amplitude.com').post('/2/httpapi').reply(200, { code: 200, events_ingested: 2 })
    const testDestination = createTestIntegration(definition)
    const responses = await testDestination.testBatchAction('logEvent', {
      events: [event(1), event(2)],
      settings,
      mapping
    })
    expect(responses).toHaveLength(1)
    expect(responses[0].options.json).toEqual({ api_key: settings.apiKey, events: [sent(1), sent(2)] })
  })
})
