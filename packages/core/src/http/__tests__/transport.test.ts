/**
 * The `transport` request option: the request client hands the wire request to
 * it instead of the network, and reads its answer as a response. nock refuses
 * every connection here, so any request that reached the network would fail.
 */
import nock from 'nock'
import { HTTPError, NetworkError } from '../../errors/http-errors.js'
import { ErrorCodes } from '../../errors/error-codes.js'
import { classifyError } from '../classify-error.js'
import { createRequestClient } from '../create-request-client.js'
import { mergeRequestOptions } from '../merge-request-options.js'
import { readTransportResponse, type Transport, type TransportRequest } from '../transport.js'

beforeAll(() => nock.disableNetConnect())
afterAll(() => nock.enableNetConnect())

function recorder(answer: Awaited<ReturnType<Transport>> = { status: 200 }) {
  const sent: TransportRequest[] = []
  const transport: Transport = (request) => {
    sent.push(request)
    return answer
  }
  return { sent, transport }
}

describe('the transport option', () => {
  it('receives the request exactly as it would go over the wire', async () => {
    const { sent, transport } = recorder({
      status: 201,
      headers: { 'Content-Type': 'application/json' },
      body: '{"id":7}'
    })
    const request = createRequestClient({ transport, headers: { 'X-Api-Key': 'k' } })
    const response = await request('https://api.example.com/v1/track', {
      method: 'post',
      searchParams: { a: 'b c' },
      json: { event: 'Signed Up' },
      username: 'user',
      password: 'pw'
    })
    expect(sent).toEqual([
      {
        url: 'https://api.example.com/v1/track?a=b+c',
        method: 'POST',
        headers: {
          accept: '*/*',
          'user-agent': 'destkit',
          'content-type': 'application/json',
          'x-api-key': 'k',
          authorization: `Basic ${Buffer.from('user:pw').toString('base64')}`
        },
        body: '{"event":"Signed Up"}'
      }
    ])
    expect(response.status).toBe(201)
    expect(response.statusText).toBe('Created')
    expect(response.data).toEqual({ id: 7 })
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(response.url).toBe('https://api.example.com/v1/track?a=b+c')
    expect(await response.request.text()).toBe('{"event":"Signed Up"}')
  })

  it('answers a non-2xx as an HTTPError, after the afterResponse hooks saw it', async () => {
    const { transport } = recorder({ status: 429, headers: { 'retry-after': '30' }, body: 'slow down' })
    const seen: number[] = []
    const request = createRequestClient({
      transport,
      hooks: { afterResponse: [(response) => void seen.push(response.status)] }
    })
    const error = await request('https://api.example.com/x').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HTTPError)
    expect(seen).toEqual([429])
    expect(classifyError(error)).toMatchObject({ status: 'retryable', retryAfterMs: 30_000 })
  })

  it('reports what a transport throws as a network error keeping its code', async () => {
    const transport: Transport = () => {
      throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })
    }
    const error = await createRequestClient({ transport })('https://api.example.com/x').catch(
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(NetworkError)
    expect(classifyError(error).status).toBe('retryable')
  })

  it('refuses an answer without a valid status', async () => {
    const transport = (() => ({ status: 42 })) as Transport
    const error = await createRequestClient({ transport })('https://api.example.com/x').catch(
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(TypeError)
    expect((error as Error).message).toMatch(/valid HTTP status/)
  })

  it('keeps the SSRF guard for literal private addresses without resolving names', async () => {
    const { sent, transport } = recorder()
    const request = createRequestClient({ transport, blockPrivateNetworks: true })
    const refused = await request('http://169.254.169.254/latest').catch((e: unknown) => e)
    expect((refused as { code?: string }).code).toBe(ErrorCodes.PRIVATE_NETWORK_REFUSED)
    // A name is the transport's to resolve: nothing looks it up (nock would refuse a lookup's request too).
    await request('https://hooks.example.invalid/in')
    expect(sent.map((r) => r.url)).toEqual(['https://hooks.example.invalid/in'])
  })

  it('cannot be replaced or removed by a later option', () => {
    const first: Transport = () => ({ status: 200 })
    const second: Transport = () => ({ status: 500 })
    expect(mergeRequestOptions({ transport: first }, { transport: second }).transport).toBe(first)
    expect(mergeRequestOptions({ transport: first }, { transport: undefined }).transport).toBe(first)
    expect(mergeRequestOptions({}, { transport: second }).transport).toBe(second)
  })
})

describe('readTransportResponse', () => {
  it('reads bytes and text bodies, and defaults the URL and body', () => {
    const bytes = readTransportResponse({ status: 200, body: new Uint8Array([104, 105]) }, 'https://a.test/')
    expect(Buffer.from(bytes.body).toString()).toBe('hi')
    expect(readTransportResponse({ status: 204 }, 'https://a.test/')).toEqual({
      statusCode: 204,
      url: 'https://a.test/',
      headers: {},
      body: Buffer.from('')
    })
  })
})
