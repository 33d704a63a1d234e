import { createHmac } from 'node:crypto'
import nock from 'nock'
import { Destination, createTestEvent, createTestIntegration, type JSONObject } from '@destkit/core'
import definition from '../index.js'
import { orderEvent, trackEvent } from './events.js'

// Public address literals: the SSRF guard needs no DNS for them, and nock answers them.
const HOOK = 'http://93.184.216.34'
const OTHER_HOOK = 'http://93.184.216.35'
const sharedSecret = 'whsec_5pQ9zL2mX7vR4tK8'
const hmac = (body: string, secret = sharedSecret) => createHmac('sha1', secret).update(body).digest('hex')

const testDestination = createTestIntegration(definition)
const destination = new Destination(definition)
const fastRetry = { retries: 1, minTimeout: 1, maxTimeout: 5 }

/** The default mapping plus the URL (and any other fields given). */
const mappingWith = (fields: JSONObject): JSONObject => ({
  ...destination.actions.send.defaultMapping,
  ...fields
})

/** The same with batching turned on (it is off by default: see the send action). */
const batchMappingWith = (fields: JSONObject): JSONObject => mappingWith({ enable_batching: true, ...fields })

beforeEach(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
})
afterAll(() => nock.enableNetConnect())

describe('send', () => {
  it('POSTs the whole event as JSON, signed with X-Signature over the exact body', async () => {
    let headers: Record<string, string | string[] | undefined> = {}
    let received: unknown
    const scope = nock(HOOK)
      .post('/hooks/segment?source=web', (body) => ((received = body), true))
      .reply(function () {
        headers = this.req.headers
        return [200, { received: true }]
      })
    const instance = destination.configure({
      settings: { sharedSecret },
      mappings: [
        { id: 'hook', actionId: 'send', mapping: mappingWith({ url: `${HOOK}/hooks/segment?source=web` }) }
      ],
      retry: false
    })

    const [outcome] = await instance.deliver(trackEvent)

    expect(scope.isDone()).toBe(true)
    expect(outcome.status).toBe('delivered')
    expect(outcome.request).toMatchObject({ method: 'POST', url: `${HOOK}/hooks/segment?source=web` })
    expect(received).toEqual(trackEvent)
    const body = JSON.stringify(trackEvent)
    expect(outcome.request?.body).toBe(body)
    expect(headers['content-type']).toBe('application/json')
    expect(headers['content-length']).toBe(String(Buffer.byteLength(body)))
    expect(headers['x-signature']).toBe(hmac(body))
  })

  it('shows the exact request through the test kit (options.body, request.text())', async () => {
    nock(HOOK).post('/in').reply(200, { received: true })
    const responses = await testDestination.testAction('send', {
      event: trackEvent,
      settings: { sharedSecret },
      mapping: { url: `${HOOK}/in` },
      useDefaultMappings: true
    })
    const sent = await responses[0].request.text()
    expect(responses[0].request.method).toBe('POST')
    expect(responses[0].request.url).toBe(`${HOOK}/in`)
    expect(JSON.parse(sent)).toMatchObject(trackEvent)
    expect(responses[0].options.body).toBe(sent)
    expect(responses[0].request.headers.get('content-type')).toBe('application/json')
    expect(responses[0].request.headers.get('x-signature')).toBe(hmac(sent))
    expect(responses[0].data).toEqual({ received: true })
  })

  it('sends the mapped data with the chosen method and the mapping’s headers', async () => {
    const scope = nock(HOOK, {
      reqheaders: {
        authorization: 'Bearer team-token-123',
        'x-team': 'growth',
        'x-attempt': '1',
        'content-type': 'application/json',
        'x-signature': (value) => value === hmac('{"name":"Order Completed","user":"u_83712","total":125.49}')
      }
    })
      .put('/orders/ORD-50314', { name: 'Order Completed', user: 'u_83712', total: 125.49 })
      .reply(204)

    const responses = await testDestination.testAction('send', {
      event: trackEvent,
      settings: { sharedSecret },
      mapping: {
        url: { '@template': `${HOOK}/orders/{{properties.order_id}}` },
        method: 'PUT',
        headers: { Authorization: 'Bearer team-token-123', 'X-Team': 'growth', 'X-Attempt': 1 },
        data: {
          name: { '@path': '$.event' },
          user: { '@path': '$.userId' },
          total: { '@path': '$.properties.revenue' }
        }
      }
    })

    expect(scope.isDone()).toBe(true)
    expect(responses[0].status).toBe(204)
    expect(responses[0].request.method).toBe('PUT')
  })

  it('supports PATCH', async () => {
    const scope = nock(HOOK).patch('/users/u_83712', { plan: 'pro' }).reply(200, {})
    await testDestination.testAction('send', {
      event: createTestEvent({ userId: 'u_83712', properties: { plan: 'pro' } }),
      mapping: {
        url: { '@template': `${HOOK}/users/{{userId}}` },
        method: 'PATCH',
        data: { '@path': '$.properties' }
      }
    })
    expect(scope.isDone()).toBe(true)
  })

  it('sends no X-Signature without a shared secret (nor with an empty one)', async () => {
    for (const settings of [{}, { sharedSecret: '' }]) {
      let headers: Record<string, unknown> = {}
      nock(HOOK)
        .post('/in')
        .reply(function () {
          headers = this.req.headers
          return [200, {}]
        })
      const responses = await testDestination.testAction('send', {
        event: trackEvent,
        settings,
        mapping: { url: `${HOOK}/in` },
        useDefaultMappings: true
      })
      expect(headers).not.toHaveProperty('x-signature')
      expect(responses[0].request.headers.get('x-signature')).toBeNull()
      expect(headers['content-type']).toBe('application/json')
    }
  })

  it('never lets a mapped header replace the signature or the body-derived headers', async () => {
    let headers: Record<string, unknown> = {}
    nock(HOOK)
      .post('/in')
      .reply(function () {
        headers = this.req.headers
        return [200, {}]
      })
    const responses = await testDestination.testAction('send', {
      event: trackEvent,
      settings: { sharedSecret },
      mapping: mappingWith({
        url: `${HOOK}/in`,
        headers: {
          'X-Signature': 'forged',
          'x-SIGNATURE': 'forged-too',
          'Content-Length': '2',
          'X-Ok': 'yes'
        }
      })
    })
    const sent = await responses[0].request.text()
    expect(headers['x-signature']).toBe(hmac(sent))
    expect(responses[0].request.headers.get('x-signature')).toBe(hmac(sent))
    expect(headers['content-length']).toBe(String(Buffer.byteLength(sent)))
    expect(headers['x-ok']).toBe('yes')
  })

  it('lets the mapping choose another JSON content type', async () => {
    const scope = nock(HOOK, { reqheaders: { 'content-type': 'application/cloudevents+json' } })
      .post('/in')
      .reply(200, {})
    await testDestination.testAction('send', {
      event: trackEvent,
      mapping: mappingWith({ url: `${HOOK}/in`, headers: { 'Content-Type': 'application/cloudevents+json' } })
    })
    expect(scope.isDone()).toBe(true)
  })

  it('sends an empty JSON object when the data maps to nothing', async () => {
    const scope = nock(HOOK).post('/in', {}).reply(200, {})
    const responses = await testDestination.testAction('send', {
      event: trackEvent,
      mapping: { url: `${HOOK}/in`, data: { '@path': '$.properties.missing' } }
    })
    expect(scope.isDone()).toBe(true)
    expect(await responses[0].request.text()).toBe('{}')
  })

  it('refuses a header that is not a string, or not a valid header, without sending or quoting its value', async () => {
    const instance = destination.configure({
      settings: { sharedSecret },
      mappings: [
        {
          id: 'object',
          actionId: 'send',
          mapping: mappingWith({ url: `${HOOK}/in`, headers: { 'X-Obj': { a: 1 } } })
        },
        {
          id: 'crlf',
          actionId: 'send',
          mapping: mappingWith({ url: `${HOOK}/in`, headers: { 'X-Token': 'tok_12345\r\nX-Evil: 1' } })
        },
        {
          id: 'name',
          actionId: 'send',
          mapping: mappingWith({ url: `${HOOK}/in`, headers: { 'Bad Name': 'x' } })
        }
      ],
      retry: false
    })
    const outcomes = await instance.deliver(trackEvent)
    expect(outcomes.map((outcome) => [outcome.status, outcome.error?.code, outcome.attempts])).toEqual([
      ['failed', 'PAYLOAD_VALIDATION_FAILED', 1],
      ['failed', 'PAYLOAD_VALIDATION_FAILED', 1],
      ['failed', 'PAYLOAD_VALIDATION_FAILED', 1]
    ])
    expect(outcomes.map((outcome) => outcome.error?.message)).toEqual([
      "The header 'X-Obj' must be a string but it was an object.",
      "The value of the header 'X-Token' is not a valid header value.",
      "'Bad Name' is not a valid header name."
    ])
    expect(outcomes.map((outcome) => outcome.error?.message).join(' ')).not.toContain('tok_12345')
  })

  it('refuses a URL that is not http or https', async () => {
    const instance = destination.configure({
      settings: { allowPrivateNetworks: true },
      mappings: [
        { id: 'ftp', actionId: 'send', mapping: mappingWith({ url: 'ftp://files.example.com/in' }) }
      ],
      retry: false
    })
    const [outcome] = await instance.deliver(trackEvent)
    expect(outcome.status).toBe('failed')
    expect(outcome.error).toMatchObject({
      code: 'PAYLOAD_VALIDATION_FAILED',
      message: 'The URL must use http or https, not "ftp".'
    })
  })

  it('reports a missing or malformed URL as an invalid payload', async () => {
    const instance = destination.configure({
      settings: {},
      mappings: [
        { id: 'missing', actionId: 'send', mapping: mappingWith({ url: { '@path': '$.properties.hook' } }) },
        { id: 'malformed', actionId: 'send', mapping: mappingWith({ url: 'not a url' }) }
      ],
      retry: false
    })
    const outcomes = await instance.deliver(trackEvent)
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['invalid', 'invalid'])
    expect(outcomes[0].error?.message).toBe("The root value is missing the required field 'url'.")
    expect(outcomes[1].error?.message).toBe('URL must be a valid URI string but it was not.')
  })
})

describe('errors', () => {
  const configure = (retry: typeof fastRetry | false = fastRetry) =>
    destination.configure({
      settings: { sharedSecret },
      mappings: [{ id: 'hook', actionId: 'send', mapping: mappingWith({ url: `${HOOK}/in` }) }],
      retry
    })

  it('fails a 4xx for good, without retrying and without the shared secret in the outcome', async () => {
    const scope = nock(HOOK)
      .post('/in')
      .once()
      .reply(400, { error: `bad signature for ${sharedSecret}` })
    const [outcome] = await configure().deliver(trackEvent)
    expect(scope.isDone()).toBe(true)
    expect(outcome.status).toBe('failed')
    expect(outcome.attempts).toBe(1)
    expect(outcome.error).toMatchObject({ code: 'BAD_REQUEST', retryable: false, httpStatus: 400 })
    expect(JSON.stringify(outcome)).not.toContain(sharedSecret)
  })

  it('retries a 5xx in process, then reports it retryable', async () => {
    const scope = nock(HOOK).post('/in').times(2).reply(503, 'down for maintenance')
    const [outcome] = await configure().deliver(trackEvent)
    expect(scope.isDone()).toBe(true)
    expect(outcome.status).toBe('retryable')
    expect(outcome.attempts).toBe(2)
    expect(outcome.error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true, httpStatus: 503 })
  })

  it('reports a 429 retryable with the Retry-After delay', async () => {
    const scope = nock(HOOK).post('/in').reply(429, { error: 'slow down' }, { 'Retry-After': '120' })
    const [outcome] = await configure(false).deliver(trackEvent)
    expect(scope.isDone()).toBe(true)
    expect(outcome.status).toBe('retryable')
    expect(outcome.attempts).toBe(1)
    expect(outcome.error).toMatchObject({ code: 'TOO_MANY_REQUESTS', retryable: true, retryAfterMs: 120_000 })
  })

  it('keeps the shared secret out of a delivered outcome too (the signature is not the secret)', async () => {
    nock(HOOK).post('/in').reply(200, { ok: true })
    const [outcome] = await configure().deliver(trackEvent)
    expect(outcome.status).toBe('delivered')
    expect(outcome.request?.headers).toHaveProperty('x-signature')
    expect(JSON.stringify(outcome)).not.toContain(sharedSecret)
  })
})

describe('performBatch', () => {
  it('is not used while batching is off (the default): one request per event', async () => {
    const bodies: unknown[] = []
    const scope = nock(HOOK)
      .post('/in', (body) => (bodies.push(body), true))
      .times(2)
      .reply(200, {})
    const instance = destination.configure({
      settings: {},
      mappings: [
        {
          id: 'hook',
          actionId: 'send',
          mapping: mappingWith({ url: `${HOOK}/in`, data: { n: { '@path': '$.properties.order_id' } } })
        }
      ],
      retry: false
    })
    const outcomes = await instance.deliverBatch([orderEvent(1), orderEvent(2)])
    expect(scope.isDone()).toBe(true)
    expect(bodies).toEqual([{ n: 'ORD-1' }, { n: 'ORD-2' }])
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['delivered', 'delivered'])
  })

  it('sends one request whose body is the JSON array of the events’ data, signed', async () => {
    const events = [orderEvent(1), orderEvent(2), orderEvent(3)]
    let headers: Record<string, unknown> = {}
    let received: unknown
    const scope = nock(HOOK)
      .post('/batch', (body) => ((received = body), true))
      .reply(function () {
        headers = this.req.headers
        return [200, { accepted: 3 }]
      })
    const instance = destination.configure({
      settings: { sharedSecret },
      mappings: [
        {
          id: 'batch',
          actionId: 'send',
          mapping: batchMappingWith({ url: `${HOOK}/batch`, headers: { Authorization: 'Bearer b-1' } })
        }
      ],
      retry: false
    })

    const outcomes = await instance.deliverBatch(events)

    expect(scope.isDone()).toBe(true)
    expect(outcomes.map((outcome) => [outcome.eventIndex, outcome.status])).toEqual([
      [0, 'delivered'],
      [1, 'delivered'],
      [2, 'delivered']
    ])
    const body = JSON.stringify(events)
    expect(received).toEqual(events)
    expect(headers['x-signature']).toBe(hmac(body))
    expect(headers['content-length']).toBe(String(Buffer.byteLength(body)))
    expect(headers['content-type']).toBe('application/json')
    expect(headers.authorization).toBe('Bearer b-1')
  })

  it('shows the batch request through the test kit', async () => {
    nock(HOOK).post('/batch').reply(200, {})
    const responses = await testDestination.testBatchAction('send', {
      events: [orderEvent(1), orderEvent(2)],
      settings: { sharedSecret },
      mapping: { url: `${HOOK}/batch` },
      useDefaultMappings: true
    })
    expect(responses).toHaveLength(1)
    const sent = await responses[0].request.text()
    expect(JSON.parse(sent)).toMatchObject([orderEvent(1), orderEvent(2)])
    expect(responses[0].request.headers.get('x-signature')).toBe(hmac(sent))
  })

  it('sends the mapped data of each event, with the chosen method', async () => {
    const scope = nock(HOOK)
      .patch('/orders', [{ id: 'ORD-1' }, { id: 'ORD-2' }])
      .reply(200, {})
    await testDestination.testBatchAction('send', {
      events: [orderEvent(1), orderEvent(2)],
      mapping: { url: `${HOOK}/orders`, method: 'PATCH', data: { id: { '@path': '$.properties.order_id' } } }
    })
    expect(scope.isDone()).toBe(true)
  })

  it('never mixes URLs, methods or headers in one request (batch_keys), and honours batch_size', async () => {
    const bodies: Record<string, string[][]> = {}
    const record = (key: string) =>
      function (this: unknown, _uri: string, body: unknown) {
        ;(bodies[key] ??= []).push((body as Array<{ messageId: string }>).map((event) => event.messageId))
        return [200, {}] as [number, object]
      }
    nock(HOOK).post('/a').times(2).reply(record('POST /a'))
    nock(HOOK).put('/a').reply(record('PUT /a'))
    nock(OTHER_HOOK).post('/b').reply(record('POST /b'))
    nock(HOOK, { reqheaders: { 'x-tenant': 't2' } })
      .post('/a')
      .reply(record('POST /a t2'))

    const instance = destination.configure({
      settings: {},
      mappings: [
        {
          id: 'batched',
          actionId: 'send',
          mapping: batchMappingWith({
            url: { '@path': '$.properties.hook' },
            method: { '@path': '$.properties.method' },
            headers: { 'X-Tenant': { '@path': '$.properties.tenant' } },
            batch_size: 2
          })
        }
      ],
      retry: false
    })
    const events = [
      orderEvent(0, { hook: `${HOOK}/a`, method: 'POST' }),
      orderEvent(1, { hook: `${OTHER_HOOK}/b`, method: 'POST' }),
      orderEvent(2, { hook: `${HOOK}/a`, method: 'POST' }),
      orderEvent(3, { hook: `${HOOK}/a`, method: 'PUT' }),
      orderEvent(4, { hook: `${HOOK}/a`, method: 'POST' }),
      orderEvent(5, { hook: `${HOOK}/a`, method: 'POST', tenant: 't2' })
    ]
    const outcomes = await instance.deliverBatch(events)
    expect(outcomes.map((outcome) => outcome.status)).toEqual(Array(6).fill('delivered'))
    expect(bodies).toEqual({
      'POST /a': [['msg-0', 'msg-2'], ['msg-4']],
      'POST /b': [['msg-1']],
      'PUT /a': [['msg-3']],
      'POST /a t2': [['msg-5']]
    })
    expect(nock.isDone()).toBe(true)
  })

  it('splits by target itself when a mapping leaves batch_keys out, with each event’s own result', async () => {
    nock(HOOK)
      .post('/a', (body) => body.length === 2)
      .reply(200, {})
    nock(OTHER_HOOK).post('/b').reply(503, 'busy')
    const instance = destination.configure({
      settings: {},
      // A hand-written mapping: no batch_keys, so the runtime may hand both URLs to one performBatch.
      mappings: [{ id: 'bare', actionId: 'send', mapping: { url: { '@path': '$.properties.hook' } } }],
      retry: false
    })
    const outcomes = await instance.deliverBatch([
      orderEvent(0, { hook: `${HOOK}/a` }),
      orderEvent(1, { hook: `${OTHER_HOOK}/b` }),
      orderEvent(2, { hook: `${HOOK}/a` })
    ])
    expect(nock.isDone()).toBe(true)
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['delivered', 'retryable', 'delivered'])
    expect(outcomes[1].error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', httpStatus: 503, retryable: true })
  })

  it('fails every event of a batch on a 4xx, without retrying', async () => {
    const scope = nock(HOOK).post('/batch').once().reply(413, 'too large')
    const instance = destination.configure({
      settings: { sharedSecret },
      mappings: [{ id: 'b', actionId: 'send', mapping: batchMappingWith({ url: `${HOOK}/batch` }) }],
      retry: fastRetry
    })
    const outcomes = await instance.deliverBatch([orderEvent(1), orderEvent(2)])
    expect(scope.isDone()).toBe(true)
    expect(outcomes.map((outcome) => [outcome.status, outcome.attempts, outcome.error?.code])).toEqual([
      ['failed', 1, 'PAYLOAD_TOO_LARGE'],
      ['failed', 1, 'PAYLOAD_TOO_LARGE']
    ])
    expect(JSON.stringify(outcomes)).not.toContain(sharedSecret)
  })

  it('makes every event of a batch retryable on a 429, with the Retry-After delay', async () => {
    nock(HOOK).post('/batch').reply(429, {}, { 'Retry-After': '30' })
    const instance = destination.configure({
      settings: {},
      mappings: [{ id: 'b', actionId: 'send', mapping: batchMappingWith({ url: `${HOOK}/batch` }) }],
      retry: false
    })
    const outcomes = await instance.deliverBatch([orderEvent(1), orderEvent(2)])
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['retryable', 'retryable'])
    expect(outcomes[0].error).toMatchObject({ code: 'TOO_MANY_REQUESTS', retryAfterMs: 30_000 })
  })

  it('defaults batch_size to 1000 and refuses more than 4000', async () => {
    expect(destination.actions.send.defaultMapping).toMatchObject({
      batch_size: 1000,
      batch_keys: ['url', 'method', 'headers'],
      enable_batching: false
    })
    const instance = destination.configure({
      settings: {},
      mappings: [
        { id: 'b', actionId: 'send', mapping: batchMappingWith({ url: `${HOOK}/batch`, batch_size: 5000 }) }
      ],
      retry: false
    })
    const outcomes = await instance.deliverBatch([orderEvent(1)])
    expect(outcomes[0].status).toBe('invalid')
    expect(outcomes[0].error?.message).toContain('Batch Size')
  })
})
