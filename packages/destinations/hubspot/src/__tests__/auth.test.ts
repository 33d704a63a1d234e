import nock from 'nock'
import { Destination, createTestIntegration } from '@destkit/core'
import definition from '../index.js'
import { API, UPSERT_PATH, auth, bearer, fixture, upsertResults } from './helpers.js'

const testDestination = createTestIntegration(definition)
const destination = new Destination(definition)

/** The exact form body HubSpot's token endpoint receives for a refresh. */
const refreshBody = (refreshToken: string) =>
  `grant_type=refresh_token&client_id=client-id-123&client_secret=client-secret-9b8e&refresh_token=${refreshToken}`

/** The token endpoint, matched on its exact form body; it must not receive the old access token. */
const tokenEndpoint = (refreshToken = auth.refreshToken) =>
  nock(API, {
    reqheaders: { 'content-type': /^application\/x-www-form-urlencoded/ },
    badheaders: ['authorization']
  }).post('/oauth/v1/token', refreshBody(refreshToken))

const tokens = (accessToken: string, refreshToken = 'refresh-token-8e3b') => ({
  token_type: 'bearer',
  refresh_token: refreshToken,
  access_token: accessToken,
  expires_in: 1800,
  hub_id: 62515,
  scopes: ['oauth', 'crm.objects.contacts.write', 'crm.objects.contacts.read']
})

function configure(onTokenRefresh = vi.fn(), tokensInUse = auth) {
  const instance = destination.configure({
    settings: {},
    auth: tokensInUse,
    onTokenRefresh,
    retry: false,
    mappings: [{ id: 'contacts', actionId: 'upsertContact' }]
  })
  return { instance, onTokenRefresh }
}

beforeEach(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
})
afterAll(() => nock.enableNetConnect())

describe('testAuthentication', () => {
  it('reads one contact with the access token', async () => {
    const scope = nock(API, bearer(auth.accessToken))
      .get('/crm/v3/objects/contacts')
      .query({ limit: '1' })
      .reply(200, { results: [] })
    const oauth = { access_token: auth.accessToken }
    await expect(testDestination.testAuthentication({ oauth } as never)).resolves.toBeUndefined()
    expect(scope.isDone()).toBe(true)
  })

  it('rejects a token that lacks the contacts scope', async () => {
    nock(API).get('/crm/v3/objects/contacts').query({ limit: '1' }).reply(403, {
      status: 'error',
      message: "This app hasn't been granted all required scopes to make this call.",
      category: 'MISSING_SCOPES'
    })
    await expect(
      testDestination.testAuthentication({ oauth: { access_token: auth.accessToken } } as never)
    ).rejects.toThrow()
  })
})

describe('refreshAccessToken', () => {
  it('posts the refresh_token grant form-encoded and returns the new tokens', async () => {
    const scope = tokenEndpoint().reply(200, tokens('access-token-new-4c1d'))
    const result = await testDestination.refreshAccessToken({}, auth)
    expect(result).toEqual({
      accessToken: 'access-token-new-4c1d',
      refreshToken: 'refresh-token-8e3b',
      expiresIn: 1800
    })
    expect(scope.isDone()).toBe(true)
  })

  it('refuses to refresh without a refresh token', async () => {
    await expect(
      testDestination.refreshAccessToken({}, { ...auth, refreshToken: undefined })
    ).rejects.toThrow('no refresh token was given')
  })
})

describe('an expired access token, end to end', () => {
  it('refreshes on 401, reports the new tokens and delivers on the retry', async () => {
    const refused = nock(API, bearer(auth.accessToken)).post(UPSERT_PATH).reply(401, {
      status: 'error',
      message: 'Authentication credentials not found.',
      category: 'INVALID_AUTHENTICATION'
    })
    const refresh = tokenEndpoint().reply(200, tokens('access-token-new-4c1d'))
    const accepted = nock(API, bearer('access-token-new-4c1d'))
      .post(UPSERT_PATH, {
        inputs: [
          {
            id: 'ada.lovelace@example.com',
            idProperty: 'email',
            properties: {
              email: 'ada.lovelace@example.com',
              firstname: 'Ada',
              lastname: 'Lovelace',
              company: 'Analytical Engines Ltd'
            }
          }
        ]
      })
      .reply(200, upsertResults(['ada.lovelace@example.com']))

    const { instance, onTokenRefresh } = configure()
    const [outcome] = await instance.deliver(fixture('identify'))

    expect(outcome.status).toBe('delivered')
    expect(outcome.attempts).toBe(1)
    expect(outcome.request?.url).toBe(`${API}${UPSERT_PATH}`)
    expect(onTokenRefresh).toHaveBeenCalledTimes(1)
    expect(onTokenRefresh).toHaveBeenCalledWith({
      accessToken: 'access-token-new-4c1d',
      refreshToken: 'refresh-token-8e3b',
      expiresIn: 1800
    })
    expect(instance.auth).toMatchObject({
      accessToken: 'access-token-new-4c1d',
      refreshToken: 'refresh-token-8e3b'
    })
    expect(refused.isDone() && refresh.isDone() && accepted.isDone()).toBe(true)
    for (const secret of [auth.accessToken, 'access-token-new-4c1d', auth.clientSecret, auth.refreshToken]) {
      expect(JSON.stringify(outcome)).not.toContain(secret)
    }
  })

  it('fails with OAUTH_REFRESH_FAILED when HubSpot refuses the refresh token', async () => {
    const refused = nock(API).post(UPSERT_PATH).once().reply(401, {})
    const refresh = tokenEndpoint().reply(400, {
      status: 'BAD_REFRESH_TOKEN',
      message: 'missing or unknown refresh token',
      error: 'invalid_grant'
    })
    const { instance, onTokenRefresh } = configure()
    const [outcome] = await instance.deliver(fixture('identify'))
    expect(outcome.status).toBe('failed')
    expect(outcome.error).toMatchObject({ code: 'OAUTH_REFRESH_FAILED', retryable: false })
    expect(onTokenRefresh).not.toHaveBeenCalled()
    expect(refused.isDone() && refresh.isDone()).toBe(true)
    expect(JSON.stringify(outcome)).not.toContain(auth.clientSecret)
  })

  it('fails with OAUTH_REFRESH_FAILED when the refreshed token is refused too', async () => {
    nock(API).post(UPSERT_PATH).times(2).reply(401, {})
    tokenEndpoint().reply(200, tokens('access-token-new-4c1d'))
    const [outcome] = await configure().instance.deliver(fixture('identify'))
    expect(outcome.status).toBe('failed')
    expect(outcome.error?.code).toBe('OAUTH_REFRESH_FAILED')
  })

  it('refreshes once for two concurrent deliveries refused with 401', async () => {
    const tokensInUse = { ...auth, refreshToken: 'refresh-token-concurrent' }
    nock(API, bearer(auth.accessToken)).post(UPSERT_PATH).times(2).delay(20).reply(401, {})
    const refresh = tokenEndpoint('refresh-token-concurrent')
      .delay(20)
      .reply(200, tokens('access-token-new-4c1d'))
    const extraRefresh = tokenEndpoint('refresh-token-concurrent').reply(200, tokens('access-token-other'))
    nock(API, bearer('access-token-new-4c1d'))
      .post(UPSERT_PATH)
      .times(2)
      .reply(200, upsertResults(['ada.lovelace@example.com']))

    const { instance, onTokenRefresh } = configure(vi.fn(), tokensInUse)
    const results = await Promise.all([
      instance.deliver(fixture('identify')),
      instance.deliver(fixture('identify'))
    ])
    expect(results.map(([outcome]) => outcome.status)).toEqual(['delivered', 'delivered'])
    expect(refresh.isDone()).toBe(true)
    expect(extraRefresh.isDone()).toBe(false)
    expect(onTokenRefresh).toHaveBeenCalledTimes(1)
  })
})
