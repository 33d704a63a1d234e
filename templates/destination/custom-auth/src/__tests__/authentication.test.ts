import nock from 'nock'
import { InvalidAuthenticationError, createTestIntegration } from '@destkit/core'
import definition from '../index.js'

const testDestination = createTestIntegration(definition)

const settings = { apiKey: 'sk_test_4f9c2a7e1b' }
const bearer = { reqheaders: { authorization: 'Bearer sk_test_4f9c2a7e1b' } }

beforeEach(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
})
afterAll(() => nock.enableNetConnect())

describe('authentication', () => {
  it('accepts an API key the API accepts, sent as a Bearer token', async () => {
    const scope = nock('https://api.example.com', bearer).get('/v1/me').reply(200, { id: 'me' })
    await expect(testDestination.testAuthentication(settings)).resolves.toBeUndefined()
    expect(scope.isDone()).toBe(true)
  })

  it('rejects an API key the API refuses, without repeating it', async () => {
    nock('https://api.example.com').get('/v1/me').reply(401, { error: 'invalid API key' })
    const error = await testDestination.testAuthentication(settings).catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(InvalidAuthenticationError)
    expect((error as Error).message).toContain('401')
    expect((error as Error).message).not.toContain(settings.apiKey)
  })

  it('refuses settings without an API key before sending anything', async () => {
    await expect(testDestination.testAuthentication({} as typeof settings)).rejects.toThrow(/apiKey|API Key/)
  })

  it('sends the API key with every action request', async () => {
    const scope = nock('https://api.example.com', bearer).post('/v1/events').reply(200, { ok: true })
    await testDestination.testAction('__ACTION_ID__', {
      event: { event: 'Signed Up', userId: 'u_83712' },
      settings,
      useDefaultMappings: true
    })
    expect(scope.isDone()).toBe(true)
  })
})
