import { createHmac } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import nock from 'nock'
import { Destination, createTestIntegration, type JSONObject } from '@destkit/core'
import definition from '../index.js'
import { orderEvent, trackEvent } from './events.js'

// A public address literal, so the redirect test needs no DNS (nock answers it).
const PUBLIC = 'http://93.184.216.34'
const sharedSecret = 'whsec_private_net_7Hk2'

const destination = new Destination(definition)
const mappingWith = (fields: JSONObject): JSONObject => ({
  ...destination.actions.send.defaultMapping,
  ...fields
})

/** A real endpoint on the loopback interface: what the guard must keep requests away from. */
let server: Server
let port: number
let received: Array<{
  method?: string
  url?: string
  headers: IncomingHttpHeaders
  rawHeaders: string[]
  body: string
}>

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      received.push({
        method: request.method,
        url: request.url,
        headers: request.headers,
        rawHeaders: request.rawHeaders,
        body: Buffer.concat(chunks).toString('utf8')
      })
      response.setHeader('content-type', 'application/json')
      response.end('{"ok":true}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  nock.enableNetConnect()
})

beforeEach(() => {
  received = []
  nock.disableNetConnect()
  // The loopback server, by address or by name (a name is refused where it is resolved).
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/)
})

afterEach(() => {
  nock.cleanAll()
})

const configure = (settings: Record<string, unknown>, url: string) =>
  destination.configure({
    settings,
    // Batching on, so that deliverBatch goes through performBatch.
    mappings: [{ id: 'hook', actionId: 'send', mapping: mappingWith({ url, enable_batching: true }) }],
    retry: { retries: 1, minTimeout: 1, maxTimeout: 5 }
  })

describe('the SSRF guard (allowPrivateNetworks off, the default)', () => {
  it.each([
    ['loopback 127.0.0.1 (the real server)', () => `http://127.0.0.1:${port}/hook`],
    ['link-local 169.254.169.254 (cloud metadata)', () => 'http://169.254.169.254/latest/meta-data/'],
    ['IPv6 loopback [::1]', () => 'http://[::1]/'],
    ['private 10.0.0.8', () => 'http://10.0.0.8:8080/internal'],
    ['localhost, which resolves to loopback', () => `http://localhost:${port}/hook`]
  ])('refuses %s without sending anything, for good', async (_name, url) => {
    const [outcome] = await configure({ sharedSecret }, url()).deliver(trackEvent)
    expect(outcome.status).toBe('failed')
    expect(outcome.attempts).toBe(1)
    expect(outcome.error).toMatchObject({ code: 'PRIVATE_NETWORK_REFUSED', retryable: false })
    expect(outcome.error?.message).toContain('Allow private networks')
    expect(received).toHaveLength(0)
    expect(JSON.stringify(outcome)).not.toContain(sharedSecret)
  })

  it('is on when allowPrivateNetworks is explicitly false', async () => {
    const [outcome] = await configure(
      { allowPrivateNetworks: false },
      `http://127.0.0.1:${port}/hook`
    ).deliver(trackEvent)
    expect(outcome.error?.code).toBe('PRIVATE_NETWORK_REFUSED')
    expect(received).toHaveLength(0)
  })

  it('refuses a redirect from a public host to a private address', async () => {
    const scope = nock(PUBLIC)
      .post('/hook')
      .reply(307, '', { location: `http://127.0.0.1:${port}/internal` })
    const [outcome] = await configure({ sharedSecret }, `${PUBLIC}/hook`).deliver(trackEvent)
    expect(scope.isDone()).toBe(true)
    expect(outcome.status).toBe('failed')
    expect(outcome.error?.code).toBe('PRIVATE_NETWORK_REFUSED')
    expect(received).toHaveLength(0)
  })

  it('refuses a batch to a private address', async () => {
    const outcomes = await configure({}, `http://127.0.0.1:${port}/batch`).deliverBatch([
      orderEvent(1),
      orderEvent(2)
    ])
    expect(outcomes.map((outcome) => [outcome.status, outcome.error?.code])).toEqual([
      ['failed', 'PRIVATE_NETWORK_REFUSED'],
      ['failed', 'PRIVATE_NETWORK_REFUSED']
    ])
    expect(received).toHaveLength(0)
  })

  it('applies in the test kit too', async () => {
    await expect(
      createTestIntegration(definition).testAction('send', {
        event: trackEvent,
        mapping: { url: `http://127.0.0.1:${port}/hook` },
        useDefaultMappings: true
      })
    ).rejects.toMatchObject({ code: 'PRIVATE_NETWORK_REFUSED' })
    expect(received).toHaveLength(0)
  })
})

describe('allowPrivateNetworks: true (self-hosted endpoints)', () => {
  it('delivers to a loopback endpoint, signed so that the receiver can verify the raw body', async () => {
    const url = `http://127.0.0.1:${port}/hook?team=growth`
    const instance = destination.configure({
      settings: { sharedSecret, allowPrivateNetworks: true },
      mappings: [
        {
          id: 'hook',
          actionId: 'send',
          mapping: mappingWith({
            url,
            method: 'PUT',
            headers: { 'X-Signature': 'forged', 'X-Team': 'growth' }
          })
        }
      ],
      retry: false
    })

    const [outcome] = await instance.deliver(trackEvent)

    expect(outcome.status).toBe('delivered')
    expect(received).toHaveLength(1)
    const [request] = received
    expect(request.method).toBe('PUT')
    expect(request.url).toBe('/hook?team=growth')
    expect(request.body).toBe(JSON.stringify(trackEvent))
    expect(request.headers['content-type']).toBe('application/json')
    expect(request.headers['x-team']).toBe('growth')
    // What a receiver does: HMAC-SHA1 of the raw bytes it got, keyed with the shared secret.
    const expected = createHmac('sha1', sharedSecret).update(Buffer.from(request.body, 'utf8')).digest('hex')
    expect(request.headers['x-signature']).toBe(expected)
    expect(request.rawHeaders.filter((name) => name.toLowerCase() === 'x-signature')).toHaveLength(1)
  })

  it('delivers a batch to a loopback endpoint as a signed JSON array', async () => {
    const events = [orderEvent(1), orderEvent(2)]
    const outcomes = await configure(
      { sharedSecret, allowPrivateNetworks: true },
      `http://127.0.0.1:${port}/batch`
    ).deliverBatch(events)
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['delivered', 'delivered'])
    expect(received).toHaveLength(1)
    expect(received[0].body).toBe(JSON.stringify(events))
    expect(received[0].headers['x-signature']).toBe(
      createHmac('sha1', sharedSecret).update(received[0].body).digest('hex')
    )
  })

  it('follows a redirect from a public host to the private endpoint', async () => {
    const scope = nock(PUBLIC)
      .post('/hook')
      .reply(307, '', { location: `http://127.0.0.1:${port}/internal` })
    const [outcome] = await configure({ allowPrivateNetworks: true }, `${PUBLIC}/hook`).deliver(trackEvent)
    expect(scope.isDone()).toBe(true)
    expect(outcome.status).toBe('delivered')
    expect(received.map((request) => [request.method, request.url])).toEqual([['POST', '/internal']])
    expect(received[0].body).toBe(JSON.stringify(trackEvent))
  })
})
