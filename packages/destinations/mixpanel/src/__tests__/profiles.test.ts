import nock from 'nock'
import { Destination, createTestIntegration, defaultValues } from '@destkit/core'
import definition from '../index.js'
import { group, identify } from './events.js'

const token = 'tok_4a5b6c7d8e9f'
const settings = { projectToken: token }

beforeEach(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
})
afterAll(() => nock.enableNetConnect())

describe('identifyUser', () => {
  it('sets the profile with reserved properties, the IP and verbose answers', async () => {
    const expected = [
      {
        $token: token,
        $distinct_id: 'u_83712',
        $set: {
          email: 'ada.lovelace@example.com',
          first_name: 'Ada',
          last_name: 'Lovelace',
          plan: 'premium',
          logins: 17,
          created_at: '2024-03-02T09:00:00Z',
          $email: 'ada.lovelace@example.com',
          $first_name: 'Ada',
          $last_name: 'Lovelace',
          $created: '2024-03-02T09:00:00Z'
        },
        $ip: '203.0.113.42'
      }
    ]
    const scope = nock('https://api.mixpanel.com', {
      reqheaders: { 'content-type': (value) => value.startsWith('application/json') }
    })
      .post('/engage', expected)
      .query({ verbose: '1' })
      .reply(200, { status: 1, error: null })

    const responses = await createTestIntegration(definition).testAction('identifyUser', {
      event: identify(),
      settings,
      useDefaultMappings: true
    })

    expect(scope.isDone()).toBe(true)
    expect(responses[0].url).toBe('https://api.mixpanel.com/engage?verbose=1')
    expect(responses[0].request.method).toBe('POST')
    expect(responses[0].request.headers.get('authorization')).toBeNull()
    expect(responses[0].options.json).toEqual(expected)
  })

  it('asks Mixpanel not to geolocate the profile from the request when the event has no IP', async () => {
    const scope = nock('https://api-eu.mixpanel.com')
      .post('/engage', (body) => body[0].$ip === undefined && body[0].$distinct_id === 'u_83712')
      .query({ verbose: '1', ip: '0' })
      .reply(200, { status: 1, error: null })

    await createTestIntegration(definition).testAction('identifyUser', {
      event: identify({ context: {} }),
      settings: { ...settings, region: 'eu' },
      useDefaultMappings: true
    })
    expect(scope.isDone()).toBe(true)
  })

  it('fails when Mixpanel answers 200 but drops the update', async () => {
    const scope = nock('https://api.mixpanel.com')
      .post('/engage')
      .query(true)
      .once()
      .reply(200, { status: 0, error: 'token, missing or empty' })

    const instance = new Destination(definition).configure({
      settings,
      mappings: [{ id: 'identify', actionId: 'identifyUser' }],
      retry: { retries: 1, minTimeout: 1, maxTimeout: 5 }
    })
    const [outcome] = await instance.deliver(identify())

    expect(scope.isDone()).toBe(true)
    expect(outcome.status).toBe('failed')
    expect(outcome.attempts).toBe(1)
    expect(outcome.error).toMatchObject({
      code: 'MIXPANEL_REJECTED_UPDATE',
      message: 'Mixpanel did not accept the update: token, missing or empty.'
    })
    expect(JSON.stringify(outcome)).not.toContain(token)
  })

  it('is retryable on a 5xx', async () => {
    nock('https://api.mixpanel.com').post('/engage').query(true).times(2).reply(502, 'bad gateway')
    const instance = new Destination(definition).configure({
      settings,
      mappings: [{ id: 'identify', actionId: 'identifyUser' }],
      retry: { retries: 1, minTimeout: 1, maxTimeout: 5 }
    })
    const [outcome] = await instance.deliver(identify())
    expect(outcome.status).toBe('retryable')
    expect(outcome.attempts).toBe(2)
    expect(JSON.stringify(outcome)).not.toContain(token)
  })

  it('converts a Unix created timestamp to an ISO date', async () => {
    let body: any
    nock('https://api.mixpanel.com')
      .post('/engage', (b) => ((body = b), true))
      .query(true)
      .reply(200, { status: 1, error: null })
    await createTestIntegration(definition).testAction('identifyUser', {
      event: identify({ traits: { createdAt: 1709370000 } }),
      settings,
      useDefaultMappings: true
    })
    expect(body[0].$set.$created).toBe('2024-03-02T09:00:00.000Z')
  })
})

describe('groupIdentifyUser', () => {
  it('sets the group profile under the configured group key', async () => {
    const expected = [
      {
        $token: token,
        $group_key: 'company_id',
        $group_id: 'c_77',
        $set: {
          name: 'Analytical Engines Ltd',
          industry: 'Computing',
          employees: 42,
          $name: 'Analytical Engines Ltd'
        }
      }
    ]
    const scope = nock('https://api.mixpanel.com')
      .post('/groups', expected)
      .query({ verbose: '1' })
      .reply(200, {
        status: 1,
        error: null
      })

    const responses = await createTestIntegration(definition).testAction('groupIdentifyUser', {
      event: group(),
      settings,
      useDefaultMappings: true
    })

    expect(scope.isDone()).toBe(true)
    expect(responses[0].url).toBe('https://api.mixpanel.com/groups?verbose=1')
    expect(responses[0].options.json).toEqual(expected)
  })

  it('fails on a 400 without retrying', async () => {
    const scope = nock('https://api-in.mixpanel.com').post('/groups').query(true).once().reply(400, {
      status: 0,
      error: 'invalid group key'
    })
    const instance = new Destination(definition).configure({
      settings: { ...settings, region: 'in' },
      mappings: [
        {
          id: 'group',
          actionId: 'groupIdentifyUser',
          mapping: { ...defaultValues(definition.actions.groupIdentifyUser.fields), group_key: 'account' }
        }
      ],
      retry: { retries: 1, minTimeout: 1, maxTimeout: 5 }
    })
    const [outcome] = await instance.deliver(group())
    expect(scope.isDone()).toBe(true)
    expect(outcome.status).toBe('failed')
    expect(outcome.attempts).toBe(1)
    expect(outcome.error?.httpStatus).toBe(400)
  })
})
