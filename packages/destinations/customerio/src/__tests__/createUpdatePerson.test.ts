import nock from 'nock'
import { Destination, createTestIntegration } from '@destkit/core'
import definition from '../index.js'
import { identify } from './events.js'

const apiKey = 'cio_track_key_9f8e7d6c5b4a'
const settings = { siteId: 'site_3c2b1a', apiKey }
const authorization = `Basic ${Buffer.from(`site_3c2b1a:${apiKey}`).toString('base64')}`
const retry = { retries: 1, minTimeout: 1, maxTimeout: 5 }

/** The attributes the default mapping makes of `identify()`. */
const expectedAttributes = {
  email: 'ada.lovelace@example.com',
  first_name: 'Ada',
  last_name: 'Lovelace',
  plan: 'premium',
  logins: 17,
  created_at: 1709370000,
  anonymous_id: '5b1c0a7e-3d9f-4c3a-9a52-5f1d2e8b7c64'
}

beforeEach(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
})
afterAll(() => nock.enableNetConnect())

describe('createUpdatePerson', () => {
  it('puts the person by ID with Basic site id / API key auth and Unix timestamps', async () => {
    const expected = { ...expectedAttributes, _timestamp: 1793370011 }
    const scope = nock('https://track.customer.io', {
      reqheaders: { authorization, 'content-type': (value) => value.startsWith('application/json') }
    })
      .put('/api/v1/customers/u_83712', expected)
      .reply(200, {})

    const responses = await createTestIntegration(definition).testAction('createUpdatePerson', {
      event: identify(),
      settings,
      useDefaultMappings: true
    })

    expect(scope.isDone()).toBe(true)
    expect(responses[0].status).toBe(200)
    expect(responses[0].url).toBe('https://track.customer.io/api/v1/customers/u_83712')
    expect(responses[0].request.method).toBe('PUT')
    expect(JSON.parse(await responses[0].request.text())).toEqual(expected)
  })

  it('identifies by email, URL-encoded, on the EU host when there is no user ID', async () => {
    const scope = nock('https://track-eu.customer.io')
      .put(
        '/api/v1/customers/ada.lovelace%40example.com',
        (body) => body.email === 'ada.lovelace@example.com'
      )
      .reply(200, {})

    const responses = await createTestIntegration(definition).testAction('createUpdatePerson', {
      event: identify({ userId: undefined }),
      settings: { ...settings, region: 'eu' },
      useDefaultMappings: true
    })
    expect(scope.isDone()).toBe(true)
    expect(responses[0].url).toBe('https://track-eu.customer.io/api/v1/customers/ada.lovelace%40example.com')
  })

  it('URL-encodes IDs with reserved characters', async () => {
    const scope = nock('https://track.customer.io')
      .put('/api/v1/customers/team%2F42%20%2Bx%3F')
      .reply(200, {})
    await createTestIntegration(definition).testAction('createUpdatePerson', {
      event: identify({ userId: 'team/42 +x?' }),
      settings,
      useDefaultMappings: true
    })
    expect(scope.isDone()).toBe(true)
  })

  it('refuses a person with neither ID nor email without sending anything', async () => {
    const instance = new Destination(definition).configure({
      settings,
      mappings: [{ id: 'identify', actionId: 'createUpdatePerson' }],
      retry: false
    })
    const [outcome] = await instance.deliver(identify({ userId: undefined, traits: { plan: 'free' } }))
    expect(outcome.status).toBe('failed')
    expect(outcome.attempts).toBe(1)
    expect(outcome.error).toMatchObject({
      code: 'PAYLOAD_VALIDATION_FAILED',
      message: 'Either the person ID or the email is required.'
    })
  })

  it('fails a 400 without retrying and keeps the API key out of the outcome', async () => {
    const scope = nock('https://track.customer.io')
      .put('/api/v1/customers/u_83712')
      .once()
      .reply(400, { meta: { errors: ['attribute value too long'] } })

    const instance = new Destination(definition).configure({
      settings,
      mappings: [{ id: 'identify', actionId: 'createUpdatePerson' }],
      retry
    })
    const [outcome] = await instance.deliver(identify())

    expect(scope.isDone()).toBe(true)
    expect(outcome.status).toBe('failed')
    expect(outcome.attempts).toBe(1)
    expect(outcome.error?.httpStatus).toBe(400)
    const text = JSON.stringify(outcome)
    expect(text).not.toContain(apiKey)
    expect(text).not.toContain(authorization.slice('Basic '.length))
  })

  it('fails refused credentials without retrying', async () => {
    nock('https://track.customer.io').put('/api/v1/customers/u_83712').once().reply(401, 'Unauthorized')
    const instance = new Destination(definition).configure({
      settings,
      mappings: [{ id: 'identify', actionId: 'createUpdatePerson' }],
      retry
    })
    const [outcome] = await instance.deliver(identify())
    expect(outcome.status).toBe('failed')
    expect(outcome.attempts).toBe(1)
    expect(JSON.stringify(outcome)).not.toContain(apiKey)
  })

  it('is retryable on 429 with the Retry-After delay', async () => {
    nock('https://track.customer.io')
      .put('/api/v1/customers/u_83712')
      .times(2)
      .reply(429, 'Too Many Requests', { 'Retry-After': '60' })
    const instance = new Destination(definition).configure({
      settings,
      mappings: [{ id: 'identify', actionId: 'createUpdatePerson' }],
      retry
    })
    const [outcome] = await instance.deliver(identify())
    expect(outcome.status).toBe('retryable')
    expect(outcome.error?.retryAfterMs).toBe(60_000)
    expect(JSON.stringify(outcome)).not.toContain(apiKey)
  })
})

describe('createUpdatePerson batches', () => {
  const instance = (mapping: Record<string, unknown> = {}) =>
    new Destination(definition).configure({
      settings,
      mappings: [
        {
          id: 'identify',
          actionId: 'createUpdatePerson',
          mapping: { ...definition.presets![0].mapping, ...mapping } as any
        }
      ],
      retry
    })

  const people = (count: number) =>
    Array.from({ length: count }, (_, i) =>
      identify({ userId: `user-${i}`, traits: { email: `person${i}@example.com`, plan: 'basic' } })
    )

  it('sends people to the v2 batch endpoint, one identifier each', async () => {
    const expected = {
      batch: [0, 1].map((i) => ({
        type: 'person',
        identifiers: { id: `user-${i}` },
        action: 'identify',
        timestamp: 1793370011,
        attributes: {
          email: `person${i}@example.com`,
          plan: 'basic',
          anonymous_id: '5b1c0a7e-3d9f-4c3a-9a52-5f1d2e8b7c64'
        }
      }))
    }
    const scope = nock('https://track.customer.io', { reqheaders: { authorization } })
      .post('/api/v2/batch', expected)
      .reply(200, {})

    const outcomes = await instance().deliverBatch(people(2))

    expect(scope.isDone()).toBe(true)
    expect(outcomes.map((o) => o.status)).toEqual(['delivered', 'delivered'])
  })

  it('identifies a person by email when the ID is missing', async () => {
    let body: any
    nock('https://track.customer.io')
      .post('/api/v2/batch', (b) => ((body = b), true))
      .reply(200, {})
    await instance().deliverBatch([identify({ userId: undefined })])
    expect(body.batch[0].identifiers).toEqual({ email: 'ada.lovelace@example.com' })
  })

  it('maps the entries a 207 rejects by batch_index and accepts the rest', async () => {
    nock('https://track.customer.io')
      .post('/api/v2/batch')
      .reply(207, {
        errors: [{ batch_index: 1, reason: 'invalid', field: 'identifiers.id', message: 'id is too long' }]
      })

    const outcomes = await instance().deliverBatch(people(3))

    expect(outcomes.map((o) => [o.eventIndex, o.status])).toEqual([
      [0, 'delivered'],
      [1, 'failed'],
      [2, 'delivered']
    ])
    expect(outcomes[1].error).toMatchObject({
      code: 'ENTRY_REJECTED',
      httpStatus: 400,
      message: "Customer.io rejected this entry: 'identifiers.id': id is too long."
    })
  })

  it('honours the batch size', async () => {
    const sizes: number[] = []
    nock('https://track.customer.io')
      .post('/api/v2/batch', (b) => (sizes.push(b.batch.length), true))
      .times(3)
      .reply(200, {})
    const outcomes = await instance({ batch_size: 2 }).deliverBatch(people(5))
    expect(sizes).toEqual([2, 2, 1])
    expect(outcomes.every((o) => o.status === 'delivered')).toBe(true)
  })

  it('gives a person without identifiers its own failure and sends the others', async () => {
    let body: any
    nock('https://track.customer.io')
      .post('/api/v2/batch', (b) => ((body = b), true))
      .reply(200, {})
    const input = [...people(1), identify({ userId: undefined, traits: { plan: 'free' } })]
    const outcomes = await instance().deliverBatch(input)
    expect(body.batch).toHaveLength(1)
    expect(outcomes.map((o) => o.status)).toEqual(['delivered', 'failed'])
    expect(outcomes[1].error?.message).toBe('Either the person ID or the email is required.')
  })

  it('keeps each request under 500 KB and rejects an entry over 32 KB', async () => {
    const note = 'x'.repeat(30_000)
    const input = Array.from({ length: 20 }, (_, i) => identify({ userId: `user-${i}`, traits: { note } }))
    input.push(identify({ userId: 'too-big', traits: { note: note + note } }))
    const batches: string[][] = []
    nock('https://track.customer.io')
      .post('/api/v2/batch', (b) => {
        batches.push(b.batch.map((e: any) => e.identifiers.id))
        return JSON.stringify(b).length < 500_000
      })
      .times(2)
      .reply(200, {})

    const outcomes = await instance().deliverBatch(input)

    expect(batches.map((b) => b.length)).toEqual([16, 4])
    expect(outcomes.slice(0, 20).every((o) => o.status === 'delivered')).toBe(true)
    expect(outcomes[20].status).toBe('failed')
    expect(outcomes[20].error?.message).toBe(
      'The entry is larger than the 32 KB Customer.io accepts per batch entry.'
    )
  })

  it('fails the whole batch on a 400 without retrying', async () => {
    const scope = nock('https://track.customer.io')
      .post('/api/v2/batch')
      .once()
      .reply(400, { errors: [{ reason: 'invalid', field: 'batch', message: 'malformed' }] })
    const outcomes = await instance().deliverBatch(people(2))
    expect(scope.isDone()).toBe(true)
    expect(outcomes.map((o) => [o.status, o.attempts])).toEqual([
      ['failed', 1],
      ['failed', 1]
    ])
  })

  it('makes the whole batch retryable on a 5xx', async () => {
    nock('https://track.customer.io').post('/api/v2/batch').times(2).reply(503, 'unavailable')
    const outcomes = await instance().deliverBatch(people(2))
    expect(outcomes.map((o) => o.status)).toEqual(['retryable', 'retryable'])
    expect(JSON.stringify(outcomes)).not.toContain(apiKey)
  })
})
