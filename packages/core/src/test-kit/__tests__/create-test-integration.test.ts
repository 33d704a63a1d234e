import nock from 'nock'
import { createTestIntegration, MultiStatusResponse, type DestinationDefinition } from '../../index.js'
import example from '../../__tests__/example-destination/index.js'

const settings = { apiKey: 'sk_test_kit_key' }

beforeAll(() => nock.disableNetConnect())
afterEach(() => nock.cleanAll())
afterAll(() => nock.enableNetConnect())

describe('createTestIntegration', () => {
  it('resolves testAction to the responses of that call only, with the request as sent', async () => {
    const testDestination = createTestIntegration(example)
    nock('https://api.acme.test').post('/v1/track').times(2).reply(200, { ok: true })
    await testDestination.testAction('trackEvent', {
      event: { event: 'First' },
      settings,
      useDefaultMappings: true
    })
    const responses = await testDestination.testAction('trackEvent', {
      event: { event: 'Second' },
      settings,
      useDefaultMappings: true
    })
    expect(responses).toHaveLength(1)
    expect(testDestination.responses).toBe(responses)
    const [response] = responses
    expect(response.status).toBe(200)
    expect(response.data).toEqual({ ok: true })
    expect(response.content).toBe('{"ok":true}')
    expect(response.headers.get('content-type')).toContain('application/json')
    expect(response.options.json).toMatchObject({ event_name: 'Second', user_id: 'user1234' })
    expect(response.request.method).toBe('POST')
    expect(response.request.headers.get('authorization')).toBe('Bearer sk_test_kit_key')
    expect(await response.request.json()).toEqual(JSON.parse(JSON.stringify(response.options.json)))
  })

  it('merges field defaults under the given mapping with useDefaultMappings', async () => {
    const testDestination = createTestIntegration(example)
    let sent: any
    nock('https://api.acme.test')
      .post('/v1/track', (body) => ((sent = body), true))
      .reply(200, {})
    await testDestination.testAction('trackEvent', {
      event: { event: 'Bought', userId: 'u9' },
      mapping: { event_name: 'Overridden' },
      settings,
      useDefaultMappings: true
    })
    expect(sent).toMatchObject({ event_name: 'Overridden', user_id: 'u9' })
  })

  it('uses only the given mapping without useDefaultMappings', async () => {
    const testDestination = createTestIntegration(example)
    let sent: any
    nock('https://api.acme.test')
      .post('/v1/track', (body) => ((sent = body), true))
      .reply(200, {})
    await testDestination.testAction('trackEvent', { mapping: { event_name: 'Only' }, settings })
    expect(sent).toEqual({ event_name: 'Only' })
  })

  it('records batch responses and the per-event results of the last batch', async () => {
    const testDestination = createTestIntegration(example)
    nock('https://api.acme.test').post('/v1/batch').reply(200, { accepted: 2 })
    const responses = await testDestination.testBatchAction('trackEvent', {
      events: [{ event: 'A' }, { event: 'B', properties: { revenue: 'x' } }, { event: 'C' }],
      settings,
      useDefaultMappings: true
    })
    expect(responses).toHaveLength(1)
    expect((responses[0].options.json as any).events.map((e: any) => e.event_name)).toEqual(['A', 'C'])
    expect(testDestination.results[0].multistatus?.map((r) => r.status)).toEqual([200, 400, 200])
  })

  it('keeps MultiStatusResponse statuses from performBatch', async () => {
    const definition: DestinationDefinition = {
      ...example,
      actions: {
        ...example.actions,
        trackEvent: {
          ...example.actions.trackEvent,
          performBatch: (_request, { payload }) => {
            const results = new MultiStatusResponse()
            payload.forEach((p: any, i: number) =>
              p.event_name === 'bad'
                ? results.pushErrorResponse({ status: 422, errormessage: 'rejected' })
                : results.setSuccessResponseAtIndex(i, { status: 201, sent: p, body: 'ok' })
            )
            return results
          }
        }
      }
    }
    const testDestination = createTestIntegration(definition)
    await testDestination.testBatchAction('trackEvent', {
      events: [{ event: 'good' }, { event: 'bad' }],
      settings,
      useDefaultMappings: true
    })
    expect(testDestination.results[0].multistatus?.map((r) => r.status)).toEqual([201, 422])
  })

  it('runs testAuthentication and clears responses first', async () => {
    const testDestination = createTestIntegration(example)
    nock('https://api.acme.test').get('/v1/me').reply(200, {})
    await testDestination.testAuthentication(settings)
    expect(testDestination.responses).toHaveLength(1)
    nock('https://api.acme.test').get('/v1/me').reply(403, { error: 'forbidden' })
    await expect(testDestination.testAuthentication(settings)).rejects.toThrow(/Credentials are invalid/)
    expect(testDestination.responses).toHaveLength(1)
    expect(testDestination.responses[0].status).toBe(403)
  })

  it('rejects invalid settings with the sentences before any request', async () => {
    const testDestination = createTestIntegration(example)
    await expect(testDestination.testAuthentication({} as never)).rejects.toThrow(
      "The root value is missing the required field 'apiKey'."
    )
  })

  it('runs dynamic fields and refreshAccessToken', async () => {
    const definition: DestinationDefinition = {
      name: 'Dyn',
      authentication: {
        scheme: 'oauth2',
        fields: {},
        refreshAccessToken: async (request) => {
          const response = await request<{ token: string }>('https://auth.dyn.test/token', { method: 'post' })
          return { accessToken: response.data.token }
        }
      },
      actions: {
        add: {
          title: 'Add',
          description: 'Add to a list.',
          fields: { list: { label: 'List', type: 'string', dynamic: true } },
          perform: () => undefined,
          dynamicFields: {
            list: async (request) => {
              const response = await request<{ lists: Array<{ id: string; name: string }> }>(
                'https://api.dyn.test/lists'
              )
              return { choices: response.data.lists.map((l) => ({ label: l.name, value: l.id })) }
            }
          }
        }
      }
    }
    const testDestination = createTestIntegration(definition)
    nock('https://api.dyn.test')
      .get('/lists')
      .reply(200, { lists: [{ id: '1', name: 'VIP' }] })
    await expect(
      testDestination.testDynamicField('add', 'list', { settings: {}, payload: {} })
    ).resolves.toEqual({
      choices: [{ label: 'VIP', value: '1' }]
    })
    nock('https://auth.dyn.test').post('/token').reply(200, { token: 'fresh' })
    await expect(
      testDestination.refreshAccessToken(
        {},
        { accessToken: 'a', refreshToken: 'r', clientId: 'c', clientSecret: 's' }
      )
    ).resolves.toEqual({ accessToken: 'fresh' })
    await expect(
      testDestination.testDynamicField('add', 'nope', { settings: {}, payload: {} })
    ).rejects.toThrow("The action 'add' has no dynamic field 'nope'.")
  })
})

describe('createTestIntegration: what tests written for the compatible runtime rely on', () => {
  it('runs an action without settings (required settings are not enforced by testAction)', async () => {
    const testDestination = createTestIntegration(example)
    nock('https://api.acme.test').post('/v1/track').reply(200, {})
    const responses = await testDestination.testAction('trackEvent', {
      event: { event: 'No Settings' },
      useDefaultMappings: true
    })
    expect(responses[0].status).toBe(200)
    expect(responses[0].options.json).toMatchObject({ event_name: 'No Settings' })
  })

  it('testBatchAction with an empty events list sends one default event', async () => {
    const testDestination = createTestIntegration(example)
    let sent: any
    nock('https://api.acme.test')
      .post('/v1/batch', (body) => ((sent = body), true))
      .reply(200, {})
    await testDestination.testBatchAction('trackEvent', { events: [], settings, useDefaultMappings: true })
    expect(sent.events).toHaveLength(1)
    expect(sent.events[0]).toMatchObject({ event_name: 'Test Event' })
  })

  it('still enforces required settings in testAuthentication', async () => {
    const testDestination = createTestIntegration(example)
    await expect(testDestination.testAuthentication({} as never)).rejects.toMatchObject({
      code: 'INVALID_SETTINGS'
    })
  })

  it('says "Credentials are invalid: <status> <text>" for an HTTP refusal', async () => {
    const testDestination = createTestIntegration(example)
    nock('https://api.acme.test').get('/v1/me').reply(500)
    await expect(testDestination.testAuthentication(settings)).rejects.toThrow(
      'Credentials are invalid: 500 Internal Server Error'
    )
  })

  it('refreshAccessToken: 501 for a destination without OAuth2', async () => {
    const testDestination = createTestIntegration(example)
    await expect(
      testDestination.refreshAccessToken(settings, {
        refreshToken: 'r',
        clientId: 'c',
        clientSecret: 's',
        accessToken: 'a'
      })
    ).rejects.toMatchObject({ status: 501 })
  })

  it('refreshAccessToken: undefined for an OAuth2 destination without a refresher', async () => {
    const oauthWithoutRefresh: DestinationDefinition<Record<string, never>> = {
      name: 'No Refresher',
      mode: 'cloud',
      authentication: { scheme: 'oauth2', fields: {} },
      actions: {}
    }
    const testDestination = createTestIntegration(oauthWithoutRefresh)
    await expect(
      testDestination.refreshAccessToken(
        {},
        { refreshToken: 'r', clientId: 'c', clientSecret: 's', accessToken: 'a' }
      )
    ).resolves.toBeUndefined()
  })
})

describe('createTestIntegration: features and statsContext', () => {
  it('hands them to perform as given', async () => {
    let seen: unknown
    const definition: DestinationDefinition<Record<string, never>> = {
      name: 'Stats Example',
      mode: 'cloud',
      actions: {
        send: {
          title: 'Send',
          description: 'Send.',
          fields: {},
          perform: (_request, data) => {
            seen = { features: data.features, statsContext: data.statsContext }
            return undefined
          }
        }
      }
    }
    const statsContext = { statsClient: { incr: vi.fn(), histogram: vi.fn() }, tags: ['t:1'] }
    await createTestIntegration(definition).testAction('send', {
      features: { 'new-endpoint': true },
      statsContext: statsContext as never
    })
    expect(seen).toEqual({ features: { 'new-endpoint': true }, statsContext })
  })
})
