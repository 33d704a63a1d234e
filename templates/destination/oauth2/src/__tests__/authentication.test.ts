import nock from 'nock'
import { Destination, createTestIntegration, createTestEvent } from '@destkit/core'
import definition from '../index.js'

const testDestination = createTestIntegration(definition)

const auth = {
  accessToken: 'access-token-old-1f9c',
  refreshToken: 'refresh-token-7d2a',
  clientId: 'client-id-123',
  clientSecret: 'client-secret-9b8e'
}
const bearer = (token: string) => ({ reqheaders: { authorization: `Bearer ${token}` } })

/** The token endpoint, matched on its exact form body; it must not receive the old access token. */
const tokenEndpoint = () =>
  nock('https://api.example.com', {
    reqheaders: { 'content-type': /^application\/x-www-form-urlencoded/ },
    badheaders: ['authorization']
  }).post(
    '/oauth/token',
    'grant_type=refresh_token&refresh_token=refresh-token-7d2a&client_id=client-id-123&client_secret=client-secret-9b8e'
  )

beforeEach(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
})
afterAll(() => nock.enableNetConnect())

describe('testAuthentication', () => {
  it('reads the current user with the access token', async () => {
    const scope = nock('https://api.example.com', bearer(auth.accessToken)).get('/v1/me').reply(200, {})
    const oauth = { access_token: auth.accessToken }
    await expect(testDestination.testAuthentication({ oauth } as never)).resolves.toBeUndefined()
    expect(scope.isDone()).toBe(true)
  })
})

describe('refreshAccessToken', () => {
  it('posts the refresh_token grant and returns the new tokens', async () => {
    const scope = tokenEndpoint().reply(200, {
      access_token: 'access-token-new-4c1d',
      refresh_token: 'refresh-token-8e3b',
      expires_in: 3600
    })
    await expect(testDestination.refreshAccessToken({}, auth)).resolves.toEqual({
      accessToken: 'access-token-new-4c1d',
      refreshToken: 'refresh-token-8e3b',
      expiresIn: 3600
    })
    expect(scope.isDone()).toBe(true)
  })

  it('refuses to refresh without a refresh token', async () => {
    await expect(
      testDestination.refreshAccessToken({}, { ...auth, refreshToken: undefined })
    ).rejects.toThrow('no refresh token was given')
  })

  it('refreshes on 401 and delivers with the new token', async () => {
    const refused = nock('https://api.example.com', bearer(auth.accessToken))
      .post('/v1/events')
      .reply(401, { error: 'token expired' })
    const refresh = tokenEndpoint().reply(200, { access_token: 'access-token-new-4c1d', expires_in: 3600 })
    const accepted = nock('https://api.example.com', bearer('access-token-new-4c1d'))
      .post('/v1/events')
      .reply(200, { ok: true })
    const onTokenRefresh = vi.fn()
    const instance = new Destination(definition).configure({
      settings: {},
      auth,
      onTokenRefresh,
      retry: false,
      mappings: [{ id: 'events', actionId: '__ACTION_ID__' }]
    })

    const [outcome] = await instance.deliver(createTestEvent({ event: 'Signed Up', userId: 'u_83712' }))

    expect(outcome.status).toBe('delivered')
    expect(onTokenRefresh).toHaveBeenCalledWith({ accessToken: 'access-token-new-4c1d', expiresIn: 3600 })
    expect(refused.isDone() && refresh.isDone() && accepted.isDone()).toBe(true)
    for (const secret of [auth.accessToken, auth.refreshToken, auth.clientSecret, 'access-token-new-4c1d']) {
      expect(JSON.stringify(outcome)).not.toContain(secret)
    }
  })
})
