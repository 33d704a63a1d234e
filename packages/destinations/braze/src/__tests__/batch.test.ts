import nock from 'nock'
import { Destination, createTestEvent, type JSONObject } from '@destkit/core'
import definition from '../index.js'
import type { Settings } from '../generated-types.js'

const settings: Settings = { apiKey: 'braze-rest-key-6e1f0c', endpoint: 'https://rest.iad-01.braze.com' }
const timestamp = '2026-10-30T14:22:05.118Z'

function instance(actionId: string, mapping?: JSONObject, retry: any = false) {
  return new Destination(definition).configure({
    settings,
    mappings: [{ id: actionId, actionId, trigger: 'type = "track"', ...(mapping && { mapping }) }],
    retry
  })
}

const eventMapping = {
  external_id: { '@path': '$.userId' },
  name: { '@path': '$.event' },
  time: { '@path': '$.timestamp' }
}
const track = (n: number, userId: string | null = `user-${n}`) =>
  createTestEvent({ event: `Event ${n}`, userId, anonymousId: `anon-${n}`, timestamp, properties: {} })
const sent = (n: number) => ({ external_id: `user-${n}`, name: `Event ${n}`, time: timestamp })

beforeEach(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
})

describe('batches', () => {
  it('sends a batch of events in one request and fails only the events Braze reports', async () => {
    const bodies: any[] = []
    const scope = nock('https://rest.iad-01.braze.com', {
      reqheaders: { authorization: `Bearer ${settings.apiKey}` }
    })
      .post('/users/track', (b) => (bodies.push(b), true))
      .reply(201, {
        message: 'success',
        events_processed: 2,
        errors: [{ type: "'name' is required", input_array: 'events', index: 1 }]
      })
    const outcomes = await instance('trackEvent', eventMapping).deliverBatch([track(1), track(2), track(3)])
    expect(scope.isDone()).toBe(true)
    expect(bodies).toEqual([{ events: [sent(1), sent(2), sent(3)] }])
    expect(outcomes.map((o) => o.status)).toEqual(['delivered', 'failed', 'delivered'])
    expect(outcomes[1].error).toMatchObject({
      code: 'REJECTED_BY_BRAZE',
      httpStatus: 400,
      message: "Braze rejected the event: 'name' is required."
    })
  })

  it('keeps to 75 objects per request', async () => {
    const sizes: number[] = []
    const scope = nock('https://rest.iad-01.braze.com')
      .post('/users/track', (b) => (sizes.push(b.events.length), true))
      .times(2)
      .reply(201, { message: 'success' })
    const outcomes = await instance('trackEvent', eventMapping).deliverBatch(
      Array.from({ length: 80 }, (_, i) => track(i))
    )
    expect(scope.isDone()).toBe(true)
    expect(sizes).toEqual([75, 5])
    expect(outcomes.every((o) => o.status === 'delivered')).toBe(true)
  })

  it('honours a smaller batch size', async () => {
    const sizes: number[] = []
    nock('https://rest.iad-01.braze.com')
      .post('/users/track', (b) => (sizes.push(b.events.length), true))
      .times(3)
      .reply(201, { message: 'success' })
    await instance('trackEvent', { ...eventMapping, batch_size: 2 }).deliverBatch(
      [1, 2, 3, 4, 5].map((n) => track(n))
    )
    expect(sizes).toEqual([2, 2, 1])
  })

  it('keeps each order in one request and maps purchase errors back to their order', async () => {
    const bodies: any[] = []
    const scope = nock('https://rest.iad-01.braze.com')
      .post('/users/track', (b) => (bodies.push(b), true))
      .reply(201, { message: 'success', purchases_processed: 50 })
      .post('/users/track', (b) => (bodies.push(b), true))
      .reply(201, {
        message: 'success',
        purchases_processed: 49,
        errors: [{ type: "'quantity' is not valid", input_array: 'purchases', index: 3 }]
      })
    const order = (n: number, count: number) =>
      createTestEvent({
        event: 'Order Completed',
        userId: `user-${n}`,
        timestamp,
        properties: {
          products: Array.from({ length: count }, (_, i) => ({ product_id: `o${n}-p${i}`, price: 2 }))
        }
      })
    const outcomes = await instance('trackPurchase', {
      external_id: { '@path': '$.userId' },
      products: { '@path': '$.properties.products' },
      currency: 'EUR',
      time: { '@path': '$.timestamp' }
    }).deliverBatch([order(1, 50), order(2, 50)])
    expect(scope.isDone()).toBe(true)
    expect(bodies.map((b) => b.purchases.length)).toEqual([50, 50])
    expect(bodies[1].purchases[3]).toEqual({
      external_id: 'user-2',
      product_id: 'o2-p3',
      currency: 'EUR',
      price: 2,
      time: timestamp
    })
    expect(outcomes.map((o) => o.status)).toEqual(['delivered', 'failed'])
    expect(outcomes[1].error?.message).toBe("Braze rejected the purchase: 'quantity' is not valid.")
  })

  it('fails the events a fatal 400 names with their reason, and the others with its message', async () => {
    nock('https://rest.iad-01.braze.com')
      .post('/users/track')
      .reply(400, {
        message: "Valid data must be provided in the 'attributes', 'events', or 'purchases' fields.",
        errors: [{ type: "'time' is not valid", input_array: 'events', index: 0 }]
      })
    const outcomes = await instance('trackEvent', eventMapping).deliverBatch([track(1), track(2)])
    expect(outcomes.map((o) => [o.status, o.error?.httpStatus])).toEqual([
      ['failed', 400],
      ['failed', 400]
    ])
    expect(outcomes[0].error?.message).toBe("Braze rejected the event: 'time' is not valid.")
    expect(outcomes[1].error?.message).toBe(
      "Braze answered 400: Valid data must be provided in the 'attributes', 'events', or 'purchases' fields."
    )
  })

  it('makes a rate-limited batch retryable with the reset wait', async () => {
    const reset = Math.floor(Date.now() / 1000) + 30
    nock('https://rest.iad-01.braze.com')
      .post('/users/track')
      .reply(429, '', { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(reset) })
    const outcomes = await instance('trackEvent', eventMapping, {
      retries: 1,
      minTimeout: 1,
      maxTimeout: 5
    }).deliverBatch([track(1), track(2)])
    expect(outcomes.map((o) => o.status)).toEqual(['retryable', 'retryable'])
    expect(outcomes[0].error).toMatchObject({ code: 'TOO_MANY_REQUESTS', httpStatus: 429 })
    expect(outcomes[0].error?.retryAfterMs).toBeGreaterThan(0)
    expect(JSON.stringify(outcomes)).not.toContain(settings.apiKey)
  })

  it('reports a failed request only for the events it carried', async () => {
    nock('https://rest.iad-01.braze.com')
      .post('/users/track')
      .reply(201, { message: 'success' })
      .post('/users/track')
      .reply(503, { message: 'Service Unavailable' })
    const order = (n: number) =>
      createTestEvent({
        event: 'Order Completed',
        userId: `user-${n}`,
        timestamp,
        properties: { products: Array.from({ length: 40 }, (_, i) => ({ product_id: `p${i}`, price: 1 })) }
      })
    // 80 purchases: one request per order, as both do not fit in 75.
    const outcomes = await instance('trackPurchase').deliverBatch([order(1), order(2)])
    expect(outcomes.map((o) => o.status)).toEqual(['delivered', 'retryable'])
    expect(outcomes[1].error).toMatchObject({
      httpStatus: 503,
      message: 'Braze answered 503: Service Unavailable'
    })
  })

  it('splits only an order with more than 75 products', async () => {
    const sizes: number[] = []
    nock('https://rest.iad-01.braze.com')
      .post('/users/track', (b) => (sizes.push(b.purchases.length), true))
      .times(4)
      .reply(201, { message: 'success' })
    const order = (n: number, count: number) =>
      createTestEvent({
        event: 'Order Completed',
        userId: `user-${n}`,
        properties: { products: Array.from({ length: count }, (_, i) => ({ product_id: `p${i}`, price: 1 })) }
      })
    const outcomes = await instance('trackPurchase').deliverBatch([order(1, 10), order(2, 100), order(3, 10)])
    expect(sizes).toEqual([10, 75, 25, 10])
    expect(outcomes.every((o) => o.status === 'delivered')).toBe(true)
  })

  it('leaves out an event without identifiers and sends the others', async () => {
    const bodies: any[] = []
    nock('https://rest.iad-01.braze.com')
      .post('/users/track', (b) => (bodies.push(b), true))
      .reply(201, { message: 'success' })
    const outcomes = await instance('trackEvent', {
      ...eventMapping,
      external_id: { '@path': '$.properties.braze_user' }
    }).deliverBatch([
      createTestEvent({ event: 'A', timestamp, properties: { braze_user: 'u-a' } }),
      createTestEvent({ event: 'B', timestamp, properties: {} })
    ])
    expect(bodies).toEqual([{ events: [{ external_id: 'u-a', name: 'A', time: timestamp }] }])
    expect(outcomes.map((o) => o.status)).toEqual(['delivered', 'failed'])
    expect(outcomes[1].error).toMatchObject({ code: 'PAYLOAD_VALIDATION_FAILED', httpStatus: 400 })
  })
})
