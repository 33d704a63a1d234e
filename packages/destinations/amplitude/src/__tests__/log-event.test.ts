import nock from 'nock'
import { Destination, createTestEvent, createTestIntegration } from '@destkit/core'
import definition from '../index.js'

const settings = { apiKey: 'amp_api_key_4f9c2e', secretKey: 'amp_secret_7d1b' }
const timestamp = '2026-10-30T14:22:05.118Z'
const timeMs = Date.parse(timestamp)
const testDestination = createTestIntegration(definition)

beforeEach(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
})

describe('logEvent', () => {
  it('posts the event to the HTTP V2 API with the default mapping', async () => {
    const scope = nock('https://api2.amplitude.com')
      .post('/2/httpapi')
      .reply(200, { code: 200, events_ingested: 1, payload_size_bytes: 500, server_upload_time: timeMs })
    const event = createTestEvent({
      event: 'Song Played',
      messageId: 'msg-001',
      timestamp,
      properties: { song: 'Clair de Lune', revenue: 1.99, product_id: 'song-42', quantity: 1 },
      context: {
        ip: '203.0.113.42',
        locale: 'en-GB',
        traits: { plan: 'premium' },
        app: { version: '5.12.0' },
        device: { id: 'device-abc-123', manufacturer: 'Apple', model: 'iPhone16,2', type: 'ios' },
        os: { name: 'iOS', version: '18.1' },
        network: { carrier: 'EE' },
        location: { city: 'London', country: 'United Kingdom', latitude: 51.5, longitude: -0.12 }
      }
    })

    const responses = await testDestination.testAction('logEvent', {
      event,
      settings,
      useDefaultMappings: true
    })

    expect(scope.isDone()).toBe(true)
    expect(responses).toHaveLength(1)
    expect(responses[0].url).toBe('https://api2.amplitude.com/2/httpapi')
    expect(responses[0].request.method).toBe('POST')
    expect(responses[0].request.headers.get('content-type')).toContain('application/json')
    expect(await responses[0].request.json()).toEqual({
      api_key: settings.apiKey,
      events: [
        {
          event_type: 'Song Played',
          user_id: 'user1234',
          device_id: 'device-abc-123',
          time: timeMs,
          event_properties: { song: 'Clair de Lune', revenue: 1.99, product_id: 'song-42', quantity: 1 },
          user_properties: { plan: 'premium' },
          insert_id: 'msg-001',
          revenue: 1.99,
          quantity: 1,
          productId: 'song-42',
          app_version: '5.12.0',
          platform: 'ios',
          os_name: 'iOS',
          os_version: '18.1',
          device_manufacturer: 'Apple',
          device_model: 'iPhone16,2',
          carrier: 'EE',
          country: 'United Kingdom',
          city: 'London',
          language: 'en-GB',
          location_lat: 51.5,
          location_lng: -0.12,
          ip: '203.0.113.42'
        }
      ]
    })
  })

  it('uses the EU host, the Batch API and min_id_length when asked', async () => {
    let body: any
    const scope = nock('https://api.eu.amplitude.com')
      .post('/batch', (sent) => ((body = sent), true))
      .reply(200, { code: 200, events_ingested: 1 })
    await testDestination.testAction('logEvent', {
      event: createTestEvent({ event: 'Signed Up', userId: 'u1', anonymousId: 'a1', timestamp }),
      settings: { ...settings, endpoint: 'eu' },
      mapping: {
        event_type: { '@path': '$.event' },
        user_id: { '@path': '$.userId' },
        device_id: { '@path': '$.anonymousId' },
        time: { '@path': '$.timestamp' },
        use_batch_endpoint: true,
        min_id_length: 1
      }
    })
    expect(scope.isDone()).toBe(true)
    expect(body).toEqual({
      api_key: settings.apiKey,
      events: [{ event_type: 'Signed Up', user_id: 'u1', device_id: 'a1', time: timeMs }],
      options: { min_id_length: 1 }
    })
  })

  it('refuses an event with neither a user ID nor a device ID, without a request', async () => {
    const event = createTestEvent({ userId: null, anonymousId: undefined })
    await expect(
      testDestination.testAction('logEvent', { event, settings, useDefaultMappings: true })
    ).rejects.toThrowError('Amplitude needs a User ID or a Device ID')
  })

  it('fails a rejected event at once, saying why, and keeps the API key out of the outcome', async () => {
    const scope = nock('https://api2.amplitude.com')
      .post('/2/httpapi')
      .reply(400, {
        code: 400,
        error: 'Invalid field values on some events',
        events_with_invalid_id_lengths: { user_id: [0] }
      })
    const instance = new Destination(definition).configure({
      settings,
      mappings: [{ id: 'track', actionId: 'logEvent', trigger: 'type = "track"' }],
      retry: { retries: 2, minTimeout: 1, maxTimeout: 5 }
    })
    const [outcome] = await instance.deliver(createTestEvent({ userId: 'abc', anonymousId: undefined }))
    expect(outcome.status).toBe('failed')
    expect(outcome.attempts).toBe(1)
    expect(outcome.error).toMatchObject({
      code: 'INVALID_ID_LENGTH',
      httpStatus: 400,
      retryable: false,
      message:
        'Amplitude rejected the event: its user_id is shorter than the minimum ID length (5 characters unless Minimum ID Length is set).'
    })
    expect(scope.isDone()).toBe(true)
    expect(JSON.stringify(outcome)).not.toContain(settings.apiKey)
    expect(JSON.stringify(outcome)).not.toContain(settings.secretKey)
  })

  it('retries a throttled (429) request and reports Retry-After when it persists', async () => {
    const throttled = {
      code: 429,
      error: 'Too many requests for some devices and users',
      eps_threshold: 30,
      throttled_users: { user1234: 31 },
      throttled_events: [0]
    }
    const scope = nock('https://api2.amplitude.com')
      .post('/2/httpapi')
      .times(2)
      .reply(429, throttled, { 'Retry-After': '0' })
    const instance = new Destination(definition).configure({
      settings,
      mappings: [{ id: 'track', actionId: 'logEvent', trigger: 'type = "track"' }],
      retry: { retries: 1, minTimeout: 1, maxTimeout: 5 }
    })
    const [outcome] = await instance.deliver(createTestEvent())
    expect(scope.isDone()).toBe(true)
    expect(outcome.status).toBe('retryable')
    expect(outcome.attempts).toBe(2)
    expect(outcome.error).toMatchObject({ httpStatus: 429, retryable: true, retryAfterMs: 0 })
    expect(JSON.stringify(outcome)).not.toContain(settings.apiKey)
  })

  it('treats a 5xx as retryable', async () => {
    nock('https://api2.amplitude.com').post('/2/httpapi').reply(503, 'unavailable')
    const instance = new Destination(definition).configure({
      settings,
      mappings: [{ id: 'track', actionId: 'logEvent', trigger: 'type = "track"' }],
      retry: false
    })
    const [outcome] = await instance.deliver(createTestEvent())
    expect(outcome).toMatchObject({ status: 'retryable', attempts: 1, error: { httpStatus: 503 } })
  })
})
