import nock from 'nock'
import { Destination, type DestinationDefinition } from '../../index.js'

interface Settings {
  apiKey: string
  region?: string
}

let refreshCalls = 0
const definition: DestinationDefinition<Settings> = {
  name: 'Lists Example',
  mode: 'cloud',
  authentication: {
    scheme: 'oauth2',
    fields: {
      apiKey: { label: 'API Key', type: 'password', required: true },
      region: { label: 'Region', type: 'string', default: 'us' }
    },
    refreshAccessToken: async () => {
      refreshCalls++
      return { accessToken: 'fresh-token' }
    }
  },
  extendRequest: ({ settings, auth }) => ({
    headers: { authorization: `Bearer ${auth?.accessToken ?? settings.apiKey}` }
  }),
  actions: {
    addToList: {
      title: 'Add to List',
      description: 'Adds a contact to a list.',
      fields: {
        list_id: { label: 'List', type: 'string', required: true, dynamic: true },
        email: { label: 'Email', type: 'string' }
      },
      dynamicFields: {
        list_id: async (request, { settings, payload, page }) => {
          const response = await request<{ lists: Array<{ id: string; name: string }>; next?: string }>(
            `https://api.lists.test/${settings.region}/lists`,
            { searchParams: { page: page ?? '1', email: (payload as { email?: string }).email ?? '' } }
          )
          return {
            choices: response.data.lists.map((list) => ({ label: list.name, value: list.id })),
            ...(response.data.next && { nextPage: response.data.next })
          }
        },
        email: (() => ({ nothing: true })) as never
      },
      perform: () => undefined
    }
  }
}

const destination = new Destination(definition)

beforeAll(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
  refreshCalls = 0
})
afterAll(() => nock.enableNetConnect())

describe('Destination.executeDynamicField', () => {
  it("runs the field's function with the settings' defaults, the payload and the page", async () => {
    nock('https://api.lists.test')
      .get('/us/lists')
      .query({ page: '2', email: 'ada@example.com' })
      .matchHeader('authorization', 'Bearer sk_secret_1')
      .reply(200, { lists: [{ id: 'l1', name: 'Newsletter' }], next: '3' })
    const response = await destination.executeDynamicField('addToList', 'list_id', {
      settings: { apiKey: 'sk_secret_1' },
      payload: { email: 'ada@example.com' },
      page: '2'
    })
    expect(response).toEqual({ choices: [{ label: 'Newsletter', value: 'l1' }], nextPage: '3' })
  })

  it('does not validate the settings (choices are asked for while they are being filled in)', async () => {
    nock('https://api.lists.test').get('/eu/lists').query(true).reply(200, { lists: [] })
    const response = await destination.executeDynamicField('addToList', 'list_id', {
      settings: { region: 'eu' } as Settings
    })
    expect(response).toEqual({ choices: [] })
  })

  it('refreshes the access token once on a 401 and retries', async () => {
    nock('https://api.lists.test')
      .get('/us/lists')
      .query(true)
      .matchHeader('authorization', 'Bearer stale-token')
      .reply(401, {})
    nock('https://api.lists.test')
      .get('/us/lists')
      .query(true)
      .matchHeader('authorization', 'Bearer fresh-token')
      .reply(200, { lists: [{ id: 'l2', name: 'VIP' }] })
    const response = await destination.executeDynamicField('addToList', 'list_id', {
      settings: { apiKey: 'sk_secret_1' },
      auth: { accessToken: 'stale-token', refreshToken: 'r', clientId: 'c', clientSecret: 's' }
    })
    expect(response.choices).toEqual([{ label: 'VIP', value: 'l2' }])
    expect(refreshCalls).toBe(1)
  })

  it('masks the secrets in the error of a failed call', async () => {
    const withSecretUrl = new Destination<Settings>({
      ...definition,
      actions: {
        addToList: {
          ...definition.actions.addToList,
          dynamicFields: {
            list_id: async (request, { settings }) => {
              await request(`https://api.lists.test/keys/${settings.apiKey}/lists`)
              return { choices: [] }
            }
          }
        }
      }
    })
    nock('https://api.lists.test').get('/keys/sk_secret_1/lists').reply(500, {})
    const failure = await withSecretUrl
      .executeDynamicField('addToList', 'list_id', { settings: { apiKey: 'sk_secret_1' } })
      .catch((error: Error) => error)
    expect(failure).toBeInstanceOf(Error)
    expect((failure as Error).message).toContain('500')
    expect((failure as Error).message).not.toContain('sk_secret_1')
  })

  it('refuses an unknown action, an unknown field (suggesting the closest) and an answer without choices', async () => {
    await expect(
      destination.executeDynamicField('addToLits', 'list_id', { settings: { apiKey: 'k' } })
    ).rejects.toMatchObject({ code: 'ACTION_NOT_FOUND' })
    await expect(
      destination.executeDynamicField('addToList', 'list_ids', { settings: { apiKey: 'k' } })
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      status: 404,
      message: expect.stringContaining("has no dynamic field 'list_ids' (did you mean 'list_id'?)")
    })
    await expect(
      destination.executeDynamicField('addToList', 'toString', { settings: { apiKey: 'k' } })
    ).rejects.toMatchObject({ status: 404 })
    await expect(
      destination.executeDynamicField('addToList', 'email', { settings: { apiKey: 'k' } })
    ).rejects.toThrow(
      "The dynamic field 'email' of the action 'addToList' did not return { choices: [...] }."
    )
  })
})
