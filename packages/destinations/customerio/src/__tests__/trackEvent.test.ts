import nock from 'nock'
import { Destination, createTestIntegration } from '@destkit/core'
import definition from '../index.js'
import { orderCompleted } from './events.js'

const apiKey = 'cio_track_key_9f8e7d6c5b4a'
const settings = { siteId: 'site_3c2b1a', apiKey }
const authorization = `Basic ${Buffer.from(`site_3c2b1a:${apiKey}`).toString('base64')}`
const retry = { retries: 1, minTimeout: 1, maxTimeout: 5 }
const anonymousId = '5b1c0a7e-3d9f-4c3a-9a52-5f1d2e8b7c64'

/** `orderCompleted()` of a visitor nobody has identified yet. */
const anonymousOrder = () => orderCompleted({ userId: undefined, context: { ip: '203.0.113.42' } })

beforeEach(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
})
afterAll(() => nock.enableNetConnect())

describe('trackEvent', () => {
  it("posts the event to the person's events with a Unix timestamp", async () => {
    const expected = {
      name: 'Order Completed',
      type: 'event',
      data: { order_id: 'ORD-50314', revenue: 125.49, currency: 'GBP' },
      timestamp: 1793370125
    }
    const scope = nock('https://track.customer.io', {
      reqheaders: { authorization, 'content-type': (value) => value.startsWith('application/json') }
    })
      .post('/api/v1/customers/u_83712/events', expected)
      .reply(200, {})

    const responses = await createTestIntegration(definition).testAction('trackEvent', {
      event: orderCompleted(),
      settings,
      useDefaultMappings: true
    })

    expect(scope.isDone()).toBe(true)
    expect(responses[0].url).toBe('https://track.customer.io/api/v1/customers/u_83712/events')
    expect(responses[0].request.method).toBe('POST')
    expect(responses[0].options.json).toEqual(expected)
  })

  it('identifies the person by the email of the context when there is no user ID', async () => {
    const scope = nock('https://track-eu.customer.io')
      .post('/api/v1/customers/Ada.Lovelace%40Example.com/events', (body) => body.name === 'Order Completed')
      .reply(200, {})
    await createTestIntegration(definition).testAction('trackEvent', {
      event: orderCompleted({ userId: undefined }),
      settings: { ...settings, region: 'eu' },
      useDefaultMappings: true
    })
    expect(scope.isDone()).toBe(true)
  })

  it('sends an anonymous event with its anonymous ID', async () => {
    const expected = {
      name: 'Order Completed',
      type: 'event',
      data: { order_id: 'ORD-50314', revenue: 125.49, currency: 'GBP' },
      timestamp: 1793370125,
      anonymous_id: anonymousId
    }
    const scope = nock('https://track.customer.io', { reqheaders: { authorization } })
      .post('/api/v1/events', expected)
      .reply(200, {})
    await createTestIntegration(definition).testAction('trackEvent', {
      event: anonymousOrder(),
      settings,
      useDefaultMappings: true
    })
    expect(scope.isDone()).toBe(true)
  })

  it('refuses an event that names nobody', async () => {
    const instance = new Destination(definition).configure({
      settings,
      // A mapping that reads no identifier at all.
      mappings: [{ id: 'track', actionId: 'trackEvent', mapping: { name: { '@path': '$.event' } } }],
      retry: false
    })
    const [outcome] = await instance.deliver(orderCompleted())
    expect([outcome.status, outcome.attempts]).toEqual(['failed', 1])
    expect(outcome.error?.message).toBe('The person ID, the email or the anonymous ID is required.')
  })

  it('fails a 400 once and is retryable on a 5xx', async () => {
    const instance = new Destination(definition).configure({
      settings,
      mappings: [{ id: 'track', actionId: 'trackEvent' }],
      retry
    })
    const bad = nock('https://track.customer.io')
      .post('/api/v1/customers/u_83712/events')
      .once()
      .reply(400, { meta: { errors: ['event name too long'] } })
    const [failed] = await instance.deliver(orderCompleted())
    expect(bad.isDone()).toBe(true)
    expect([failed.status, failed.attempts]).toEqual(['failed', 1])

    nock('https://track.customer.io').post('/api/v1/customers/u_83712/events').times(2).reply(500, 'oops')
    const [retryable] = await instance.deliver(orderCompleted())
    expect([retryable.status, retryable.attempts]).toEqual(['retryable', 2])
    expect(JSON.stringify([failed, retryable])).not.toContain(apiKey)
  })
})

describe('trackEvent batches', () => {
  const instance = () =>
    new Destination(definition).configure({
      settings,
      mappings: [{ id: 'track', actionId: 'trackEvent', mapping: definition.presets![1].mapping as any }],
      retry
    })

  it('sends identified events through v2 and anonymous ones through the v1 anonymous endpoint', async () => {
    const v2 = nock('https://track.customer.io', { reqheaders: { authorization } })
      .post('/api/v2/batch', {
        batch: [
          {
            type: 'person',
            identifiers: { id: 'u_83712' },
            action: 'event',
            name: 'Order Completed',
            timestamp: 1793370125,
            attributes: { order_id: 'ORD-50314', revenue: 125.49, currency: 'GBP' }
          },
          {
            type: 'person',
            identifiers: { id: 'u_2' },
            action: 'event',
            name: 'Signed Up',
            timestamp: 1793370125,
            attributes: {}
          }
        ]
      })
      .reply(200, {})
    const v1 = nock('https://track.customer.io', { reqheaders: { authorization } })
      .post('/api/v1/events', (body) => body.anonymous_id === anonymousId && body.name === 'Order Completed')
      .reply(200, {})

    const outcomes = await instance().deliverBatch([
      orderCompleted(),
      anonymousOrder(),
      orderCompleted({ userId: 'u_2', event: 'Signed Up', properties: {} })
    ])

    expect(v2.isDone()).toBe(true)
    expect(v1.isDone()).toBe(true)
    expect(outcomes.map((o) => o.status)).toEqual(['delivered', 'delivered', 'delivered'])
  })

  it('maps a 207 to the rejected events, and an anonymous failure to its own event', async () => {
    nock('https://track.customer.io')
      .post('/api/v2/batch')
      .reply(207, {
        errors: [{ batch_index: 0, reason: 'required', field: 'name', message: 'name is required' }]
      })
    nock('https://track.customer.io').post('/api/v1/events').reply(429, 'slow down')

    const outcomes = await instance().deliverBatch([
      orderCompleted({ userId: 'u_1' }),
      orderCompleted({ userId: 'u_2' }),
      anonymousOrder()
    ])

    expect(outcomes.map((o) => o.status)).toEqual(['failed', 'delivered', 'retryable'])
    expect(outcomes[0].error?.message).toBe("Customer.io rejected this entry: 'name': name is required.")
    expect(outcomes[2].error?.httpStatus).toBe(429)
    expect(JSON.stringify(outcomes)).not.toContain(apiKey)
  })
})
