import nock from 'nock'
import { InvalidAuthenticationError, createTestIntegration } from '@destkit/core'
import definition from '../index.js'

const testDestination = createTestIntegration(definition)

const settings = { username: 'api-user', password: 'pa55-w0rd-9f8e7d' }
const basic = { reqheaders: { authorization: `Basic ${btoa('api-user:pa55-w0rd-9f8e7d')}` } }

beforeEach(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
})
afterAll(() => nock.enableNetConnect())

describe('authentication', () => {
  it('accepts credentials the API accepts, sent as HTTP Basic', async () => {
    const scope = nock('https://api.example.com', basic).get('/v1/me').reply(200, { id: 'me' })
    await expect(testDestination.testAuthentication(settings)).resolves.toBeUndefined()
    expect(scope.isDone()).toBe(true)
  })

  it('rejects credentials the API refuses, without repeating the password', async () => {
    nock('https://api.example.com').get('/v1/me').reply(401, { error: 'invalid credentials' })
    const error = await testDestination.testAuthentication(settings).catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(InvalidAuthenticationError)
    expect((error as Error).message).toContain('401')
    expect((error as Error).message).not.toContain(settings.password)
  })

  it('sends the credentials with every action request', async () => {
    const scope = nock('https://api.example.com', basic).post('/v1/events').reply(200, { ok: true })
    await testDestination.testAction('__ACTION_ID__', {
      event: { event: 'Signed Up', userId: 'u_83712' },
      settings,
      useDefaultMappings: true
    })
    expect(scope.isDone()).toBe(true)
  })
})
