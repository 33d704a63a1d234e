import nock from 'nock'
import { HTTPError, createTestIntegration } from '@destkit/core'
import definition from '../index.js'

const testDestination = createTestIntegration(definition)

const orderCompleted = {
  type: 'track' as const,
  event: 'Order Completed',
  userId: 'u_83712',
  timestamp: '2026-10-30T14:22:05.118Z',
  properties: { order_id: 'ORD-50314', revenue: 125.49, currency: 'GBP' }
}

beforeEach(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
})
afterAll(() => nock.enableNetConnect())

describe('__ACTION_TITLE__ (__ACTION_ID__)', () => {
  it('posts the event with the default mapping', async () => {
    const scope = nock('https://api.example.com')
      .matchHeader('content-type', /application\/json/)
      .post('/v1/events', {
        event: 'Order Completed',
        user_id: 'u_83712',
        timestamp: '2026-10-30T14:22:05.118Z',
        properties: { order_id: 'ORD-50314', revenue: 125.49, currency: 'GBP' }
      })
      .reply(200, { ok: true })

    const responses = await testDestination.testAction('__ACTION_ID__', {
      event: orderCompleted,
      useDefaultMappings: true
    })

    expect(scope.isDone()).toBe(true)
    expect(responses).toHaveLength(1)
    expect(responses[0].status).toBe(200)
  })

  it('fails, not to be retried, when the API refuses the event', async () => {
    nock('https://api.example.com').post('/v1/events').reply(400, { error: 'invalid event' })

    const error = await testDestination
      .testAction('__ACTION_ID__', { event: orderCompleted, useDefaultMappings: true })
      .catch((thrown: unknown) => thrown)

    expect(error).toBeInstanceOf(HTTPError)
    expect(error).toMatchObject({ status: 400, retryable: false })
  })
})
