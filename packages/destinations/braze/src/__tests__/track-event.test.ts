import nock from 'nock'
import { Destination, createTestEvent, createTestIntegration } from '@destkit/core'
import definition from '../index.js'
import type { Settings } from '../generated-types.js'

const settings: Settings = { apiKey: 'braze-rest-key-6e1f0c', endpoint: 'https://rest.iad-03.braze.com' }
const timestamp = '2026-10-30T14:22:05.118Z'
const testDestination = createTestIntegration(definition)

beforeEach(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
})

describe('trackEvent', () => {
  it('posts the event to /users/track with the Bearer key', async () => {
    const scope = nock('https://rest.iad-03.braze.com', {
      reqheaders: { authorization: `Bearer ${settings.apiKey}` }
    })
      .post('/users/track', {
        events: [
          {
            external_id: 'user1234',
            app_id: 'app-identifier-1',
            name: 'Rented Movie',
            time: timestamp,
            properties: { title: 'Metropolis', year: 1927 }
          }
        ]
      })
      .reply(201, { message: 'success', events_processed: 1 })

    const responses = await testDestination.testAction('trackEvent', {
      event: createTestEvent({
        event: 'Rented Movie',
        timestamp,
        properties: { title: 'Metropolis', year: 1927 }
      }),
      settings: { ...settings, appId: 'app-identifier-1' },
      useDefaultMappings: true
    })

    expect(scope.isDone()).toBe(true)
    expect(responses[0].status).toBe(201)
    expect(responses[0].url).toBe('https://rest.iad-03.braze.com/users/track')
    expect(responses[0].request.headers.get('content-type')).toContain('application/json')
  })

  it('identifies by user alias and converts epoch times to ISO 8601', async () => {
    let body: any
    nock('https://rest.fra-01.braze.eu')
      .post('/users/track', (b) => ((body = b), true))
      .reply(201, { message: 'success' })
    await testDestination.testAction('trackEvent', {
      event: createTestEvent({ event: 'Opened App', anonymousId: 'anon-42' }),
      settings: { ...settings, endpoint: 'https://rest.fra-01.braze.eu' },
      mapping: {
        user_alias: { alias_name: { '@path': '$.anonymousId' }, alias_label: 'segment_anonymous_id' },
        name: { '@path': '$.event' },
        time: 1793370125,
        update_existing_only: true
      }
    })
    expect(body).toEqual({
      events: [
        {
          user_alias: { alias_name: 'anon-42', alias_label: 'segment_anonymous_id' },
          name: 'Opened App',
          time: '2026-10-30T14:22:05.000Z',
          _update_existing_only: true
        }
      ]
    })
  })

  it('refuses an event without any user identifier', async () => {
    await expect(
      testDestination.testAction('trackEvent', {
        event: createTestEvent(),
        settings,
        mapping: { name: { '@path': '$.event' }, time: { '@path': '$.timestamp' } }
      })
    ).rejects.toThrowError('Braze needs one of External ID, User Alias, Braze ID, Email or Phone')
  })

  it('fails an event Braze reports as a minor error', async () => {
    nock('https://rest.iad-03.braze.com')
      .post('/users/track')
      .reply(201, {
        message: 'success',
        errors: [{ type: "'time' is not valid", input_array: 'events', index: 0 }]
      })
    const instance = new Destination(definition).configure({
      settings,
      mappings: [{ id: 'track', actionId: 'trackEvent', trigger: 'type = "track"' }],
      retry: false
    })
    const [outcome] = await instance.deliver(createTestEvent())
    expect(outcome).toMatchObject({
      status: 'failed',
      error: { code: 'REJECTED_BY_BRAZE', message: "Braze rejected the event: 'time' is not valid." }
    })
  })

  it('does not retry a refused key (401) and keeps the key out of the outcome', async () => {
    const scope = nock('https://rest.iad-03.braze.com')
      .post('/users/track')
      .once()
      .reply(401, { message: 'Invalid API key: braze-rest-key-6e1f0c' })
    const instance = new Destination(definition).configure({
      settings,
      mappings: [{ id: 'track', actionId: 'trackEvent', trigger: 'type = "track"' }],
      retry: { retries: 2, minTimeout: 1, maxTimeout: 5 }
    })
    const [outcome] = await instance.deliver(createTestEvent())
    expect(scope.isDone()).toBe(true)
    expect(outcome).toMatchObject({ status: 'failed', attempts: 1, error: { httpStatus: 401 } })
    expect(JSON.stringify(outcome)).not.toContain(settings.apiKey)
  })

  it('makes a 429 retryable after the rate limit resets (X-RateLimit-Reset)', async () => {
    const reset = Math.floor(Date.now() / 1000) + 60
    const scope = nock('https://rest.iad-03.braze.com')
      .post('/users/track')
      .once()
      .reply(
        429,
        { message: 'Too Many Requests' },
        {
          'X-RateLimit-Limit': '50000',
          'X-RateLimit-Remaining': '0',
          'X-RateLimit-Reset': String(reset)
        }
      )
    const instance = new Destination(definition).configure({
      settings,
      mappings: [{ id: 'track', actionId: 'trackEvent', trigger: 'type = "track"' }],
      retry: { retries: 1, minTimeout: 1, maxTimeout: 5 }
    })
    const [outcome] = await instance.deliver(createTestEvent())
    // The wait (about 60 s) is beyond the in-process budget, so the host gets it at once.
    expect(scope.isDone()).toBe(true)
    expect(outcome.status).toBe('retryable')
    expect(outcome.attempts).toBe(1)
    expect(outcome.error?.code).toBe('TOO_MANY_REQUESTS')
    expect(outcome.error?.httpStatus).toBe(429)
    expect(outcome.error?.retryAfterMs).toBeGreaterThan(0)
    expect(outcome.error?.retryAfterMs).toBeLessThanOrEqual(60_000)
  })

  it('retries a 5xx with Retry-After', async () => {
    const scope = nock('https://rest.iad-03.braze.com')
      .post('/users/track')
      .times(2)
      .reply(503, 'unavailable', { 'Retry-After': '0' })
    const instance = new Destination(definition).configure({
      settings,
      mappings: [{ id: 'track', actionId: 'trackEvent', trigger: 'type = "track"' }],
      retry: { retries: 1, minTimeout: 1, maxTimeout: 5 }
    })
    const [outcome] = await instance.deliver(createTestEvent())
    expect(scope.isDone()).toBe(true)
    expect(outcome).toMatchObject({
      status: 'retryable',
      attempts: 2,
      error: { httpStatus: 503, retryAfterMs: 0 }
    })
  })
})
