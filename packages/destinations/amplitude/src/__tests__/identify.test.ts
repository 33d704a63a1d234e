import nock from 'nock'
import { Destination, createTestEvent, createTestIntegration } from '@destkit/core'
import definition from '../index.js'

const settings = { apiKey: 'amp_api_key_4f9c2e', secretKey: 'amp_secret_7d1b' }
const testDestination = createTestIntegration(definition)

/** The fields of a form-encoded body, with `identification` parsed. */
function formOf(body: string): Record<string, unknown> {
  const form = Object.fromEntries(new URLSearchParams(body))
  return { ...form, identification: JSON.parse(form.identification) }
}

beforeEach(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
})

describe('identifyUser', () => {
  it('posts a form with the API key and the identification', async () => {
    const scope = nock('https://api2.amplitude.com').post('/identify').reply(200, 'success')
    const event = createTestEvent({
      type: 'identify',
      userId: 'u_83712',
      anonymousId: '5b1c0a7e-3d9f-4c3a',
      traits: { email: 'ada@example.com', plan: 'premium', logins: 17 },
      context: { locale: 'en-GB', app: { version: '2.1.3' } }
    })

    const responses = await testDestination.testAction('identifyUser', {
      event,
      settings,
      useDefaultMappings: true
    })

    expect(scope.isDone()).toBe(true)
    expect(responses[0].url).toBe('https://api2.amplitude.com/identify')
    expect(responses[0].request.method).toBe('POST')
    expect(responses[0].request.headers.get('content-type')).toContain('application/x-www-form-urlencoded')
    expect(formOf(await responses[0].request.text())).toEqual({
      api_key: settings.apiKey,
      identification: {
        user_id: 'u_83712',
        device_id: '5b1c0a7e-3d9f-4c3a',
        user_properties: { email: 'ada@example.com', plan: 'premium', logins: 17 },
        app_version: '2.1.3',
        language: 'en-GB'
      }
    })
  })

  it('uses the EU host', async () => {
    const scope = nock('https://api.eu.amplitude.com').post('/identify').reply(200, 'success')
    await testDestination.testAction('identifyUser', {
      event: createTestEvent({ type: 'identify', traits: { plan: 'pro' } }),
      settings: { ...settings, endpoint: 'eu' },
      mapping: { user_id: { '@path': '$.userId' }, user_properties: { '@path': '$.traits' } }
    })
    expect(scope.isDone()).toBe(true)
  })

  it('refuses an identify with neither user ID nor device ID', async () => {
    await expect(
      testDestination.testAction('identifyUser', {
        event: createTestEvent({ type: 'identify', traits: { plan: 'pro' } }),
        settings,
        mapping: { user_properties: { '@path': '$.traits' } }
      })
    ).rejects.toThrowError('Amplitude needs a User ID or a Device ID')
  })

  it('fails on a 400 without retrying and retries a 429', async () => {
    const rejected = nock('https://api2.amplitude.com').post('/identify').once().reply(400, 'missing_event')
    const instance = new Destination(definition).configure({
      settings,
      mappings: [{ id: 'identify', actionId: 'identifyUser', trigger: 'type = "identify"' }],
      retry: { retries: 1, minTimeout: 1, maxTimeout: 5 }
    })
    const [failed] = await instance.deliver(createTestEvent({ type: 'identify', traits: { plan: 'pro' } }))
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, error: { httpStatus: 400 } })
    expect(rejected.isDone()).toBe(true)
    expect(JSON.stringify(failed)).not.toContain(settings.apiKey)

    const throttled = nock('https://api2.amplitude.com').post('/identify').times(2).reply(429, 'throttled')
    const [retryable] = await instance.deliver(createTestEvent({ type: 'identify', traits: { plan: 'pro' } }))
    expect(retryable).toMatchObject({ status: 'retryable', attempts: 2, error: { httpStatus: 429 } })
    expect(throttled.isDone()).toBe(true)
  })
})

describe('groupIdentifyUser', () => {
  it('puts the user in the group, then sets the group properties', async () => {
    const forms: Array<[string, Record<string, unknown>]> = []
    const scope = nock('https://api2.amplitude.com')
      .post('/identify', (body) => (forms.push(['/identify', body]), true))
      .reply(200, 'success')
      .post('/groupidentify', (body) => (forms.push(['/groupidentify', body]), true))
      .reply(200, 'success')
    const event = createTestEvent({
      type: 'group',
      groupId: 'c_77',
      userId: 'u_83712',
      anonymousId: 'anon-77',
      traits: { name: 'Analytical Engines Ltd', employees: 42 }
    })

    const responses = await testDestination.testAction('groupIdentifyUser', {
      event,
      settings,
      useDefaultMappings: true
    })

    expect(scope.isDone()).toBe(true)
    expect(responses.map((r) => r.url)).toEqual([
      'https://api2.amplitude.com/identify',
      'https://api2.amplitude.com/groupidentify'
    ])
    expect(formOf(await responses[0].request.text())).toEqual({
      api_key: settings.apiKey,
      identification: { user_id: 'u_83712', device_id: 'anon-77', groups: { company: 'c_77' } }
    })
    expect(formOf(await responses[1].request.text())).toEqual({
      api_key: settings.apiKey,
      identification: {
        group_type: 'company',
        group_value: 'c_77',
        group_properties: { name: 'Analytical Engines Ltd', employees: 42 }
      }
    })
  })

  it('only sets the group properties when no user is named', async () => {
    const scope = nock('https://api.eu.amplitude.com').post('/groupidentify').reply(200, 'success')
    const responses = await testDestination.testAction('groupIdentifyUser', {
      event: createTestEvent({ type: 'group', groupId: 'org-9', traits: { plan: 'enterprise' } }),
      settings: { ...settings, endpoint: 'eu' },
      mapping: {
        group_type: 'org id',
        group_value: { '@path': '$.groupId' },
        group_properties: { '@path': '$.traits' }
      }
    })
    expect(scope.isDone()).toBe(true)
    expect(responses).toHaveLength(1)
    expect(formOf(await responses[0].request.text())).toEqual({
      api_key: settings.apiKey,
      identification: { group_type: 'org id', group_value: 'org-9', group_properties: { plan: 'enterprise' } }
    })
  })

  it('requires a group value', async () => {
    await expect(
      testDestination.testAction('groupIdentifyUser', {
        event: createTestEvent({ type: 'group' }),
        settings,
        useDefaultMappings: true
      })
    ).rejects.toThrowError("The root value is missing the required field 'group_value'.")
  })
})
