import nock from 'nock'
import { Destination, IntegrationError, type AudienceDestinationDefinition } from '../../index.js'

const apiKey = 'sk_audience_secret'

const definition: AudienceDestinationDefinition<{ apiKey: string }> = {
  name: 'Audience Test',
  mode: 'cloud',
  authentication: {
    scheme: 'custom',
    fields: { apiKey: { label: 'API key', description: 'The key.', type: 'password', required: true } }
  },
  extendRequest: ({ settings }) => ({ headers: { authorization: `Bearer ${settings.apiKey}` } }),
  audienceFields: {},
  audienceConfig: {
    mode: { type: 'synced', full_audience_sync: false },
    async createAudience(request, { audienceName }) {
      const response = await request('https://audiences.test/lists', {
        method: 'post',
        json: { name: audienceName }
      })
      return { externalId: String((response.data as { id: number }).id) }
    },
    async getAudience(request, { externalId }) {
      const response = await request(`https://audiences.test/lists/${externalId}`)
      return { externalId: (response.data as { id?: string }).id as string }
    }
  },
  actions: {}
}

beforeAll(() => nock.disableNetConnect())
afterEach(() => nock.cleanAll())
afterAll(() => nock.enableNetConnect())

describe('createAudience / getAudience', () => {
  it('creates an audience with the destination’s request defaults and returns its externalId', async () => {
    let auth: string | undefined
    nock('https://audiences.test')
      .post('/lists', { name: 'VIPs' })
      .matchHeader('authorization', (value) => ((auth = value), true))
      .reply(200, { id: 42 })
    const result = await new Destination(definition).createAudience({
      settings: { apiKey },
      audienceName: 'VIPs'
    })
    expect(result).toEqual({ externalId: '42' })
    expect(auth).toBe(`Bearer ${apiKey}`)
  })

  it('reads an audience', async () => {
    nock('https://audiences.test').get('/lists/42').reply(200, { id: '42' })
    await expect(
      new Destination(definition).getAudience({ settings: { apiKey }, externalId: '42' })
    ).resolves.toEqual({
      externalId: '42'
    })
  })

  it('rejects an answer without an externalId, naming the function', async () => {
    nock('https://audiences.test').get('/lists/7').reply(200, {})
    const error = await new Destination(definition)
      .getAudience({ settings: { apiKey }, externalId: '7' })
      .catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(IntegrationError)
    expect(error).toMatchObject({
      code: 'GET_AUDIENCE_FAILED',
      message: 'getAudience did not return an externalId.'
    })
  })

  it('says so when the destination has no audience support', async () => {
    const plain = new Destination({ ...definition, name: 'Plain', audienceConfig: undefined } as never)
    await expect(plain.createAudience({ settings: { apiKey }, audienceName: 'x' })).rejects.toMatchObject({
      code: 'CREATE_AUDIENCE_FAILED',
      message: 'Plain cannot create audiences.'
    })
    await expect(plain.getAudience({ settings: { apiKey }, externalId: 'x' })).rejects.toMatchObject({
      code: 'GET_AUDIENCE_FAILED',
      message: 'Plain cannot read audiences.'
    })
  })

  it('keeps the API key out of a failure', async () => {
    nock('https://audiences.test')
      .post('/lists')
      .reply(401, { error: `bad key ${apiKey}` })
    const error = await new Destination(definition)
      .createAudience({ settings: { apiKey }, audienceName: 'VIPs' })
      .catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(Error)
    expect(String((error as Error).message)).not.toContain(apiKey)
  })
})
