import nock from 'nock'
import { createTestIntegration } from '@destkit/core'
import definition from '../index.js'

const settings = { apiKey: 'amp_api_key_4f9c2e', secretKey: 'amp_secret_7d1b' }
const testDestination = createTestIntegration(definition)
const basic = `Basic ${Buffer.from(`${settings.apiKey}:${settings.secretKey}`).toString('base64')}`

beforeEach(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
})

describe('testAuthentication', () => {
  it('searches users in the Dashboard REST API with the key and secret as Basic credentials', async () => {
    const scope = nock('https://amplitude.com', { reqheaders: { authorization: basic } })
      .get('/api/2/usersearch')
      .query({ user: 'destkit-credentials-check' })
      .reply(200, { matches: [], type: 'nomatch' })
    await expect(testDestination.testAuthentication(settings)).resolves.not.toThrowError()
    expect(scope.isDone()).toBe(true)
  })

  it('uses the EU Dashboard host for EU projects', async () => {
    const scope = nock('https://analytics.eu.amplitude.com', { reqheaders: { authorization: basic } })
      .get('/api/2/usersearch')
      .query({ user: 'destkit-credentials-check' })
      .reply(200, { matches: [] })
    await expect(
      testDestination.testAuthentication({ ...settings, endpoint: 'eu' })
    ).resolves.not.toThrowError()
    expect(scope.isDone()).toBe(true)
  })

  it('rejects refused credentials with a clear sentence', async () => {
    nock('https://amplitude.com').get('/api/2/usersearch').query(true).reply(401, 'Invalid Api-Key')
    const error = await testDestination.testAuthentication(settings).catch((e: Error) => e)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toContain('Amplitude did not accept this API key and secret key')
    expect((error as Error).message).not.toContain(settings.secretKey)
  })
})
