import nock from 'nock'
import { Destination, createTestIntegration } from '@destkit/core'
import definition from '../index.js'
import { orderCompleted } from './events.js'

const secret = 'sa-secret-0f9e8d7c6b5a'
const settings = {
  projectToken: 'tok_4a5b6c7d8e9f',
  projectId: '12345',
  serviceAccountUsername: 'destkit.1a2b3c.mp-service-account',
  serviceAccountSecret: secret
}
const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`
const noRetry = { retries: 1, minTimeout: 1, maxTimeout: 5 }

/** The `/import` event the default mapping makes of `orderCompleted()`. */
const expectedEvent = {
  event: 'Order Completed',
  properties: {
    order_id: 'ORD-50314',
    revenue: 125.49,
    currency: 'GBP',
    $current_url: 'https://shop.example.com/checkout/confirmation?step=done',
    $referrer: 'https://shop.example.com/checkout/payment',
    utm_source: 'newsletter',
    utm_medium: 'email',
    utm_campaign: 'autumn-sale',
    time: 1793370125118,
    distinct_id: 'u_83712',
    // The message id is 40 characters long: it becomes the first 36 hex characters of its SHA-256.
    $insert_id: '725a0a7915f0fae1b8d17a7378b87efa19c4',
    $user_id: 'u_83712',
    $device_id: '5b1c0a7e-3d9f-4c3a-9a52-5f1d2e8b7c64',
    ip: '203.0.113.42'
  }
}

beforeEach(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
})
afterAll(() => nock.enableNetConnect())

describe('trackEvent', () => {
  it('imports one event with service account credentials and the project id', async () => {
    const scope = nock('https://api.mixpanel.com', {
      reqheaders: {
        authorization: basic(settings.serviceAccountUsername, secret),
        'content-type': (value) => value.startsWith('application/json')
      }
    })
      .post('/import', [expectedEvent])
      .query({ strict: '1', project_id: '12345' })
      .reply(200, { code: 200, num_records_imported: 1, status: 'OK' })

    const testDestination = createTestIntegration(definition)
    const responses = await testDestination.testAction('trackEvent', {
      event: orderCompleted(),
      settings,
      useDefaultMappings: true
    })

    expect(scope.isDone()).toBe(true)
    expect(responses[0].status).toBe(200)
    expect(responses[0].url).toBe('https://api.mixpanel.com/import?strict=1&project_id=12345')
    expect(responses[0].request.method).toBe('POST')
    expect(JSON.parse(await responses[0].request.text())).toEqual([expectedEvent])
  })

  it('keeps a valid insert id, reads seconds timestamps and omits what the event lacks', async () => {
    let body: any
    nock('https://api.mixpanel.com')
      .post('/import', (b) => ((body = b), true))
      .query(true)
      .reply(200, { code: 200, num_records_imported: 1, status: 'OK' })

    await createTestIntegration(definition).testAction('trackEvent', {
      event: orderCompleted({ messageId: '3f1c9a52-1b2c-4d5e-8f90-123456789abc', userId: undefined }),
      settings,
      mapping: { time: 1793370125 },
      useDefaultMappings: true
    })

    expect(body[0].properties).toMatchObject({
      time: 1793370125000,
      distinct_id: '5b1c0a7e-3d9f-4c3a-9a52-5f1d2e8b7c64',
      $insert_id: '3f1c9a52-1b2c-4d5e-8f90-123456789abc'
    })
    expect(body[0].properties).not.toHaveProperty('$user_id')
  })

  it('sends to the EU residency host with the project secret as Basic username', async () => {
    const scope = nock('https://api-eu.mixpanel.com', {
      reqheaders: { authorization: basic('legacy-secret-77', '') }
    })
      .post('/import')
      .query({ strict: '1' })
      .reply(200, { code: 200, num_records_imported: 1, status: 'OK' })

    await createTestIntegration(definition).testAction('trackEvent', {
      event: orderCompleted(),
      settings: { projectToken: 'tok_4a5b6c7d8e9f', apiSecret: 'legacy-secret-77', region: 'eu' },
      useDefaultMappings: true
    })
    expect(scope.isDone()).toBe(true)
  })

  it('sends to the India residency host with the project token when it is the only credential', async () => {
    const scope = nock('https://api-in.mixpanel.com', {
      reqheaders: { authorization: basic('tok_4a5b6c7d8e9f', '') }
    })
      .post('/import')
      .query({ strict: '1' })
      .reply(200, { code: 200, num_records_imported: 1, status: 'OK' })

    await createTestIntegration(definition).testAction('trackEvent', {
      event: orderCompleted(),
      settings: { projectToken: 'tok_4a5b6c7d8e9f', region: 'in' },
      useDefaultMappings: true
    })
    expect(scope.isDone()).toBe(true)
  })

  it('fails an event Mixpanel rejects in strict mode with its reason, without retrying', async () => {
    const scope = nock('https://api.mixpanel.com')
      .post('/import')
      .query(true)
      .once()
      .reply(400, {
        code: 400,
        error: 'some data points in the request failed validation',
        status: 'Bad Request',
        num_records_imported: 0,
        failed_records: [
          {
            index: 0,
            insert_id: '725a0a7915f0fae1b8d17a7378b87efa19c4',
            field: 'properties.time',
            message: "'properties.time' is invalid: must be specified as seconds since epoch"
          }
        ]
      })

    const instance = new Destination(definition).configure({
      settings,
      mappings: [{ id: 'track', actionId: 'trackEvent' }],
      retry: noRetry
    })
    const [outcome] = await instance.deliver(orderCompleted())

    expect(scope.isDone()).toBe(true)
    expect(outcome.status).toBe('failed')
    expect(outcome.attempts).toBe(1)
    expect(outcome.error?.code).toBe('EVENT_REJECTED')
    expect(outcome.error?.message).toBe(
      "Mixpanel rejected the event: 'properties.time' is invalid: must be specified as seconds since epoch."
    )
    expect(JSON.stringify(outcome)).not.toContain(secret)
  })

  it('fails on refused credentials without retrying and keeps the secrets out of the outcome', async () => {
    const scope = nock('https://api.mixpanel.com')
      .post('/import')
      .query(true)
      .once()
      .reply(401, { code: 401, error: 'Invalid credentials', status: 'Unauthorized' })

    const instance = new Destination(definition).configure({
      settings,
      mappings: [{ id: 'track', actionId: 'trackEvent' }],
      retry: noRetry
    })
    const [outcome] = await instance.deliver(orderCompleted())

    expect(scope.isDone()).toBe(true)
    expect(outcome.status).toBe('failed')
    expect(outcome.attempts).toBe(1)
    expect(outcome.error?.httpStatus).toBe(401)
    const text = JSON.stringify(outcome)
    expect(text).not.toContain(secret)
    expect(text).not.toContain(settings.projectToken)
    expect(text).not.toContain(Buffer.from(`${settings.serviceAccountUsername}:${secret}`).toString('base64'))
  })

  it('is retryable on 429 and reports the Retry-After delay', async () => {
    const scope = nock('https://api.mixpanel.com')
      .post('/import')
      .query(true)
      .times(2)
      .reply(
        429,
        { code: 429, error: 'Project exceeded rate limits.', status: 'Too Many Requests' },
        { 'Retry-After': '120' }
      )

    const instance = new Destination(definition).configure({
      settings,
      mappings: [{ id: 'track', actionId: 'trackEvent' }],
      retry: noRetry
    })
    const [outcome] = await instance.deliver(orderCompleted())

    expect(outcome.status).toBe('retryable')
    expect(outcome.error?.retryAfterMs).toBe(120_000)
    expect(outcome.error?.httpStatus).toBe(429)
    expect(scope.pendingMocks().length).toBeLessThanOrEqual(1)
  })

  it('retries a 5xx in process and delivers when the next attempt succeeds', async () => {
    nock('https://api.mixpanel.com').post('/import').query(true).reply(503, 'unavailable')
    nock('https://api.mixpanel.com')
      .post('/import')
      .query(true)
      .reply(200, { code: 200, num_records_imported: 1, status: 'OK' })

    const instance = new Destination(definition).configure({
      settings,
      mappings: [{ id: 'track', actionId: 'trackEvent' }],
      retry: noRetry
    })
    const [outcome] = await instance.deliver(orderCompleted())
    expect(outcome.status).toBe('delivered')
    expect(outcome.attempts).toBe(2)
  })

  it('refuses an incomplete service account before sending anything', async () => {
    const instance = new Destination(definition).configure({
      settings: {
        projectToken: 'tok_4a5b6c7d8e9f',
        serviceAccountUsername: 'sa',
        serviceAccountSecret: secret
      },
      mappings: [{ id: 'track', actionId: 'trackEvent' }],
      retry: false
    })
    const [outcome] = await instance.deliver(orderCompleted())
    expect(outcome.status).toBe('failed')
    expect(outcome.error?.code).toBe('INVALID_SETTINGS')
    expect(outcome.error?.message).toBe(
      'Service account authentication needs the service account username, its secret and the project ID.'
    )
    expect(JSON.stringify(outcome)).not.toContain(secret)
  })
})

describe('trackEvent batches', () => {
  const instance = (mapping: Record<string, unknown> = {}) =>
    new Destination(definition).configure({
      settings,
      mappings: [
        {
          id: 'track',
          actionId: 'trackEvent',
          mapping: { ...definition.presets![0].mapping, ...mapping } as any
        }
      ],
      retry: noRetry
    })

  const events = (count: number) =>
    Array.from({ length: count }, (_, i) =>
      orderCompleted({ messageId: `msg-${i}`, event: `Event ${i}`, userId: `user-${i}` })
    )

  it('sends the batch as one JSON array and delivers every event', async () => {
    let body: any
    const scope = nock('https://api.mixpanel.com', {
      reqheaders: { authorization: basic(settings.serviceAccountUsername, secret) }
    })
      .post('/import', (b) => ((body = b), true))
      .query({ strict: '1', project_id: '12345' })
      .reply(200, { code: 200, num_records_imported: 3, status: 'OK' })

    const outcomes = await instance().deliverBatch(events(3))

    expect(scope.isDone()).toBe(true)
    expect(body.map((e: any) => [e.event, e.properties.distinct_id, e.properties.$insert_id])).toEqual([
      ['Event 0', 'user-0', 'msg-0'],
      ['Event 1', 'user-1', 'msg-1'],
      ['Event 2', 'user-2', 'msg-2']
    ])
    expect(body[0]).toEqual({
      ...expectedEvent,
      event: 'Event 0',
      properties: {
        ...expectedEvent.properties,
        distinct_id: 'user-0',
        $user_id: 'user-0',
        $insert_id: 'msg-0'
      }
    })
    expect(outcomes.map((o) => o.status)).toEqual(['delivered', 'delivered', 'delivered'])
  })

  it('maps strict-mode failed_records to the events they name and delivers the rest', async () => {
    nock('https://api.mixpanel.com')
      .post('/import')
      .query(true)
      .reply(400, {
        code: 400,
        error: 'some data points in the request failed validation',
        status: 'Bad Request',
        num_records_imported: 2,
        failed_records: [
          {
            index: 1,
            insert_id: 'msg-1',
            field: 'properties.distinct_id',
            message: "'properties.distinct_id' is invalid: distinct_id is a placeholder value"
          }
        ]
      })

    const outcomes = await instance().deliverBatch(events(3))

    expect(outcomes.map((o) => [o.eventIndex, o.status])).toEqual([
      [0, 'delivered'],
      [1, 'failed'],
      [2, 'delivered']
    ])
    expect(outcomes[1].error).toMatchObject({
      code: 'EVENT_REJECTED',
      httpStatus: 400,
      message:
        "Mixpanel rejected the event: 'properties.distinct_id' is invalid: distinct_id is a placeholder value."
    })
  })

  it('honours the batch size', async () => {
    const sizes: number[] = []
    nock('https://api.mixpanel.com')
      .post('/import', (b) => (sizes.push(b.length), true))
      .query(true)
      .times(3)
      .reply(200, { code: 200, status: 'OK' })

    const outcomes = await instance({ batch_size: 2 }).deliverBatch(events(5))

    expect(sizes).toEqual([2, 2, 1])
    expect(outcomes.every((o) => o.status === 'delivered')).toBe(true)
  })

  it('declares the 2000-event import limit as the largest batch size', () => {
    expect(definition.actions.trackEvent.fields.batch_size).toMatchObject({ maximum: 2000, default: 1000 })
  })

  it('splits requests to stay under 2 MB and fails only the events of a failed request', async () => {
    // The runtime caps one event at 500 kB; four such events fit in one request, the fifth goes alone.
    const blob = 'x'.repeat(450_000)
    const input = Array.from({ length: 5 }, (_, i) =>
      orderCompleted({ messageId: `big-${i}`, properties: { blob } })
    )
    const sent: string[][] = []
    nock('https://api.mixpanel.com')
      .post('/import', (b) => (sent.push(b.map((e: any) => e.properties.$insert_id)), true))
      .query(true)
      .reply(200, { code: 200, status: 'OK' })
    nock('https://api.mixpanel.com')
      .post('/import', (b) => (sent.push(b.map((e: any) => e.properties.$insert_id)), true))
      .query(true)
      .reply(503, 'unavailable')

    const outcomes = await instance().deliverBatch(input)

    expect(sent).toEqual([['big-0', 'big-1', 'big-2', 'big-3'], ['big-4']])
    expect(outcomes.map((o) => o.status)).toEqual([
      'delivered',
      'delivered',
      'delivered',
      'delivered',
      'retryable'
    ])
    expect(outcomes[4].error?.httpStatus).toBe(503)
  })

  it('rejects an event over the 1 MB Mixpanel accepts without sending it', async () => {
    const requests: unknown[] = []
    const request = (async (_url: string, options: any) => {
      requests.push(options.json)
      return { status: 200, data: { code: 200, status: 'OK' } }
    }) as any
    const base = { event: 'Order Completed', distinct_id: 'u1', time: '2026-10-30T14:22:05.118Z' }
    const result = await definition.actions.trackEvent.performBatch!(request, {
      settings,
      payload: [
        { ...base, insert_id: 'small' },
        { ...base, insert_id: 'huge', properties: { blob: 'x'.repeat(1_000_000) } }
      ]
    })

    expect(requests).toHaveLength(1)
    expect((requests[0] as any[]).map((e) => e.properties.$insert_id)).toEqual(['small'])
    expect(result.isSuccessResponseAtIndex(0)).toBe(true)
    expect(result.getResponseAtIndex(1).value()).toMatchObject({
      status: 400,
      errormessage: 'The event is larger than the 1 MB of JSON Mixpanel accepts per event.'
    })
  })

  it('makes the whole batch retryable when its only request is throttled', async () => {
    nock('https://api.mixpanel.com')
      .post('/import')
      .query(true)
      .times(2)
      .reply(429, { code: 429, error: 'Project exceeded rate limits.' }, { 'Retry-After': '30' })

    const outcomes = await instance().deliverBatch(events(2))

    expect(outcomes.map((o) => o.status)).toEqual(['retryable', 'retryable'])
    expect(outcomes[0].error?.retryAfterMs).toBe(30_000)
    expect(JSON.stringify(outcomes)).not.toContain(secret)
  })

  it('reports per-event results through the test kit', async () => {
    nock('https://api.mixpanel.com')
      .post('/import')
      .query(true)
      .reply(400, {
        code: 400,
        status: 'Bad Request',
        failed_records: [{ index: 0, insert_id: 'msg-0', field: 'event', message: "'event' is invalid" }]
      })
    const testDestination = createTestIntegration(definition)
    await testDestination.testBatchAction('trackEvent', {
      events: events(2),
      settings,
      useDefaultMappings: true
    })
    const [result] = testDestination.results as any[]
    expect(JSON.stringify(result)).toContain("Mixpanel rejected the event: 'event' is invalid.")
  })
})
