import nock from 'nock'
import { Destination, MultiStatusResponse, createTestEvent, type DestinationDefinition } from '../../index.js'

interface Settings {
  portal: string
}

let refreshCalls = 0
const definition: DestinationDefinition<Settings> = {
  name: 'OAuth Example',
  mode: 'cloud',
  authentication: {
    scheme: 'oauth2',
    fields: { portal: { label: 'Portal', type: 'string', required: true } },
    testAuthentication: (request) => request('https://api.oauth.test/me'),
    refreshAccessToken: async (request, { auth }) => {
      refreshCalls++
      const response = await request<{ access_token: string; refresh_token?: string }>(
        'https://auth.oauth.test/token',
        {
          method: 'post',
          body: new URLSearchParams({
            grant_type: 'refresh_token',
            refresh_token: auth.refreshToken ?? '',
            client_id: auth.clientId,
            client_secret: auth.clientSecret
          })
        }
      )
      return { accessToken: response.data.access_token, refreshToken: response.data.refresh_token }
    }
  },
  extendRequest: ({ auth }) => ({ headers: { authorization: `Bearer ${auth?.accessToken}` } }),
  onDelete: (request, { payload }) =>
    request(`https://api.oauth.test/users/${payload.userId}`, { method: 'delete' }),
  actions: {
    upsert: {
      title: 'Upsert',
      description: 'Upsert a contact.',
      defaultSubscription: 'type = "identify"',
      fields: {
        email: { label: 'Email', type: 'string', required: true, default: { '@path': '$.traits.email' } }
      },
      perform: (request, { payload }) =>
        request('https://api.oauth.test/contacts', { method: 'post', json: payload }),
      performBatch: async (request, { payload }) => {
        const response = await request<{ results: Array<{ status: number }> }>(
          'https://api.oauth.test/contacts/batch',
          {
            method: 'post',
            json: { inputs: payload },
            throwHttpErrors: false
          }
        )
        const results = new MultiStatusResponse()
        response.data.results.forEach((item, i) => {
          if (item.status < 300)
            results.setSuccessResponseAtIndex(i, { status: item.status, sent: payload[i], body: 'ok' })
          else results.setErrorResponseAtIndex(i, { status: item.status, errormessage: 'refused' })
        })
        return results
      }
    }
  }
}

const destination = new Destination(definition)
const auth = {
  accessToken: 'old-access',
  refreshToken: 'refresh-1',
  clientId: 'client',
  clientSecret: 'client-secret-value'
}
const identify = createTestEvent({ type: 'identify', traits: { email: 'ada@example.com' } })

function instance(onTokenRefresh = vi.fn()) {
  return {
    onTokenRefresh,
    instance: destination.configure({
      settings: { portal: 'p1' },
      auth,
      onTokenRefresh,
      retry: false,
      mappings: [{ id: 'upsert', actionId: 'upsert' }]
    })
  }
}

const tokenEndpoint = () =>
  nock('https://auth.oauth.test').post('/token', (body) => body.refresh_token === 'refresh-1')
const bearer = (token: string) => ({ reqheaders: { authorization: `Bearer ${token}` } })

beforeAll(() => nock.disableNetConnect())
beforeEach(() => {
  refreshCalls = 0
})
afterEach(() => nock.cleanAll())
afterAll(() => nock.enableNetConnect())

describe('OAuth2 refresh on 401', () => {
  it('refreshes, reports the new tokens, retries once and keeps using them', async () => {
    nock('https://api.oauth.test', bearer('old-access')).post('/contacts').reply(401)
    tokenEndpoint().reply(200, { access_token: 'new-access', refresh_token: 'refresh-2' })
    nock('https://api.oauth.test', bearer('new-access')).post('/contacts').times(2).reply(200, { id: 1 })
    const { instance: configured, onTokenRefresh } = instance()
    const [outcome] = await configured.deliver(identify)
    expect(outcome.status).toBe('delivered')
    expect(onTokenRefresh).toHaveBeenCalledTimes(1)
    expect(onTokenRefresh).toHaveBeenCalledWith({ accessToken: 'new-access', refreshToken: 'refresh-2' })
    expect(configured.auth).toMatchObject({ accessToken: 'new-access', refreshToken: 'refresh-2' })
    const [second] = await configured.deliver(identify)
    expect(second.status).toBe('delivered')
    expect(refreshCalls).toBe(1)
    for (const secret of ['old-access', 'new-access', 'client-secret-value']) {
      expect(JSON.stringify([outcome, second])).not.toContain(secret)
    }
  })

  it('fails with OAUTH_REFRESH_FAILED when the refreshed token is refused again', async () => {
    nock('https://api.oauth.test').post('/contacts').times(2).reply(401)
    tokenEndpoint().reply(200, { access_token: 'new-access' })
    const [outcome] = await instance().instance.deliver(identify)
    expect(outcome.status).toBe('failed')
    expect(outcome.error?.code).toBe('OAUTH_REFRESH_FAILED')
  })

  it('fails with OAUTH_REFRESH_FAILED when the refresh itself is refused', async () => {
    nock('https://api.oauth.test').post('/contacts').reply(401)
    tokenEndpoint().reply(400, { error: 'invalid_grant' })
    const { instance: configured, onTokenRefresh } = instance()
    const [outcome] = await configured.deliver(identify)
    expect(outcome.status).toBe('failed')
    expect(outcome.error?.code).toBe('OAUTH_REFRESH_FAILED')
    expect(onTokenRefresh).not.toHaveBeenCalled()
  })

  it('coalesces two concurrent 401s into one refresh call', async () => {
    nock('https://api.oauth.test', bearer('old-access')).post('/contacts').times(2).delay(20).reply(401)
    tokenEndpoint().delay(20).reply(200, { access_token: 'new-access' })
    nock('https://api.oauth.test', bearer('new-access')).post('/contacts').times(2).reply(200, {})
    const { instance: configured, onTokenRefresh } = instance()
    const results = await Promise.all([configured.deliver(identify), configured.deliver(identify)])
    expect(results.map(([o]) => o.status)).toEqual(['delivered', 'delivered'])
    expect(refreshCalls).toBe(1)
    expect(onTokenRefresh).toHaveBeenCalledTimes(1)
  })

  it('refreshes and retries a batch once when its multistatus result holds a 401', async () => {
    nock('https://api.oauth.test', bearer('old-access'))
      .post('/contacts/batch')
      .reply(207, { results: [{ status: 401 }, { status: 401 }] })
    tokenEndpoint().reply(200, { access_token: 'new-access' })
    nock('https://api.oauth.test', bearer('new-access'))
      .post('/contacts/batch')
      .reply(207, { results: [{ status: 200 }, { status: 400 }] })
    const outcomes = await instance().instance.deliverBatch([identify, identify])
    expect(outcomes.map((o) => o.status)).toEqual(['delivered', 'failed'])
    expect(refreshCalls).toBe(1)
  })

  it('does not refresh or re-send a batch when only some entries are refused with 401', async () => {
    let sent = 0
    nock('https://api.oauth.test', bearer('old-access'))
      .post('/contacts/batch')
      .reply(() => {
        sent++
        return [207, { results: [{ status: 200 }, { status: 401 }] }]
      })
    const outcomes = await instance().instance.deliverBatch([identify, identify])
    expect(outcomes.map((o) => [o.status, o.error?.httpStatus])).toEqual([
      ['delivered', undefined],
      ['failed', 401]
    ])
    expect(sent).toBe(1)
    expect(refreshCalls).toBe(0)
  })

  it('refreshes for testAuthentication and onDelete too', async () => {
    const oauth = {
      access_token: 'old-access',
      refresh_token: 'refresh-1',
      clientId: 'client',
      clientSecret: 'client-secret-value'
    }
    nock('https://api.oauth.test').get('/me').reply(401)
    tokenEndpoint().reply(200, { access_token: 'new-access' })
    nock('https://api.oauth.test', bearer('new-access')).get('/me').reply(200, {})
    await expect(destination.testAuthentication({ portal: 'p1', oauth })).resolves.toBeUndefined()

    nock('https://api.oauth.test').delete('/users/u1').reply(401)
    tokenEndpoint().reply(200, { access_token: 'new-access' })
    nock('https://api.oauth.test', bearer('new-access')).delete('/users/u1').reply(204)
    await expect(
      destination.onDelete({ type: 'delete', userId: 'u1' }, { portal: 'p1', oauth })
    ).resolves.toBeDefined()
    expect(refreshCalls).toBe(2)
  })
})

describe('refreshes of different customers', () => {
  it('are never shared when the instances have no tokens yet', async () => {
    const perTenant: DestinationDefinition<{ clientSecret: string }> = {
      name: 'Tenant Example',
      mode: 'cloud',
      authentication: {
        scheme: 'oauth2',
        fields: { clientSecret: { label: 'Secret', type: 'password', required: true } },
        refreshAccessToken: async (_request, { settings }) => {
          await new Promise((resolve) => setTimeout(resolve, 20))
          return { accessToken: `token-of-${settings.clientSecret}` }
        }
      },
      extendRequest: ({ auth }) => ({ headers: { authorization: `Bearer ${auth?.accessToken ?? ''}` } }),
      actions: {
        send: {
          title: 'Send',
          description: 'Send.',
          defaultSubscription: 'type = "identify"',
          fields: {},
          perform: (request) => request('https://api.tenant.test/events', { method: 'post', json: {} })
        }
      }
    }
    const seen: string[] = []
    nock('https://api.tenant.test')
      .post('/events')
      .times(4)
      .reply(function () {
        const header = String(this.req.headers.authorization)
        if (!header.includes('token-of-')) return [401, {}]
        seen.push(header)
        return [200, {}]
      })
    const destinationForTenants = new Destination(perTenant)
    const configureFor = (clientSecret: string) =>
      destinationForTenants.configure({
        settings: { clientSecret },
        mappings: [{ id: 'send', actionId: 'send' }],
        retry: false
      })
    const a = configureFor('secret-a')
    const b = configureFor('secret-b')
    const [[outcomeA], [outcomeB]] = await Promise.all([a.deliver(identify), b.deliver(identify)])
    expect([outcomeA.status, outcomeB.status]).toEqual(['delivered', 'delivered'])
    expect(a.auth?.accessToken).toBe('token-of-secret-a')
    expect(b.auth?.accessToken).toBe('token-of-secret-b')
    expect(seen.sort()).toEqual(['Bearer token-of-secret-a', 'Bearer token-of-secret-b'])
  })
})
