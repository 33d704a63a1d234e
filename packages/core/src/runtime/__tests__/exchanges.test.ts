/**
 * Outcomes of actions that make several requests: every request and its
 * response is in `outcome.exchanges`, redacted like `request`/`response`; and
 * a host's transport (`requestDefaults.transport`) receives every request of a
 * delivery instead of the network (a dry run).
 */
import nock from 'nock'
import {
  Destination,
  createTestEvent,
  type DestinationDefinition,
  type Transport,
  type TransportRequest
} from '../../index.js'

const apiKey = 'sk_live_two_step_secret'
const hookSecret = 'https://hooks.acme.test/T000/B000/very-secret-path'

/** Looks a user up, then writes it: two requests per event; the hook URL is a password field. */
const twoStep: DestinationDefinition<{ apiKey: string }> = {
  name: 'Two Step',
  mode: 'cloud',
  authentication: {
    scheme: 'custom',
    fields: { apiKey: { label: 'API Key', type: 'password', required: true } }
  },
  extendRequest: ({ settings }) => ({ headers: { authorization: `Bearer ${settings.apiKey}` } }),
  actions: {
    upsert: {
      title: 'Upsert',
      description: 'Finds the user, then updates it and calls a hook.',
      defaultSubscription: 'type = "identify"',
      fields: {
        user_id: { label: 'User', type: 'string', required: true, default: { '@path': '$.userId' } },
        hook: { label: 'Hook', type: 'password', required: true }
      },
      perform: async (request, { payload }) => {
        const found = await request<{ id: string }>('https://api.acme.test/users', {
          searchParams: { user: payload.user_id, key: apiKey }
        })
        await request(`https://api.acme.test/users/${found.data.id}`, { method: 'put', json: payload })
        return request(String(payload.hook), { method: 'post', json: { updated: found.data.id } })
      }
    }
  }
}

const destination = new Destination(twoStep)
const event = createTestEvent({ type: 'identify', userId: 'u1' })
const mappings = [
  { id: 'm', actionId: 'upsert', mapping: { user_id: { '@path': '$.userId' }, hook: hookSecret } }
]

beforeAll(() => nock.disableNetConnect())
afterEach(() => nock.cleanAll())
afterAll(() => nock.enableNetConnect())

describe('outcome.exchanges', () => {
  it('lists every request and its response in order, redacted', async () => {
    nock('https://api.acme.test')
      .get('/users')
      .query(true)
      .reply(200, { id: 'id_9' })
      .put('/users/id_9')
      .reply(200, { ok: true })
    nock('https://hooks.acme.test').post('/T000/B000/very-secret-path').reply(202, 'accepted')
    const [outcome] = await destination
      .configure({ settings: { apiKey }, mappings, retry: false })
      .deliver(event)
    expect(outcome.status).toBe('delivered')
    expect(outcome.exchanges?.map((e) => [e.request.method, e.response.status])).toEqual([
      ['GET', 200],
      ['PUT', 200],
      ['POST', 202]
    ])
    expect(outcome.exchanges?.[2]).toEqual({ request: outcome.request, response: outcome.response })
    expect(outcome.exchanges?.[0].request.url).toBe('https://api.acme.test/users?user=u1&key=[REDACTED]')
    expect(outcome.exchanges?.[1].request.headers.authorization).toBe('Bearer [REDACTED]')
    const printed = JSON.stringify(outcome)
    expect(printed).not.toContain(apiKey)
    expect(printed).not.toContain('very-secret-path')
  })

  it('is absent when the action made one request', async () => {
    const single = new Destination({
      ...twoStep,
      actions: {
        upsert: { ...twoStep.actions.upsert, perform: (request) => request('https://api.acme.test/one') }
      }
    })
    nock('https://api.acme.test').get('/one').reply(200, {})
    const [outcome] = await single.configure({ settings: { apiKey }, mappings, retry: false }).deliver(event)
    expect(outcome.request?.url).toBe('https://api.acme.test/one')
    expect(outcome).not.toHaveProperty('exchanges')
  })
})

describe('outcome.exchanges around a token refresh', () => {
  it('masks the tokens the refresh replaced as well as the new ones', async () => {
    const oauth = new Destination({
      name: 'OAuth Two Step',
      mode: 'cloud',
      authentication: {
        scheme: 'oauth2',
        fields: {},
        refreshAccessToken: async (request, { auth }) => {
          const response = await request<{ access_token: string; refresh_token: string }>(
            'https://auth.acme.test/token',
            { method: 'post', body: new URLSearchParams({ refresh_token: auth.refreshToken ?? '' }) }
          )
          return { accessToken: response.data.access_token, refreshToken: response.data.refresh_token }
        }
      },
      extendRequest: ({ auth }) => ({ headers: { authorization: `Bearer ${auth?.accessToken}` } }),
      actions: {
        send: {
          title: 'Send',
          description: 'Send.',
          defaultSubscription: 'type = "identify"',
          fields: {},
          perform: (request) => request('https://api.acme.test/events', { method: 'post', json: {} })
        }
      }
    })
    nock('https://api.acme.test').post('/events').reply(401, {}).post('/events').reply(200, {})
    nock('https://auth.acme.test')
      .post('/token')
      .reply(200, { access_token: 'access-new-5f6e', refresh_token: 'refresh-new-7a8b' })
    const [outcome] = await oauth
      .configure({
        settings: {},
        auth: {
          accessToken: 'access-old-1a2b',
          refreshToken: 'refresh-old-3c4d',
          clientId: 'c',
          clientSecret: 'cs-9d0e'
        },
        mappings: [{ id: 'm', actionId: 'send' }],
        retry: false
      })
      .deliver(event)
    expect(outcome.status).toBe('delivered')
    expect(outcome.exchanges?.map((e) => e.response.status)).toEqual([401, 200, 200])
    const printed = JSON.stringify(outcome)
    for (const secret of [
      'access-old-1a2b',
      'refresh-old-3c4d',
      'cs-9d0e',
      'access-new-5f6e',
      'refresh-new-7a8b'
    ]) {
      expect(printed).not.toContain(secret)
    }
  })
})

describe('a transport in requestDefaults', () => {
  it('receives every request of a delivery, and nothing reaches the network', async () => {
    const sent: TransportRequest[] = []
    const transport: Transport = (request) => {
      sent.push(request)
      return { status: 200, headers: { 'content-type': 'application/json' }, body: '{"id":"dry"}' }
    }
    const instance = destination.configure({
      settings: { apiKey },
      mappings,
      retry: false,
      requestDefaults: { transport }
    })
    const [outcome] = await instance.deliver(event)
    expect(outcome.status).toBe('delivered')
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET https://api.acme.test/users?user=u1&key=${apiKey}`,
      'PUT https://api.acme.test/users/dry',
      `POST ${hookSecret}`
    ])
    expect(sent[1].headers.authorization).toBe(`Bearer ${apiKey}`)
    expect(outcome.exchanges).toHaveLength(3)
    expect(outcome.exchanges?.[1].request.body).toBe('{"user_id":"u1","hook":"[REDACTED]"}')
  })
})
