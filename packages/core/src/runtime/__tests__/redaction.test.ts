import nock from 'nock'
import { inspect } from 'node:util'
import { Destination, createTestEvent, type DestinationDefinition } from '../../index.js'

const track = createTestEvent({
  type: 'track',
  event: 'Signed Up',
  properties: { token: 'per-user-secret-123' }
})

beforeAll(() => nock.disableNetConnect())
afterEach(() => nock.cleanAll())
afterAll(() => nock.enableNetConnect())

describe('a secret URL setting (a webhook whose path is the secret)', () => {
  const definition: DestinationDefinition<{ webhookUrl: string }> = {
    name: 'Hook Example',
    mode: 'cloud',
    authentication: {
      scheme: 'custom',
      fields: {
        webhookUrl: { label: 'Webhook URL', description: 'The URL.', type: 'password', required: true }
      },
      testAuthentication: (request, { settings }) => request(settings.webhookUrl)
    },
    actions: {
      send: {
        title: 'Send',
        description: 'Send.',
        defaultSubscription: 'type = "track"',
        fields: {},
        perform: (request, { settings }) => request(settings.webhookUrl, { method: 'post', json: {} })
      }
    }
  }
  const secretPath = '/services/T0/B0/SECRETPATHTOKEN'
  const destination = new Destination(definition)

  it.each([
    ['as written', `https://hooks.example.test${secretPath}`],
    ['with a query string', `https://hooks.example.test${secretPath}?channel=ops`],
    ['with an upper-case host', `https://HOOKS.example.test${secretPath}`]
  ])('never shows its path in an Outcome (%s)', async (_form, webhookUrl) => {
    nock('https://hooks.example.test').post(secretPath).query(true).reply(404, 'no such hook')
    const instance = destination.configure({
      settings: { webhookUrl },
      mappings: [{ id: 'send', actionId: 'send' }],
      retry: false
    })
    const [outcome] = await instance.deliver(track)
    expect(outcome.status).toBe('failed')
    expect(outcome.error?.httpStatus).toBe(404)
    expect(JSON.stringify(outcome)).not.toContain('SECRETPATHTOKEN')
    expect(inspect(outcome, { depth: 20 })).not.toContain('SECRETPATHTOKEN')
  })

  it('never shows its path in errors thrown by the compatible surface', async () => {
    const webhookUrl = `https://hooks.example.test${secretPath}`
    nock('https://hooks.example.test').get(secretPath).reply(404).post(secretPath).reply(404)
    const authError = await destination.testAuthentication({ webhookUrl }).catch((error: unknown) => error)
    expect(authError).toBeInstanceOf(Error)
    expect(inspect(authError)).not.toContain('SECRETPATHTOKEN')
    const eventError = await destination
      .onEvent(track, {
        webhookUrl,
        subscription: { subscribe: 'type = "track"', partnerAction: 'send', mapping: {} }
      })
      .catch((error: unknown) => error)
    expect(eventError).toMatchObject({ status: 404 })
    expect(inspect(eventError)).not.toContain('SECRETPATHTOKEN')
    expect(String((eventError as Error).message)).not.toContain('SECRETPATHTOKEN')
  })
})

describe('a password-typed action field', () => {
  const definition: DestinationDefinition<Record<string, never>> = {
    name: 'Token Example',
    mode: 'cloud',
    actions: {
      send: {
        title: 'Send',
        description: 'Send a per-user token.',
        defaultSubscription: 'type = "track"',
        fields: {
          user_token: {
            label: 'User token',
            description: 'The user’s own token.',
            type: 'password',
            default: { '@path': '$.properties.token' }
          }
        },
        perform: (request, { payload }) =>
          request('https://api.token.test/send', { method: 'post', json: payload })
      }
    }
  }

  it('is masked in the payload, the request body and the error of its Outcome', async () => {
    nock('https://api.token.test')
      .post('/send')
      .reply(400, { error: 'token per-user-secret-123 is not valid' })
    const instance = new Destination(definition).configure({
      settings: {},
      mappings: [{ id: 'send', actionId: 'send' }],
      retry: false
    })
    const [outcome] = await instance.deliver(track)
    expect(outcome.status).toBe('failed')
    expect(outcome.payload).toEqual({ user_token: '[REDACTED]' })
    expect(outcome.request?.body).toContain('[REDACTED]')
    expect(JSON.stringify(outcome)).not.toContain('per-user-secret-123')
    expect(inspect(outcome, { depth: 20 })).not.toContain('per-user-secret-123')
  })
})

describe('credential headers typed into a mapping', () => {
  const definition: DestinationDefinition<Record<string, never>> = {
    name: 'Headers Example',
    mode: 'cloud',
    actions: {
      send: {
        title: 'Send',
        description: 'Send with mapped headers.',
        defaultSubscription: 'type = "track"',
        fields: {
          headers: { label: 'Headers', description: 'Request headers.', type: 'object' },
          data: { label: 'Data', description: 'Body.', type: 'object', default: { '@path': '$.properties' } }
        },
        perform: (request, { payload }) =>
          request('https://api.headers.test/send', {
            method: 'post',
            headers: payload.headers as Record<string, string>,
            json: payload.data
          })
      }
    }
  }

  it('are masked in the payload of the Outcome; other headers stay readable', async () => {
    nock('https://api.headers.test').post('/send').reply(401, { error: 'bad token' })
    const instance = new Destination(definition).configure({
      settings: {},
      mappings: [
        {
          id: 'send',
          actionId: 'send',
          mapping: {
            headers: {
              Authorization: 'Bearer tok_mapped_secret_1',
              'X-Api-Key': 'key_mapped_2',
              'X-Trace': 'visible'
            },
            data: { name: { '@path': '$.event' } }
          }
        }
      ],
      retry: false
    })
    const [outcome] = await instance.deliver(createTestEvent({ type: 'track', event: 'Signed Up' }))
    expect(outcome.status).toBe('failed')
    expect((outcome.payload as { headers: unknown }).headers).toEqual({
      Authorization: '[REDACTED]',
      'X-Api-Key': '[REDACTED]',
      'X-Trace': 'visible'
    })
    expect(JSON.stringify(outcome)).not.toContain('tok_mapped_secret_1')
    expect(JSON.stringify(outcome)).not.toContain('key_mapped_2')
  })
})

describe('an error whose message is not a string', () => {
  it('becomes a sentence, with the secrets in it masked', async () => {
    const apiKey = 'sk_object_message_secret'
    const definition: DestinationDefinition<{ apiKey: string }> = {
      name: 'Odd Example',
      mode: 'cloud',
      authentication: {
        scheme: 'custom',
        fields: { apiKey: { label: 'API key', description: 'The key.', type: 'password', required: true } }
      },
      actions: {
        send: {
          title: 'Send',
          description: 'Send.',
          defaultSubscription: 'type = "track"',
          fields: {},
          perform: () => {
            throw Object.assign(new Error('replaced below'), { message: { rejected: apiKey } })
          }
        }
      }
    }
    const [outcome] = await new Destination(definition)
      .configure({ settings: { apiKey }, mappings: [{ id: 'send', actionId: 'send' }], retry: false })
      .deliver(track)
    expect(outcome.status).toBe('failed')
    expect(typeof outcome.error?.message).toBe('string')
    expect(outcome.error?.message).toContain('rejected')
    expect(JSON.stringify(outcome)).not.toContain(apiKey)
  })
})
