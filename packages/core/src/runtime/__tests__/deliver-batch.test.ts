import nock from 'nock'
import {
  Destination,
  MultiStatusResponse,
  RetryableError,
  createTestEvent,
  type ActionDefinition,
  type DestinationDefinition
} from '../../index.js'
import example from '../../__tests__/example-destination/index.js'

const apiKey = 'sk_live_batch_key'

beforeAll(() => nock.disableNetConnect())
afterEach(() => nock.cleanAll())
afterAll(() => nock.enableNetConnect())

function destinationWith(performBatch: ActionDefinition<any, any>['performBatch']) {
  const definition: DestinationDefinition = {
    ...example,
    actions: { ...example.actions, trackEvent: { ...example.actions.trackEvent, performBatch } }
  }
  return new Destination(definition)
}

/** The trackEvent action's default mapping. */
const instanceDefaults = () => new Destination(example).actions.trackEvent.defaultMapping

const events = () => [
  createTestEvent({ event: 'A', properties: { revenue: 1 } }),
  createTestEvent({ event: 'B', properties: { revenue: 'not a number' } }),
  createTestEvent({ event: 'C', properties: { revenue: 3 } }),
  createTestEvent({ event: 'D', properties: { revenue: 4 } })
]

describe('instance.deliverBatch', () => {
  it('leaves invalid events out with their own outcome and marks the rest by the response', async () => {
    let sent: any
    nock('https://api.acme.test')
      .post('/v1/batch', (body) => ((sent = body), true))
      .reply(200, { accepted: 3 })
    const instance = new Destination(example).configure({
      settings: { apiKey },
      mappings: [{ id: 'track', actionId: 'trackEvent' }],
      retry: false
    })
    const outcomes = await instance.deliverBatch(events())
    expect(sent.events.map((e: any) => e.event_name)).toEqual(['A', 'C', 'D'])
    expect(outcomes.map((o) => [o.eventIndex, o.status])).toEqual([
      [0, 'delivered'],
      [1, 'invalid'],
      [2, 'delivered'],
      [3, 'delivered']
    ])
    expect(outcomes[1].error?.message).toBe('Revenue must be a number but it was a string.')
    expect(JSON.stringify(outcomes)).not.toContain(apiKey)
  })

  it('sends one request per event when the mapping turns batching off', async () => {
    const sent: string[] = []
    const scope = nock('https://api.acme.test')
      .post('/v1/track', (body) => (sent.push(body.event_name), true))
      .times(2)
      .reply(200, {})
    const instance = new Destination(example).configure({
      settings: { apiKey },
      mappings: [
        {
          id: 'track',
          actionId: 'trackEvent',
          mapping: { ...instanceDefaults(), enable_batching: false }
        }
      ],
      retry: false
    })
    const outcomes = await instance.deliverBatch([events()[0], events()[2]])
    expect(scope.isDone()).toBe(true)
    expect(sent).toEqual(['A', 'C'])
    expect(outcomes.map((o) => [o.eventIndex, o.status])).toEqual([
      [0, 'delivered'],
      [1, 'delivered']
    ])
  })

  it('carries an entry’s retryAfterMs into the Outcome of a retryable event only', async () => {
    const destination = destinationWith(() => {
      const results = new MultiStatusResponse()
      results.setErrorResponseAtIndex(0, {
        status: 429,
        errortype: 'TOO_MANY_REQUESTS',
        errormessage: 'slow down',
        retryAfterMs: 30_000
      })
      results.setErrorResponseAtIndex(1, {
        status: 400,
        errortype: 'BAD_REQUEST',
        errormessage: 'bad',
        retryAfterMs: 30_000
      })
      return results
    })
    const instance = destination.configure({
      settings: { apiKey },
      mappings: [{ id: 't', actionId: 'trackEvent' }],
      retry: false
    })
    const outcomes = await instance.deliverBatch([events()[0], events()[2]])
    expect(outcomes[0]).toMatchObject({ status: 'retryable', error: { retryAfterMs: 30_000 } })
    expect(outcomes[1].status).toBe('failed')
    expect(outcomes[1].error).not.toHaveProperty('retryAfterMs')
  })

  it('gives each event its own status from a MultiStatusResponse, and fails a missing index', async () => {
    const destination = destinationWith((_request, { payload }) => {
      const results = new MultiStatusResponse()
      results.setSuccessResponseAtIndex(0, { status: 200, sent: payload[0], body: 'ok' })
      results.setErrorResponseAtIndex(1, {
        status: 429,
        errortype: 'TOO_MANY_REQUESTS',
        errormessage: 'slow down'
      })
      // index 2 left empty on purpose
      return results
    })
    const instance = destination.configure({
      settings: { apiKey },
      mappings: [{ id: 't', actionId: 'trackEvent' }],
      retry: false
    })
    const outcomes = await instance.deliverBatch([events()[0], events()[2], events()[3]])
    expect(outcomes.map((o) => o.status)).toEqual(['delivered', 'retryable', 'failed'])
    expect(outcomes[1].error).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: 'slow down',
      httpStatus: 429
    })
    expect(outcomes[2].error).toMatchObject({ code: 'MISSING_BATCH_RESULT', httpStatus: 500 })
    expect(outcomes[1].error).not.toHaveProperty('retryAfterMs')
  })

  it('makes every event of the batch retryable when performBatch throws a retryable error', async () => {
    const destination = destinationWith(() => {
      throw new RetryableError('The queue is full.', 503)
    })
    const instance = destination.configure({
      settings: { apiKey },
      mappings: [{ id: 't', actionId: 'trackEvent' }],
      retry: false
    })
    const outcomes = await instance.deliverBatch([events()[0], events()[2]])
    expect(outcomes.map((o) => o.status)).toEqual(['retryable', 'retryable'])
    expect(outcomes[0].error?.message).toBe('The queue is full.')
  })

  it('splits batches by batch_keys and batch_size', async () => {
    const batches: string[][] = []
    const destination = destinationWith((_request, { payload }) => {
      batches.push(payload.map((p: any) => `${p.event_name}@${p.user_id}`))
    })
    const instance = destination.configure({
      settings: { apiKey },
      mappings: [
        {
          id: 't',
          actionId: 'trackEvent',
          mapping: {
            event_name: { '@path': '$.event' },
            user_id: { '@path': '$.userId' },
            batch_keys: ['user_id'],
            batch_size: 2
          }
        }
      ],
      retry: false
    })
    const input = ['a', 'b', 'a', 'a', 'b'].map((userId, i) => createTestEvent({ event: `E${i}`, userId }))
    const outcomes = await instance.deliverBatch(input)
    expect(outcomes.every((o) => o.status === 'delivered')).toBe(true)
    expect(batches).toEqual([['E0@a', 'E2@a'], ['E3@a'], ['E1@b', 'E4@b']])
  })

  it('delivers one by one when the action has no performBatch', async () => {
    nock('https://api.acme.test')
      .put(/\/v1\/users\/.+/)
      .times(2)
      .reply(200, {})
    const instance = new Destination(example).configure({
      settings: { apiKey },
      mappings: [{ id: 'identify', actionId: 'identifyUser' }],
      retry: false
    })
    const outcomes = await instance.deliverBatch([
      createTestEvent({ type: 'identify', userId: 'u1' }),
      createTestEvent({ type: 'track' }),
      createTestEvent({ type: 'identify', userId: 'u2' })
    ])
    expect(outcomes.map((o) => [o.eventIndex, o.status])).toEqual([
      [0, 'delivered'],
      [1, 'not-subscribed'],
      [2, 'delivered']
    ])
  })

  it('keeps the other events of a batch when one is malformed', async () => {
    nock('https://api.acme.test').post('/v1/batch').reply(200, {})
    const instance = new Destination(example).configure({
      settings: { apiKey },
      mappings: [{ id: 't', actionId: 'trackEvent' }],
      retry: false
    })
    const outcomes = await instance.deliverBatch([
      createTestEvent(),
      [{ type: 'track' }] as never,
      createTestEvent()
    ])
    expect(outcomes.map((o) => [o.eventIndex, o.status])).toEqual([
      [0, 'delivered'],
      [1, 'invalid'],
      [2, 'delivered']
    ])
  })
})
