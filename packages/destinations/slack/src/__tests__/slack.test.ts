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

const token = 'SeCrEtToKeN0123456789abc'
const hookPath = `/services/T0123ABCD/B0456EFGH/${token}`
const webhookUrl = `https://hooks.slack.com${hookPath}`
const otherToken = 'OtHeRsEcReT9876543210xyz'
const otherPath = `/services/T0123ABCD/B0999ZZZZ/${otherToken}`

const testDestination = createTestIntegration(definition)

/** A realistic track event (the shape of the shared Order Completed fixture). */
const orderCompleted = (): SegmentEvent =>
  createTestEvent({
    type: 'track',
    event: 'Order Completed',
    userId: 'u_83712',
    anonymousId: '5b1c0a7e-3d9f-4c3a-9a52-5f1d2e8b7c64',
    timestamp: '2026-10-30T14:22:05.118Z',
    properties: { order_id: 'ORD-50314', revenue: 125.49, currency: 'GBP' }
  }) as SegmentEvent

const configure = (settings: Record<string, unknown>, mapping?: Record<string, unknown>, retry?: unknown) =>
  new Destination(definition).configure({
    settings,
    mappings: [{ id: 'post', actionId: 'postToChannel', ...(mapping && { mapping: mapping as never }) }],
    retry: (retry ?? false) as never
  })

beforeEach(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
})
afterAll(() => nock.enableNetConnect())

describe('postToChannel', () => {
  it('posts the default message to the default webhook URL', async () => {
    const scope = nock('https://hooks.slack.com')
      .matchHeader('content-type', /application\/json/)
      .post(hookPath, { text: '*Order Completed* from u_83712' })
      .reply(200, 'ok', { 'content-type': 'text/html' })

    const responses = await testDestination.testAction('postToChannel', {
      event: orderCompleted(),
      settings: { webhookUrl },
      useDefaultMappings: true
    })

    expect(scope.isDone()).toBe(true)
    expect(responses).toHaveLength(1)
    expect(responses[0].status).toBe(200)
    expect(responses[0].url).toBe(webhookUrl)
    expect(responses[0].request.method).toBe('POST')
    expect(responses[0].options.json).toEqual({ text: '*Order Completed* from u_83712' })
    expect(await responses[0].request.text()).toBe(JSON.stringify({ text: '*Order Completed* from u_83712' }))
  })

  it('names the anonymous ID when the event has no user ID', async () => {
    const scope = nock('https://hooks.slack.com')
      .post(hookPath, { text: '*Signed Up* from anon-42' })
      .reply(200, 'ok')
    await testDestination.testAction('postToChannel', {
      event: { event: 'Signed Up', userId: null, anonymousId: 'anon-42' },
      settings: { webhookUrl },
      useDefaultMappings: true
    })
    expect(scope.isDone()).toBe(true)
  })

  it("uses the mapping's own webhook URL and sends every option that was set", async () => {
    const blocks = [
      { type: 'header', text: { type: 'plain_text', text: 'New order' } },
      { type: 'section', text: { type: 'mrkdwn', text: 'Order *ORD-50314*: 125.49 GBP' } }
    ]
    const expected = {
      text: 'New order ORD-50314',
      blocks,
      channel: '#sales',
      username: 'Order Bot',
      icon_emoji: ':moneybag:',
      icon_url: 'https://example.com/bot.png',
      unfurl_links: false,
      unfurl_media: true
    }
    const scope = nock('https://hooks.slack.com').post(otherPath, expected).reply(200, 'ok')

    const responses = await testDestination.testAction('postToChannel', {
      event: orderCompleted(),
      settings: { webhookUrl },
      mapping: {
        url: `https://hooks.slack.com${otherPath}`,
        text: { '@template': 'New order {{properties.order_id}}' },
        blocks,
        channel: '#sales',
        username: 'Order Bot',
        icon_emoji: 'moneybag',
        icon_url: 'https://example.com/bot.png',
        unfurl_links: false,
        unfurl_media: true
      }
    })

    expect(scope.isDone()).toBe(true)
    expect(responses[0].options.json).toEqual(expected)
  })

  it.each([
    ['no URL at all', undefined, 'No incoming webhook URL'],
    ['not a URL', 'hooks.slack.com/services/T0/B0/x', 'is not a valid URL'],
    ['plain http', `http://hooks.slack.com${hookPath}`, 'must use https'],
    ['another host', `https://hooks.example.com${hookPath}`, 'must point to hooks.slack.com'],
    ['a look-alike host', `https://hooks.slack.com.evil.test${hookPath}`, 'must point to hooks.slack.com'],
    ['a workflow webhook', `https://hooks.slack.com/workflows/T0123/A0456/789/${token}`, 'workflow webhooks'],
    ['a query string', `${webhookUrl}?channel=x`, 'without credentials, query or fragment']
  ])('refuses %s with a clear error and sends nothing', async (_case, url, message) => {
    const instance = configure({}, { url, text: 'hello' })
    const [outcome] = await instance.deliver(orderCompleted())
    expect(outcome.status).toBe('failed')
    expect(outcome.attempts).toBe(1)
    expect(outcome.request).toBeUndefined()
    expect(outcome.error).toMatchObject({ code: 'PAYLOAD_VALIDATION_FAILED', httpStatus: 400 })
    expect(outcome.error?.message).toContain(message)
    expect(JSON.stringify(outcome)).not.toContain(token)
  })

  it('refuses more than 50 blocks', async () => {
    const blocks = Array.from({ length: 51 }, (_, i) => ({
      type: 'section',
      text: { type: 'mrkdwn', text: `${i}` }
    }))
    const [outcome] = await configure({ webhookUrl }, { text: 'hello', blocks }).deliver(orderCompleted())
    expect(outcome.status).toBe('failed')
    expect(outcome.error?.message).toBe('A Slack message can have at most 50 blocks; this one has 51.')
  })
})

describe('Slack error responses', () => {
  it.each([
    [400, 'invalid_payload', 'INVALID_PAYLOAD'],
    [403, 'action_prohibited', 'ACTION_PROHIBITED'],
    [404, 'channel_not_found', 'CHANNEL_NOT_FOUND'],
    [404, 'no_service', 'NO_SERVICE'],
    [410, 'channel_is_archived', 'CHANNEL_IS_ARCHIVED']
  ])('fails %i %s at once, without retrying', async (status, body, code) => {
    const scope = nock('https://hooks.slack.com').post(hookPath).once().reply(status, body)
    const instance = configure({ webhookUrl }, undefined, { retries: 2, minTimeout: 1, maxTimeout: 5 })
    const [outcome] = await instance.deliver(orderCompleted())

    expect(scope.isDone()).toBe(true)
    expect(outcome.status).toBe('failed')
    expect(outcome.attempts).toBe(1)
    expect(outcome.error).toMatchObject({ code, httpStatus: status, retryable: false })
    expect(outcome.error?.message).toMatch(new RegExp(`^Slack refused the message with ${status} ${body}: `))
    expect(outcome.response?.body).toBe(body)
  })

  it('keeps the HTTP status as the code when Slack sends no error string', async () => {
    nock('https://hooks.slack.com').post(hookPath).reply(404, '<html>Not Found</html>')
    const [outcome] = await configure({ webhookUrl }).deliver(orderCompleted())
    expect(outcome.status).toBe('failed')
    expect(outcome.error).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Slack refused the message with HTTP 404.'
    })
  })

  it('is retryable on 429 and passes on Retry-After', async () => {
    const scope = nock('https://hooks.slack.com')
      .post(hookPath)
      .reply(429, { ok: false, error: 'rate_limited' }, { 'Retry-After': '30' })
    const instance = configure({ webhookUrl }, undefined, { retries: 1, minTimeout: 1, maxTimeout: 5 })
    const [outcome] = await instance.deliver(orderCompleted())

    expect(scope.isDone()).toBe(true)
    expect(outcome.status).toBe('retryable')
    // 30 s does not fit in the in-process retry budget: the host retries later.
    expect(outcome.attempts).toBe(1)
    expect(outcome.error).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      httpStatus: 429,
      retryable: true,
      retryAfterMs: 30_000
    })
  })

  it('retries a 500 rollup_error and stays retryable when it persists', async () => {
    const scope = nock('https://hooks.slack.com').post(hookPath).times(2).reply(500, 'rollup_error')
    const instance = configure({ webhookUrl }, undefined, { retries: 1, minTimeout: 1, maxTimeout: 5 })
    const [outcome] = await instance.deliver(orderCompleted())

    expect(scope.isDone()).toBe(true)
    expect(outcome.status).toBe('retryable')
    expect(outcome.attempts).toBe(2)
    expect(outcome.error).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', httpStatus: 500, retryable: true })
  })

  it('delivers when a retry succeeds', async () => {
    const scope = nock('https://hooks.slack.com').post(hookPath).reply(503).post(hookPath).reply(200, 'ok')
    const instance = configure({ webhookUrl }, undefined, { retries: 1, minTimeout: 1, maxTimeout: 5 })
    const [outcome] = await instance.deliver(orderCompleted())
    expect(scope.isDone()).toBe(true)
    expect(outcome.status).toBe('delivered')
    expect(outcome.attempts).toBe(2)
  })
})

describe('the webhook URL is a secret', () => {
  it('never appears in a failed Outcome when it is the default setting', async () => {
    nock('https://hooks.slack.com').post(hookPath).reply(404, 'channel_not_found')
    const [outcome] = await configure({ webhookUrl }).deliver(orderCompleted())
    expect(outcome.status).toBe('failed')
    expect(outcome.request?.url).not.toContain(token)
    expect(JSON.stringify(outcome)).not.toContain(token)
    expect(inspect(outcome, { depth: 20 })).not.toContain(token)
  })

  it.each([
    ['as written', `https://hooks.slack.com${otherPath}`],
    ['with an upper-case host', `https://HOOKS.SLACK.COM${otherPath}`]
  ])('never appears in a failed Outcome when the mapping sets it (%s)', async (_form, url) => {
    nock('https://hooks.slack.com').post(otherPath).reply(410, 'channel_is_archived')
    const [outcome] = await configure({ webhookUrl }, { url, text: 'hi' }).deliver(orderCompleted())
    expect(outcome.status).toBe('failed')
    expect(outcome.payload).toMatchObject({ url: '[REDACTED]', text: 'hi' })
    expect(JSON.stringify(outcome)).not.toContain(otherToken)
    expect(JSON.stringify(outcome)).not.toContain(token)
    expect(inspect(outcome, { depth: 20 })).not.toContain(otherToken)
  })

  it('never appears in a retryable Outcome', async () => {
    nock('https://hooks.slack.com').post(hookPath).reply(503, 'service unavailable')
    const [outcome] = await configure({ webhookUrl }).deliver(orderCompleted())
    expect(outcome.status).toBe('retryable')
    expect(JSON.stringify(outcome)).not.toContain(token)
  })
})

describe('testAuthentication', () => {
  it('accepts a well-formed default webhook URL without posting anything', async () => {
    await expect(testDestination.testAuthentication({ webhookUrl })).resolves.not.toThrow()
  })

  it('accepts no default webhook URL (each mapping sets its own)', async () => {
    await expect(testDestination.testAuthentication({})).resolves.not.toThrow()
  })

  it('refuses a URL that is not a Slack incoming webhook, without repeating it', async () => {
    const error = await testDestination
      .testAuthentication({ webhookUrl: `https://example.com${hookPath}` })
      .catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toContain('must point to hooks.slack.com')
    expect(inspect(error)).not.toContain(token)
  })
})

describe('presets', () => {
  it('"Post Track Event" posts a track event with the default message', async () => {
    const scope = nock('https://hooks.slack.com')
      .post(hookPath, { text: '*Order Completed* from u_83712' })
      .reply(200, 'ok')
    const instance = new Destination(definition).configure({
      settings: { webhookUrl },
      mappings: presetMappings(definition),
      retry: false
    })
    const outcomes = await instance.deliver(orderCompleted())
    expect(outcomes.map((o) => [o.mappingId, o.status])).toEqual([['Post Track Event', 'delivered']])
    expect(scope.isDone()).toBe(true)

    const [identify] = await instance.deliver(createTestEvent({ type: 'identify' }) as SegmentEvent)
    expect(identify.status).toBe('not-subscribed')
  })
})
