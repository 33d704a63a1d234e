import nock from 'nock'
import { inspect } from 'node:util'
import { Destination, createTestEvent, type DestinationDefinition } from '../../index.js'

interface BasicSettings {
  username: string
  password: string
}

const password = 'pw_basic_5ecret'
const basicHeader = `Basic ${Buffer.from(`api-user:${password}`).toString('base64')}`

const basic: DestinationDefinition<BasicSettings> = {
  name: 'Basic Example',
  mode: 'cloud',
  authentication: {
    scheme: 'basic',
    fields: {
      username: { label: 'Username', description: 'The API user.', type: 'string', required: true },
      password: { label: 'Password', description: 'The API password.', type: 'password', required: true }
    }
  },
  actions: {
    send: {
      title: 'Send',
      description: 'Send the event name.',
      defaultSubscription: 'type = "track"',
      fields: { name: { label: 'Name', type: 'string', required: true, default: { '@path': '$.event' } } },
      perform: (request, { payload }) =>
        request('https://basic.test/events', { method: 'post', json: payload })
    }
  }
}

const track = createTestEvent({ type: 'track', event: 'Signed Up' })

beforeAll(() => nock.disableNetConnect())
afterEach(() => nock.cleanAll())
afterAll(() => nock.enableNetConnect())

describe('the basic scheme', () => {
  const configure = (definition = basic) =>
    new Destination(definition).configure({
      settings: { username: 'api-user', password },
      mappings: [{ id: 'send', actionId: 'send' }],
      retry: false
    })

  it('sends the username and password settings as Basic credentials', async () => {
    nock('https://basic.test', { reqheaders: { authorization: basicHeader } })
      .post('/events', { name: 'Signed Up' })
      .reply(200, {})
    const [outcome] = await configure().deliver(track)
    expect(outcome.status).toBe('delivered')
    expect(JSON.stringify(outcome)).not.toContain(password)
    expect(JSON.stringify(outcome)).not.toContain(basicHeader)
  })

  it('lets the destination’s extendRequest set other credentials', async () => {
    const overridden = { ...basic, extendRequest: () => ({ username: 'other', password: 'x' }) }
    nock('https://basic.test', {
      reqheaders: { authorization: `Basic ${Buffer.from('other:x').toString('base64')}` }
    })
      .post('/events')
      .reply(200, {})
    const [outcome] = await configure(overridden).deliver(track)
    expect(outcome.status).toBe('delivered')
  })

  it('keeps the password out of a failed outcome, even when the API echoes it', async () => {
    nock('https://basic.test')
      .post('/events')
      .reply(401, { error: `wrong password ${password}` }, { 'x-echo': password })
    const [outcome] = await configure().deliver(track)
    expect(outcome.status).toBe('failed')
    expect(outcome.error?.retryable).toBe(false)
    expect(JSON.stringify(outcome)).not.toContain(password)
    expect(inspect(outcome, { depth: 20 })).not.toContain(password)
  })

  it('keeps the password out of a retryable outcome whose error message holds it', async () => {
    const throwing = {
      ...basic,
      actions: {
        send: {
          ...basic.actions.send,
          perform: () => {
            throw Object.assign(new Error(`socket hang up while sending ${password}`), { code: 'ECONNRESET' })
          }
        }
      }
    }
    const [outcome] = await configure(throwing as typeof basic).deliver(track)
    expect(outcome.status).toBe('retryable')
    expect(outcome.error?.retryable).toBe(true)
    expect(JSON.stringify(outcome)).not.toContain(password)
    expect(inspect(outcome, { depth: 20 })).not.toContain(password)
  })
})

describe('deliver with an aborted signal', () => {
  it('stops at once with a classified outcome and sends nothing', async () => {
    const scope = nock('https://basic.test').post('/events').reply(200, {})
    const controller = new AbortController()
    controller.abort()
    const instance = new Destination(basic).configure({
      settings: { username: 'api-user', password },
      mappings: [{ id: 'send', actionId: 'send' }]
    })
    const [outcome] = await instance.deliver(track, { signal: controller.signal })
    expect(outcome.status).not.toBe('delivered')
    expect(outcome.attempts).toBeLessThanOrEqual(1)
    expect(scope.isDone()).toBe(false)
  })

  it('stops a request in flight and does not retry it', async () => {
    let requests = 0
    nock('https://basic.test')
      .post('/events')
      .times(3)
      .delay(200)
      .reply(() => {
        requests++
        return [503, {}]
      })
    const controller = new AbortController()
    const instance = new Destination(basic).configure({
      settings: { username: 'api-user', password },
      mappings: [{ id: 'send', actionId: 'send' }],
      retry: { retries: 2, minTimeout: 1 }
    })
    setTimeout(() => controller.abort(), 20)
    const [outcome] = await instance.deliver(track, { signal: controller.signal })
    expect(outcome.status).not.toBe('delivered')
    expect(outcome.attempts).toBe(1)
    expect(requests).toBeLessThanOrEqual(1)
  })
})

describe('the oauth-managed scheme', () => {
  it('refreshes on a 401 exactly as oauth2 does', async () => {
    const managed: DestinationDefinition<Record<string, never>> = {
      name: 'Managed OAuth Example',
      mode: 'cloud',
      authentication: {
        scheme: 'oauth-managed',
        fields: {},
        refreshAccessToken: async (request, { auth }) => {
          const response = await request<{ access_token: string }>('https://auth.managed.test/token', {
            method: 'post',
            json: { refresh_token: auth.refreshToken }
          })
          return { accessToken: response.data.access_token }
        }
      },
      extendRequest: ({ auth }) => ({ headers: { authorization: `Bearer ${auth?.accessToken}` } }),
      actions: {
        send: {
          title: 'Send',
          description: 'Send the event name.',
          defaultSubscription: 'type = "track"',
          fields: {
            name: { label: 'Name', type: 'string', required: true, default: { '@path': '$.event' } }
          },
          perform: (request, { payload }) =>
            request('https://api.managed.test/events', { method: 'post', json: payload })
        }
      }
    }
    nock('https://api.managed.test', { reqheaders: { authorization: 'Bearer stale' } })
      .post('/events')
      .reply(401)
    nock('https://auth.managed.test')
      .post('/token', { refresh_token: 'r1' })
      .reply(200, { access_token: 'fresh' })
    nock('https://api.managed.test', { reqheaders: { authorization: 'Bearer fresh' } })
      .post('/events')
      .reply(200, {})
    const onTokenRefresh = vi.fn()
    const instance = new Destination(managed).configure({
      settings: {},
      auth: { accessToken: 'stale', refreshToken: 'r1', clientId: 'c', clientSecret: 's' },
      onTokenRefresh,
      mappings: [{ id: 'send', actionId: 'send' }],
      retry: false
    })
    const [outcome] = await instance.deliver(track)
    expect(outcome.status).toBe('delivered')
    expect(outcome.attempts).toBeGreaterThanOrEqual(1)
    expect(onTokenRefresh).toHaveBeenCalledWith({ accessToken: 'fresh' })
    expect(JSON.stringify(outcome)).not.toContain('fresh')
  })
})
