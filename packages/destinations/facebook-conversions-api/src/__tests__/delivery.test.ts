// Outcomes through the host API: errors and retries, batches, presets, authentication and secrets.
import nock from 'nock'
import { inspect } from 'node:util'
import {
  Destination,
  createTestIntegration,
  presetMappings,
  type JSONObject,
  type SegmentEvent
} from '@destkit/core'
import definition from '../index.js'
import { GRAPH_API_VERSION, MAX_EVENTS_PER_REQUEST, describeGraphError } from '../graph-api.js'
import {
  ACCESS_TOKEN,
  EVENTS_PATH,
  GRAPH,
  PIXEL_ID,
  checkoutStarted,
  eventTime,
  expectedUserData,
  graphError,
  orderCompleted,
  pageCall,
  productEvent,
  settings
} from './helpers.js'

const destination = new Destination(definition)
const fastRetry = { retries: 1, minTimeout: 1, maxTimeout: 5 }

beforeEach(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
})
afterAll(() => nock.enableNetConnect())

function purchaseInstance(retry: typeof fastRetry | false = false, mapping?: JSONObject) {
  return destination.configure({
    settings,
    mappings: [
      {
        id: 'orders',
        actionId: 'purchase',
        trigger: 'type = "track" and event = "Order Completed"',
        ...(mapping && { mapping: { ...(definition.presets![0].mapping as JSONObject), ...mapping } })
      }
    ],
    retry
  })
}

function events() {
  return nock(GRAPH).post(EVENTS_PATH).query({ access_token: ACCESS_TOKEN })
}

describe('the Graph API version', () => {
  it('is one constant used by every URL', () => {
    expect(GRAPH_API_VERSION).toMatch(/^v\d+\.0$/)
    expect(EVENTS_PATH).toBe(`/${GRAPH_API_VERSION}/${PIXEL_ID}/events`)
  })
})

describe('errors', () => {
  it('fails a 400 (invalid parameter) at once, with Meta’s message, and does not retry it', async () => {
    const scope = events().reply(
      400,
      graphError(100, 'Invalid parameter', {
        error_subcode: 2804003,
        error_user_msg: 'The event time is too far in the past.'
      })
    )
    const [outcome] = await purchaseInstance(fastRetry).deliver(orderCompleted())
    expect(scope.isDone()).toBe(true)
    expect(outcome.status).toBe('failed')
    expect(outcome.attempts).toBe(1)
    expect(outcome.error).toMatchObject({
      code: 'BAD_REQUEST',
      httpStatus: 400,
      retryable: false,
      message:
        'Meta rejected the request: Invalid parameter. The event time is too far in the past. ' +
        '(type OAuthException, code 100, subcode 2804003, fbtrace_id AbCdEfGhIjK)'
    })
  })

  it.each([
    [4, 400, 'Application request limit reached'],
    [17, 400, 'User request limit reached'],
    [32, 403, 'Page request limit reached'],
    [613, 400, 'Calls to this api have exceeded the rate limit.']
  ])('retries Graph rate limit code %i (HTTP %i) and leaves it retryable', async (code, status, message) => {
    const scope = events().times(2).reply(status, graphError(code, message))
    const [outcome] = await purchaseInstance(fastRetry).deliver(orderCompleted())
    expect(scope.isDone()).toBe(true)
    expect(outcome.status).toBe('retryable')
    expect(outcome.attempts).toBe(2)
    expect(outcome.error).toMatchObject({ code: 'RETRYABLE_ERROR', httpStatus: 429, retryable: true })
    expect(outcome.error?.message).toContain(message)
  })

  it('passes Retry-After on as retryAfterMs', async () => {
    events().reply(503, graphError(2, 'Service temporarily unavailable'), { 'Retry-After': '30' })
    const [outcome] = await purchaseInstance(false).deliver(orderCompleted())
    expect(outcome.status).toBe('retryable')
    expect(outcome.error).toMatchObject({ httpStatus: 503, retryAfterMs: 30_000 })
  })

  it('retries a 5xx without Meta’s error body and delivers on the next attempt', async () => {
    const scope = events()
      .reply(502, 'Bad Gateway')
      .post(EVENTS_PATH)
      .query(true)
      .reply(200, { events_received: 1 })
    const [outcome] = await purchaseInstance(fastRetry).deliver(orderCompleted())
    expect(scope.isDone()).toBe(true)
    expect(outcome.status).toBe('delivered')
    expect(outcome.attempts).toBe(2)
  })

  it('treats a 429 without a body as retryable, with Retry-After', async () => {
    events().reply(429, '', { 'Retry-After': '7' })
    const [outcome] = await purchaseInstance(false).deliver(orderCompleted())
    expect(outcome.status).toBe('retryable')
    expect(outcome.error).toMatchObject({ httpStatus: 429, retryAfterMs: 7000 })
  })

  it('fails an invalid token (code 190) as an authentication error and never shows the token', async () => {
    const scope = events().reply(
      400,
      graphError(190, `Malformed access token ${ACCESS_TOKEN}`, { error_subcode: 463 })
    )
    const [outcome] = await purchaseInstance(fastRetry).deliver(orderCompleted())
    expect(scope.isDone()).toBe(true)
    expect(outcome.status).toBe('failed')
    expect(outcome.attempts).toBe(1)
    expect(outcome.error).toMatchObject({ code: 'INVALID_AUTHENTICATION', httpStatus: 401 })
    expect(outcome.error?.message).toContain('Malformed access token [REDACTED]')
    expect(outcome.request?.url).toBeDefined()
    expect(JSON.stringify(outcome)).not.toContain(ACCESS_TOKEN)
    expect(inspect(outcome, { depth: 20 })).not.toContain(ACCESS_TOKEN)
  })

  it('never shows the token in a thrown error either', async () => {
    events().reply(400, graphError(190, `Malformed access token ${ACCESS_TOKEN}`))
    const error = await createTestIntegration(definition)
      .testAction('purchase', { event: orderCompleted(), settings, useDefaultMappings: true })
      .catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(Error)
    expect(String((error as Error).message)).not.toContain(ACCESS_TOKEN)
    expect(inspect(error)).not.toContain(ACCESS_TOKEN)
  })

  it('keeps the token out of delivered outcomes, where it is in the query string', async () => {
    events().reply(200, { events_received: 1, messages: [], fbtrace_id: 'x' })
    const [outcome] = await purchaseInstance(false).deliver(orderCompleted())
    expect(outcome.status).toBe('delivered')
    expect(outcome.request?.url).toContain('access_token=')
    expect(JSON.stringify(outcome)).not.toContain(ACCESS_TOKEN)
  })

  it('a payload that Meta would refuse fails without a request', async () => {
    const old = new Date(Date.now() - 8 * 24 * 60 * 60 * 1000).toISOString()
    const [outcome] = await purchaseInstance(fastRetry).deliver(orderCompleted({ timestamp: old }))
    expect(outcome.status).toBe('failed')
    expect(outcome.attempts).toBe(1)
    expect(outcome.error).toMatchObject({ code: 'PAYLOAD_VALIDATION_FAILED', httpStatus: 400 })
    expect(outcome.request).toBeUndefined()
  })

  it('describes an error object without details', () => {
    expect(describeGraphError({})).toBe('Meta rejected the request: no reason given.')
  })
})

describe('batches', () => {
  function order(i: number, overrides: Partial<SegmentEvent> = {}) {
    return orderCompleted({
      messageId: `msg-${i}`,
      properties: { ...orderCompleted().properties, order_id: `ORD-${i}` },
      ...overrides
    })
  }

  it('sends a batch in one request and gives every event its result', async () => {
    let body: any
    const scope = events()
      .matchHeader('content-type', /^application\/json/)
      .reply(200, (_uri, requestBody) => {
        body = requestBody
        return { events_received: 3, messages: [], fbtrace_id: 'batch1' }
      })
    const testDestination = createTestIntegration(definition)
    const responses = await testDestination.testBatchAction('purchase', {
      events: [order(1), order(2), order(3)],
      settings,
      useDefaultMappings: true
    })
    expect(scope.isDone()).toBe(true)
    expect(responses).toHaveLength(1)
    expect(body.data.map((event: any) => [event.event_id, event.custom_data.order_id])).toEqual([
      ['msg-1', 'ORD-1'],
      ['msg-2', 'ORD-2'],
      ['msg-3', 'ORD-3']
    ])
    expect(body.data[0]).toMatchObject({
      event_name: 'Purchase',
      event_time: eventTime,
      user_data: expectedUserData
    })
    expect(testDestination.results).toHaveLength(1)
    const { multistatus } = testDestination.results[0] as { multistatus: Array<{ status: number }> }
    expect(multistatus.map((entry) => entry.status)).toEqual([200, 200, 200])
  })

  it('leaves out the events Meta would refuse, so they do not fail the batch', async () => {
    let body: any
    events().reply(200, (_uri, requestBody) => ((body = requestBody), { events_received: 2 }))
    const old = new Date(Date.now() - 8 * 24 * 60 * 60 * 1000).toISOString()
    const outcomes = await purchaseInstance(false).deliverBatch([
      order(1),
      order(2, { timestamp: old }),
      // A website event without a user agent.
      order(3, { context: { ip: '203.0.113.42', page: { url: 'https://shop.example.com/' } } }),
      order(4)
    ])
    expect(body.data.map((event: any) => event.event_id)).toEqual(['msg-1', 'msg-4'])
    expect(outcomes.map((outcome) => [outcome.eventIndex, outcome.status])).toEqual([
      [0, 'delivered'],
      [1, 'failed'],
      [2, 'failed'],
      [3, 'delivered']
    ])
    expect(outcomes[1].error).toMatchObject({ code: 'PAYLOAD_VALIDATION_FAILED', httpStatus: 400 })
    expect(outcomes[1].error?.message).toContain('is more than 7 days in the past')
    expect(outcomes[2].error?.message).toBe('Meta requires Client User Agent for website events.')
  })

  it('splits batches by batch size (one request per chunk)', async () => {
    const sizes: number[] = []
    events()
      .times(2)
      .reply(200, (_uri, requestBody: any) => (sizes.push(requestBody.data.length), { events_received: 1 }))
    const outcomes = await purchaseInstance(false, { batch_size: 2 }).deliverBatch([
      order(1),
      order(2),
      order(3)
    ])
    expect(sizes).toEqual([2, 1])
    expect(outcomes.every((outcome) => outcome.status === 'delivered')).toBe(true)
  })

  it(`defaults the batch size to Meta's limit of ${MAX_EVENTS_PER_REQUEST} and refuses more`, async () => {
    expect(definition.actions.purchase.fields.batch_size).toMatchObject({
      default: MAX_EVENTS_PER_REQUEST,
      maximum: MAX_EVENTS_PER_REQUEST
    })
    const [outcome] = await purchaseInstance(false, { batch_size: MAX_EVENTS_PER_REQUEST + 1 }).deliverBatch([
      order(1)
    ])
    expect(outcome.status).toBe('invalid')
    expect(outcome.error?.message).toMatch(/Batch Size/)
  })

  it('fails the whole batch on a 400 and retries it on a rate limit', async () => {
    events().reply(400, graphError(100, 'Invalid parameter'))
    const failed = await purchaseInstance(false).deliverBatch([order(1), order(2)])
    expect(failed.map((outcome) => outcome.status)).toEqual(['failed', 'failed'])

    const scope = events().times(2).reply(400, graphError(17, 'User request limit reached'))
    const limited = await purchaseInstance(fastRetry).deliverBatch([order(1), order(2)])
    expect(scope.isDone()).toBe(true)
    expect(limited.map((outcome) => [outcome.status, outcome.attempts])).toEqual([
      ['retryable', 2],
      ['retryable', 2]
    ])
    expect(JSON.stringify(limited)).not.toContain(ACCESS_TOKEN)
  })

  it('keeps an invalid event’s own error when the request for the others fails', async () => {
    events().reply(500, graphError(2, 'Service temporarily unavailable'))
    const old = new Date(Date.now() - 8 * 24 * 60 * 60 * 1000).toISOString()
    const outcomes = await purchaseInstance(false).deliverBatch([order(1), order(2, { timestamp: old })])
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['retryable', 'failed'])
    expect(outcomes[0].error).toMatchObject({ code: 'RETRYABLE_ERROR', httpStatus: 500 })
    expect(outcomes[1].error?.code).toBe('PAYLOAD_VALIDATION_FAILED')
  })
})

describe('presets', () => {
  const instance = destination.configure({ settings, mappings: presetMappings(definition), retry: false })

  it.each([
    ['Order Completed', 'Purchase', orderCompleted()],
    ['Product Added', 'AddToCart', productEvent('Product Added')],
    ['Product Viewed', 'ViewContent', productEvent('Product Viewed')],
    ['Checkout Started', 'InitiateCheckout', checkoutStarted()],
    ['Page Calls', 'PageView', pageCall()]
  ])('%s sends a %s event', async (preset, eventName, event) => {
    let body: any
    const scope = events().reply(200, (_uri, requestBody) => ((body = requestBody), { events_received: 1 }))
    const outcomes = await instance.deliver(event)
    expect(scope.isDone()).toBe(true)
    const delivered = outcomes.filter((outcome) => outcome.status !== 'not-subscribed')
    expect(delivered).toHaveLength(1)
    expect(delivered[0]).toMatchObject({ mappingId: preset, status: 'delivered', warnings: [] })
    expect(body.data).toHaveLength(1)
    expect(body.data[0]).toMatchObject({
      event_name: eventName,
      event_time: eventTime,
      action_source: 'website'
    })
    expect(body.data[0].user_data.client_ip_address).toBe(event.context?.ip)
  })

  it('name existing actions and use their default mappings', () => {
    expect(definition.presets!.map((preset) => [preset.name, preset.partnerAction])).toEqual([
      ['Order Completed', 'purchase'],
      ['Product Added', 'addToCart'],
      ['Product Viewed', 'viewContent'],
      ['Checkout Started', 'initiateCheckout'],
      ['Page Calls', 'pageView']
    ])
  })
})

describe('testAuthentication', () => {
  const pixel = () =>
    nock(GRAPH)
      .get(`/${GRAPH_API_VERSION}/${PIXEL_ID}`)
      .query({ fields: 'id,name', access_token: ACCESS_TOKEN })

  it('reads the pixel with the token', async () => {
    const scope = pixel().reply(200, { id: PIXEL_ID, name: 'Shop pixel' })
    await expect(destination.testAuthentication(settings)).resolves.not.toThrow()
    expect(scope.isDone()).toBe(true)
  })

  it('rejects a refused token with Meta’s reason and without the token', async () => {
    pixel().reply(
      400,
      graphError(190, `Invalid OAuth access token - Cannot parse access token ${ACCESS_TOKEN}`)
    )
    const error = await destination.testAuthentication(settings).catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toContain('Invalid OAuth access token')
    expect((error as Error).message).not.toContain(ACCESS_TOKEN)
    expect(inspect(error)).not.toContain(ACCESS_TOKEN)
  })

  it('rejects a pixel the token cannot read', async () => {
    pixel().reply(
      400,
      graphError(100, 'Unsupported get request. Object with ID does not exist', {
        type: 'GraphMethodException',
        error_subcode: 33
      })
    )
    await expect(destination.testAuthentication(settings)).rejects.toThrow(/Unsupported get request/)
  })
})
