import nock from 'nock'
import { Destination, createTestEvent, createTestIntegration, defaultValues } from '@destkit/core'
import definition from '../index.js'
import sendCustomBehavioralEvent from '../sendCustomBehavioralEvent/index.js'
import { API, auth, bearer, fixture, hubspotError } from './helpers.js'

const testDestination = createTestIntegration(definition)
const destination = new Destination(definition)
const defaults = defaultValues(sendCustomBehavioralEvent.fields)
const EVENT_NAME = 'pe62515_order_completed'

const orderMapping = {
  eventName: EVENT_NAME,
  properties: {
    order_id: { '@path': '$.properties.order_id' },
    revenue: { '@path': '$.properties.revenue' },
    currency: { '@path': '$.properties.currency' },
    coupon: { '@path': '$.properties.coupon' }
  }
}

function configure(
  mapping: Record<string, unknown> = orderMapping,
  retry: false | { retries: number } = false
) {
  return destination.configure({
    settings: {},
    auth,
    retry: retry && { ...retry, minTimeout: 1, maxTimeout: 5 },
    mappings: [
      {
        id: 'orders',
        actionId: 'sendCustomBehavioralEvent',
        trigger: 'type = "track" and event = "Order Completed"',
        mapping: { ...defaults, ...mapping } as never
      }
    ]
  })
}

const order = (email: string | undefined, orderId: string) =>
  createTestEvent({
    event: 'Order Completed',
    timestamp: '2026-10-30T14:22:05.118Z',
    context: email ? { traits: { email } } : {},
    properties: { order_id: orderId, revenue: 10, currency: 'EUR' }
  })

beforeEach(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
})
afterAll(() => nock.enableNetConnect())

describe('sendCustomBehavioralEvent', () => {
  it('sends one occurrence to /events/v3/send', async () => {
    nock(API).post('/events/v3/send').reply(204)
    const responses = await testDestination.testAction('sendCustomBehavioralEvent', {
      event: fixture('track-order-completed'),
      auth,
      useDefaultMappings: true,
      mapping: { ...orderMapping, uuid: '2f1c6b9e-8a4d-4f2b-9c3e-7d5a1b0e6f48' }
    })
    expect(responses).toHaveLength(1)
    const [response] = responses
    expect(response.status).toBe(204)
    expect(response.request.method).toBe('POST')
    expect(response.url).toBe('https://api.hubapi.com/events/v3/send')
    expect(response.request.headers.get('authorization')).toBe(`Bearer ${auth.accessToken}`)
    expect(response.request.headers.get('content-type')).toBe('application/json')
    expect(response.options.json).toEqual({
      eventName: 'pe62515_order_completed',
      email: 'Ada.Lovelace@Example.com',
      occurredAt: '2026-10-30T14:22:05.118Z',
      uuid: '2f1c6b9e-8a4d-4f2b-9c3e-7d5a1b0e6f48',
      properties: { order_id: 'ORD-50314', revenue: 125.49, currency: 'GBP', coupon: 'AUTUMN5' }
    })
    expect(await response.request.text()).toBe(JSON.stringify(response.options.json))
  })

  it('links by user token or object ID and always sends properties', async () => {
    nock(API)
      .post('/events/v3/send', {
        eventName: EVENT_NAME,
        utk: '3c4d1a2b9e8f7a6b5c4d3e2f1a0b9c8d',
        objectId: '501',
        occurredAt: '2026-10-30T14:22:05.118Z',
        properties: {}
      })
      .reply(204)
    const responses = await testDestination.testAction('sendCustomBehavioralEvent', {
      event: createTestEvent({ timestamp: '2026-10-30T14:22:05.118Z', context: {} }),
      auth,
      useDefaultMappings: true,
      mapping: { eventName: EVENT_NAME, utk: '3c4d1a2b9e8f7a6b5c4d3e2f1a0b9c8d', objectId: '501' }
    })
    expect(responses[0].status).toBe(204)
  })

  it('refuses an occurrence that names no record, or has a nested property', async () => {
    await expect(
      testDestination.testAction('sendCustomBehavioralEvent', {
        event: createTestEvent({ context: {} }),
        auth,
        useDefaultMappings: true,
        mapping: { eventName: EVENT_NAME }
      })
    ).rejects.toThrow(
      'HubSpot needs an Email, a User Token or an Object ID to link the event occurrence to a record, and none was given.'
    )
    await expect(
      testDestination.testAction('sendCustomBehavioralEvent', {
        event: fixture('track-order-completed'),
        auth,
        useDefaultMappings: true,
        mapping: { eventName: EVENT_NAME, properties: { '@path': '$.properties' } }
      })
    ).rejects.toThrow(
      "Event Properties must hold strings, numbers or booleans, which HubSpot stores as property values: 'products' is an array."
    )
    await expect(
      testDestination.testAction('sendCustomBehavioralEvent', {
        event: fixture('track-order-completed'),
        auth,
        useDefaultMappings: true
      })
    ).rejects.toThrow("The root value is missing the required field 'eventName'.")
  })

  it('fails a 400 VALIDATION_ERROR at once, without retrying', async () => {
    const scope = nock(API, bearer(auth.accessToken))
      .post('/events/v3/send')
      .once()
      .reply(400, {
        ...hubspotError('VALIDATION_ERROR', 'Event pe62515_order_completed does not exist'),
        errors: [{ message: 'Event pe62515_order_completed does not exist', code: '400', in: 'eventName' }]
      })
    const [outcome] = await configure(orderMapping, { retries: 2 }).deliver(fixture('track-order-completed'))
    expect(outcome.status).toBe('failed')
    expect(outcome.attempts).toBe(1)
    expect(outcome.error).toMatchObject({ httpStatus: 400, retryable: false })
    expect(scope.isDone()).toBe(true)
    expect(JSON.stringify(outcome)).not.toContain(auth.accessToken)
  })

  it('retries a 429 and reports it retryable', async () => {
    const scope = nock(API)
      .post('/events/v3/send')
      .times(2)
      .reply(429, hubspotError('RATE_LIMITS', 'You have reached your secondly limit.'))
    const [outcome] = await configure(orderMapping, { retries: 1 }).deliver(fixture('track-order-completed'))
    expect(outcome.status).toBe('retryable')
    expect(outcome.attempts).toBe(2)
    expect(outcome.error).toMatchObject({ code: 'TOO_MANY_REQUESTS', httpStatus: 429, retryable: true })
    expect(scope.isDone()).toBe(true)
  })
})

describe('sendCustomBehavioralEvent in batches', () => {
  it('sends the occurrences to /events/v3/send/batch and refuses unlinked ones on their own', async () => {
    const scope = nock(API, bearer(auth.accessToken))
      .post('/events/v3/send/batch', {
        inputs: [
          {
            eventName: EVENT_NAME,
            email: 'ada@example.com',
            occurredAt: '2026-10-30T14:22:05.118Z',
            properties: { order_id: 'o-1', revenue: 10, currency: 'EUR' }
          },
          {
            eventName: EVENT_NAME,
            email: 'grace@example.com',
            occurredAt: '2026-10-30T14:22:05.118Z',
            properties: { order_id: 'o-3', revenue: 10, currency: 'EUR' }
          }
        ]
      })
      .reply(204)
    const outcomes = await configure().deliverBatch([
      order('ada@example.com', 'o-1'),
      order(undefined, 'o-2'),
      order('grace@example.com', 'o-3'),
      createTestEvent({ event: 'Product Viewed' })
    ])
    expect(scope.isDone()).toBe(true)
    expect(outcomes.map((o) => o.status)).toEqual(['delivered', 'failed', 'delivered', 'not-subscribed'])
    expect(outcomes[1].error).toMatchObject({
      code: 'PAYLOAD_VALIDATION_FAILED',
      httpStatus: 400,
      retryable: false
    })
  })

  it('reports HubSpot refusing the whole batch on every event', async () => {
    nock(API)
      .post('/events/v3/send/batch')
      .once()
      .reply(400, hubspotError('VALIDATION_ERROR', 'Property order_id exceeds the maximum length'))
    const outcomes = await configure(orderMapping, { retries: 2 }).deliverBatch([
      order('ada@example.com', 'o-1'),
      order('grace@example.com', 'o-2')
    ])
    expect(outcomes.map((o) => [o.status, o.attempts, o.error?.httpStatus])).toEqual([
      ['failed', 1, 400],
      ['failed', 1, 400]
    ])
  })

  it('makes the whole batch retryable on a 503', async () => {
    nock(API).post('/events/v3/send/batch').reply(503, 'Service Unavailable', { 'Retry-After': '120' })
    const outcomes = await configure(orderMapping, { retries: 1 }).deliverBatch([
      order('ada@example.com', 'o-1'),
      order('grace@example.com', 'o-2')
    ])
    expect(outcomes.map((o) => o.status)).toEqual(['retryable', 'retryable'])
    expect(outcomes[0].error).toMatchObject({ httpStatus: 503, retryAfterMs: 120_000 })
  })

  it('splits batches at HubSpot’s limit of 500 occurrences', async () => {
    const sizes: number[] = []
    nock(API)
      .post('/events/v3/send/batch')
      .times(2)
      .reply((_uri, body: any) => {
        sizes.push(body.inputs.length)
        return [204]
      })
    const events = Array.from({ length: 501 }, (_, i) => order(`user${i}@example.com`, `o-${i}`))
    const outcomes = await configure().deliverBatch(events)
    expect(sizes).toEqual([500, 1])
    expect(outcomes.every((o) => o.status === 'delivered')).toBe(true)
  })
})
