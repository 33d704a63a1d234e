/**
 * The compatible surface of `Destination` (spec §3), called directly rather than
 * through the test kit: `onEvent`, `onBatch`, `executeAction`, `testAuthentication`.
 */
import nock from 'nock'
import {
  Destination,
  HTTPError,
  IntegrationError,
  InvalidAuthenticationError,
  MultiStatusResponse,
  PayloadValidationError,
  createTestEvent,
  type DestinationDefinition,
  type JSONObject
} from '../../index.js'
import example from '../../__tests__/example-destination/index.js'
import { deepFreeze, fixtureEvent } from '../../__tests__/fixtures.js'

const apiKey = 'sk_live_compat_acme_key'
const destination = new Destination(example)
const api = () => nock('https://api.acme.test')

const trackSubscription = {
  name: 'Track Calls',
  partnerAction: 'trackEvent',
  subscribe: 'type = "track"',
  mapping: {
    event_name: { '@path': '$.event' },
    user_id: { '@path': '$.userId' },
    revenue: { '@path': '$.properties.revenue' }
  }
}

const identifySubscription = {
  name: 'Identify Calls',
  partnerAction: 'identifyUser',
  subscribe: 'type = "identify"',
  mapping: {
    user_id: { '@path': '$.userId' },
    email: { '@path': '$.traits.email' }
  }
}

beforeAll(() => nock.disableNetConnect())
afterEach(() => nock.cleanAll())
afterAll(() => nock.enableNetConnect())

describe('Destination.onEvent (compatible)', () => {
  it('runs a subscribed action: one result per subscription, the response unwrapped to its data', async () => {
    const event = deepFreeze(fixtureEvent('track-order-completed'))
    let sent: unknown
    let auth: string | undefined
    const scope = api()
      .post('/v1/track', (body) => ((sent = body), true))
      .matchHeader('authorization', (value) => ((auth = value), true))
      .reply(200, { accepted: 1 })
    const results = await destination.onEvent(event, {
      apiKey,
      subscriptions: [trackSubscription, identifySubscription]
    } as unknown as JSONObject)
    expect(results).toEqual([
      { output: 'Action Executed', data: { accepted: 1 } },
      { output: 'not subscribed' }
    ])
    expect(sent).toEqual({ event_name: 'Order Completed', user_id: 'u_83712', revenue: 125.49 })
    expect(auth).toBe(`Bearer ${apiKey}`)
    expect(scope.isDone()).toBe(true)
  })

  it('accepts a single `subscription`, and `subscriptions` as a JSON string', async () => {
    api().post('/v1/track').times(2).reply(200, { ok: true })
    const event = createTestEvent({ event: 'Signed Up' })
    await expect(
      destination.onEvent(event, { apiKey, subscription: trackSubscription } as unknown as JSONObject)
    ).resolves.toEqual([{ output: 'Action Executed', data: { ok: true } }])
    await expect(
      destination.onEvent(event, { apiKey, subscriptions: JSON.stringify([trackSubscription]) })
    ).resolves.toEqual([{ output: 'Action Executed', data: { ok: true } }])
  })

  it('uses the region setting', async () => {
    const eu = nock('https://eu.api.acme.test').post('/v1/track').reply(200, { region: 'eu' })
    const event = createTestEvent({ event: 'Signed Up' })
    const results = await destination.onEvent(event, {
      apiKey,
      region: 'eu',
      subscription: trackSubscription
    } as unknown as JSONObject)
    expect(results).toEqual([{ output: 'Action Executed', data: { region: 'eu' } }])
    expect(eu.isDone()).toBe(true)
  })

  it('answers `not subscribed` without a request when no subscription matches', async () => {
    // disableNetConnect: any request would reject the call
    const event = fixtureEvent('identify')
    const results = await destination.onEvent(event, {
      apiKey,
      subscriptions: [trackSubscription, { ...trackSubscription, subscribe: 'event = "Other"' }]
    } as unknown as JSONObject)
    expect(results).toEqual([{ output: 'not subscribed' }, { output: 'not subscribed' }])
  })

  it('answers an empty list when there are no subscriptions', async () => {
    await expect(destination.onEvent(createTestEvent(), { apiKey })).resolves.toEqual([])
  })

  it('throws PayloadValidationError (400, not retryable) with the sentences, and sends nothing', async () => {
    const event = createTestEvent({ type: 'identify', userId: null, traits: { email: 'not-an-email' } })
    const error = await destination
      .onEvent(event, { apiKey, subscription: identifySubscription } as unknown as JSONObject)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PayloadValidationError)
    expect(error).toBeInstanceOf(IntegrationError)
    expect(error).toMatchObject({
      name: 'PayloadValidationError',
      code: 'PAYLOAD_VALIDATION_FAILED',
      status: 400,
      retryable: false
    })
    expect((error as Error).message).toBe(
      `The root value is missing the required field 'user_id'. Email must be a valid email address string but it was not.`
    )
  })

  it('throws the HTTPError of an API error, carrying the response', async () => {
    api().post('/v1/track').reply(400, { error: 'unknown_event' })
    const error = await destination
      .onEvent(createTestEvent({ event: 'Bad' }), {
        apiKey,
        subscription: trackSubscription
      } as unknown as JSONObject)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HTTPError)
    const httpError = error as HTTPError
    expect(httpError.status).toBe(400)
    expect(httpError.code).toBe('BAD_REQUEST')
    expect(httpError.retryable).toBe(false)
    expect(httpError.message).toBe(
      'The request to https://api.acme.test/v1/track failed with 400 Bad Request.'
    )
    expect(httpError.response.status).toBe(400)
    expect(httpError.response.data).toEqual({ error: 'unknown_event' })
  })

  it('throws a retryable HTTPError for a 503', async () => {
    api().post('/v1/track').reply(503, 'down')
    const error = await destination
      .onEvent(createTestEvent(), { apiKey, subscription: trackSubscription } as unknown as JSONObject)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HTTPError)
    expect(error).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', retryable: true })
  })

  it('throws INVALID_SETTINGS when the settings are missing a required field', async () => {
    const error = await destination
      .onEvent(createTestEvent(), { subscription: trackSubscription } as unknown as JSONObject)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IntegrationError)
    expect(error).toMatchObject({ code: 'INVALID_SETTINGS', status: 400, retryable: false })
    expect((error as Error).message).toBe(`The root value is missing the required field 'apiKey'.`)
  })

  it('names the closest action when a subscription’s partnerAction does not exist', async () => {
    const error = await destination
      .onEvent(createTestEvent(), {
        apiKey,
        subscription: { ...trackSubscription, partnerAction: 'trackEvnt' }
      } as unknown as JSONObject)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IntegrationError)
    expect(error).toMatchObject({ code: 'ACTION_NOT_FOUND', status: 400 })
    expect((error as Error).message).toBe(
      `'trackEvnt' is not an action of Acme Analytics (did you mean 'trackEvent'?).`
    )
  })
})

describe('Destination.onBatch (compatible)', () => {
  it('sends the subscribed events in one request and answers one multistatus per subscription', async () => {
    let sent: any
    api()
      .post('/v1/batch', (body) => ((sent = body), true))
      .reply(200, { accepted: 2 })
    const events = [
      createTestEvent({ event: 'One', userId: 'u1' }),
      createTestEvent({ type: 'identify', event: undefined, userId: 'u2' }),
      createTestEvent({ event: 'Three', userId: 'u3' })
    ]
    const results = await destination.onBatch(events, {
      apiKey,
      subscriptions: [trackSubscription, { ...identifySubscription, subscribe: 'type = "group"' }]
    } as unknown as JSONObject)
    expect(sent).toEqual({
      events: [
        { event_name: 'One', user_id: 'u1' },
        { event_name: 'Three', user_id: 'u3' }
      ]
    })
    expect(results).toEqual([
      {
        multistatus: [
          { status: 200, sent: { event_name: 'One', user_id: 'u1' }, body: { accepted: 2 } },
          { status: 200, sent: { event_name: 'Three', user_id: 'u3' }, body: { accepted: 2 } }
        ]
      },
      { output: 'not subscribed' }
    ])
  })

  it('reports an invalid event in the multistatus (by the runtime) and leaves it out of the request', async () => {
    let sent: any
    api()
      .post('/v1/batch', (body) => ((sent = body), true))
      .reply(200, {})
    const events = [
      createTestEvent({ event: 'Valid', userId: 'u1' }),
      createTestEvent({ event: 'Bad revenue', userId: 'u2', properties: { revenue: 'lots' } })
    ]
    const [result] = await destination.onBatch(events, {
      apiKey,
      subscription: trackSubscription
    } as unknown as JSONObject)
    expect(sent).toEqual({ events: [{ event_name: 'Valid', user_id: 'u1' }] })
    expect(result.multistatus).toEqual([
      { status: 200, sent: { event_name: 'Valid', user_id: 'u1' }, body: {} },
      {
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: 'Revenue must be a number but it was a string.',
        errorreporter: 'INTEGRATIONS'
      }
    ])
  })

  it('marks every sent event with the status of a failed batch request', async () => {
    api().post('/v1/batch').reply(500, { error: 'boom' })
    const events = [createTestEvent({ event: 'A' }), createTestEvent({ event: 'B' })]
    const [result] = await destination.onBatch(events, {
      apiKey,
      subscription: trackSubscription
    } as unknown as JSONObject)
    const entry = {
      status: 500,
      errortype: 'INTERNAL_SERVER_ERROR',
      errormessage: 'The request to https://api.acme.test/v1/batch failed with 500 Internal Server Error.',
      errorreporter: 'DESTINATION'
    }
    expect(result.multistatus).toEqual([entry, entry])
  })

  it('answers `not subscribed` when no event of the batch matches', async () => {
    const results = await destination.onBatch([fixtureEvent('identify')], {
      apiKey,
      subscription: trackSubscription
    } as unknown as JSONObject)
    expect(results).toEqual([{ output: 'not subscribed' }])
  })

  it('maps a MultiStatusResponse from performBatch back to the events, and fails a missing index', async () => {
    const definition: DestinationDefinition<{ apiKey: string }> = {
      name: 'Multi Status',
      mode: 'cloud',
      authentication: {
        scheme: 'custom',
        fields: { apiKey: { label: 'API Key', description: 'The key.', type: 'password', required: true } }
      },
      actions: {
        send: {
          title: 'Send',
          description: 'Send ids.',
          fields: { id: { label: 'ID', type: 'string', required: true } },
          perform: () => undefined,
          performBatch: async (request, { payload }) => {
            const response = await request('https://multi.test/batch', { method: 'post', json: payload })
            const results = new MultiStatusResponse()
            results.setSuccessResponseAtIndex(0, { status: 201, sent: payload[0], body: 'created' })
            results.setErrorResponseAtIndex(1, {
              status: 409,
              errortype: 'CONFLICT',
              errormessage: 'Duplicate id.',
              sent: payload[1],
              body: response.data as JSONObject
            })
            // index 2 deliberately left unset
            return results
          }
        }
      }
    }
    nock('https://multi.test')
      .post('/batch')
      .reply(207, { duplicates: ['b'] })
    const events = ['a', 'b', 'c'].map((id) => createTestEvent({ properties: { id } }))
    const [result] = await new Destination(definition).onBatch(events, {
      apiKey,
      subscription: {
        partnerAction: 'send',
        subscribe: 'type = "track"',
        mapping: { id: { '@path': '$.properties.id' } }
      }
    } as unknown as JSONObject)
    expect(result.multistatus).toEqual([
      { status: 201, sent: { id: 'a' }, body: 'created' },
      {
        status: 409,
        errortype: 'CONFLICT',
        errormessage: 'Duplicate id.',
        sent: { id: 'b' },
        body: { duplicates: ['b'] },
        errorreporter: 'DESTINATION'
      },
      {
        status: 500,
        errortype: 'MISSING_BATCH_RESULT',
        errormessage: 'The destination returned no result for event 2 of the batch.',
        errorreporter: 'INTEGRATIONS'
      }
    ])
  })
})

describe('Destination.executeAction (compatible)', () => {
  it('runs one action with a mapping and returns the response data', async () => {
    let sent: unknown
    api()
      .put('/v1/users/u%2F42', (body) => ((sent = body), true))
      .reply(200, { id: 'u/42', updated: true })
    const event = createTestEvent({ type: 'identify', userId: 'u/42', traits: { email: 'ada@example.com' } })
    const data = await destination.executeAction('identifyUser', {
      event,
      mapping: {
        user_id: { '@path': '$.userId' },
        email: { '@path': '$.traits.email' },
        traits: { plan: 'pro' }
      },
      settings: { apiKey }
    })
    expect(data).toEqual({ id: 'u/42', updated: true })
    expect(sent).toEqual({ email: 'ada@example.com', traits: { plan: 'pro' } })
  })

  it('uses the action’s default mapping when none is given', async () => {
    let sent: any
    api()
      .post('/v1/track', (body) => ((sent = body), true))
      .reply(200, 'ok', { 'content-type': 'text/plain' })
    const event = fixtureEvent('track-order-completed')
    const data = await destination.executeAction('trackEvent', { event, settings: { apiKey } })
    expect(data).toBe('ok')
    expect(sent).toEqual({
      event_name: 'Order Completed',
      user_id: 'u_83712',
      anonymous_id: '5b1c0a7e-3d9f-4c3a-9a52-5f1d2e8b7c64',
      properties: event.properties,
      revenue: 125.49,
      timestamp: '2026-10-30T14:22:05.118Z'
    })
  })

  it('throws PayloadValidationError before any request', async () => {
    await expect(
      destination.executeAction('trackEvent', {
        event: createTestEvent(),
        mapping: { event_name: { '@path': '$.missing' } },
        settings: { apiKey }
      })
    ).rejects.toThrow(
      new PayloadValidationError(`The root value is missing the required field 'event_name'.`)
    )
  })

  it('rejects an unknown action id with a suggestion', async () => {
    const error = await destination
      .executeAction('identifyUsr', { event: createTestEvent(), settings: { apiKey } })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IntegrationError)
    expect(error).toMatchObject({ code: 'ACTION_NOT_FOUND', status: 400, retryable: false })
    expect((error as Error).message).toBe(
      `'identifyUsr' is not an action of Acme Analytics (did you mean 'identifyUser'?).`
    )
  })

  it('rejects an unknown action id without a suggestion when nothing is close', async () => {
    await expect(
      destination.executeAction('zzzzzzzz', { event: createTestEvent(), settings: { apiKey } })
    ).rejects.toThrow(`'zzzzzzzz' is not an action of Acme Analytics.`)
  })
})

describe('Destination.testAuthentication (compatible)', () => {
  it('resolves when the API accepts the credentials', async () => {
    let auth: string | undefined
    const scope = api()
      .get('/v1/me')
      .matchHeader('authorization', (value) => ((auth = value), true))
      .reply(200, { id: 'acct_1' })
    await expect(destination.testAuthentication({ apiKey })).resolves.toBeUndefined()
    expect(auth).toBe(`Bearer ${apiKey}`)
    expect(scope.isDone()).toBe(true)
  })

  it('throws InvalidAuthenticationError with the reason when the API refuses them', async () => {
    api().get('/v1/me').reply(401, { error: 'invalid_key' })
    const error = await destination.testAuthentication({ apiKey: 'wrong' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvalidAuthenticationError)
    expect(error).toMatchObject({
      name: 'InvalidAuthenticationError',
      code: 'INVALID_AUTHENTICATION',
      status: 401,
      retryable: false
    })
    expect((error as Error).message).toBe('Credentials are invalid: 401 Unauthorized')
  })

  it('wraps an error thrown by testAuthentication itself', async () => {
    const definition: DestinationDefinition<{ apiKey: string }> = {
      name: 'Auth Throws',
      mode: 'cloud',
      authentication: {
        scheme: 'custom',
        fields: { apiKey: { label: 'API Key', description: 'The key.', type: 'password', required: true } },
        testAuthentication: () => {
          throw new Error('The key belongs to a deleted workspace.')
        }
      },
      actions: {}
    }
    await expect(new Destination(definition).testAuthentication({ apiKey })).rejects.toThrow(
      new InvalidAuthenticationError('Credentials are invalid: The key belongs to a deleted workspace.')
    )
  })

  it('rejects invalid settings with INVALID_SETTINGS before any request', async () => {
    const error = await destination.testAuthentication({} as never).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IntegrationError)
    expect(error).not.toBeInstanceOf(InvalidAuthenticationError)
    expect(error).toMatchObject({ code: 'INVALID_SETTINGS', status: 400 })
    await expect(destination.testAuthentication({ apiKey, region: 'mars' } as never)).rejects.toThrow(
      'Region must be one of: "us", "eu".'
    )
  })

  it('resolves without a request when the definition has no testAuthentication', async () => {
    const { testAuthentication: _omitted, ...authentication } = example.authentication!
    const definition = { ...example, authentication } as DestinationDefinition
    await expect(new Destination(definition).testAuthentication({ apiKey })).resolves.toBeUndefined()
  })
})
