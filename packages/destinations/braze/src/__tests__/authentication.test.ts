import nock from 'nock'
import { Destination, createTestIntegration } from '@destkit/core'
import definition from '../index.js'
import type { Settings } from '../generated-types.js'

const settings: Settings = { apiKey: 'braze-rest-key-6e1f0c', endpoint: 'https://rest.fra-02.braze.eu' }
const testDestination = createTestIntegration(definition)

beforeEach(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
})

describe('testAuthentication', () => {
  it('accepts a key that may call /users/track (Braze answers 400 to the empty request)', async () => {
    const scope = nock('https://rest.fra-02.braze.eu', {
      reqheaders: { authorization: `Bearer ${settings.apiKey}` }
    })
      .post('/users/track', {})
      .reply(400, {
        message: "Valid data must be provided in the 'attributes', 'events', or 'purchases' fields."
      })
    await expect(testDestination.testAuthentication(settings)).resolves.not.toThrowError()
    expect(scope.isDone()).toBe(true)
  })

  it('rejects a key Braze refuses, without repeating it', async () => {
    nock('https://rest.fra-02.braze.eu').post('/users/track').reply(401, { message: 'Invalid API key' })
    const error = await testDestination.testAuthentication(settings).catch((e: Error) => e)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toContain('Braze did not accept this REST API key')
    expect((error as Error).message).not.toContain(settings.apiKey)
  })

  it('offers the Braze instances as endpoint choices and refuses another URL', () => {
    const endpoint = definition.authentication?.fields.endpoint
    expect(endpoint?.choices).toContainEqual({
      label: 'EU-02 (rest.fra-02.braze.eu)',
      value: 'https://rest.fra-02.braze.eu'
    })
    expect(endpoint?.choices).toHaveLength(12)
    expect(() =>
      new Destination(definition).configure({
        settings: { apiKey: 'k', endpoint: 'https://evil.example.com' } as unknown as Settings,
        mappings: []
      })
    ).toThrowError(/REST Endpoint must be one of/)
  })
})
