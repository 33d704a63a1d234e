/**
 * Behaviour that needs a real socket: timeouts, resets, slow bodies, refused
 * connections and aborts in flight. The server listens on 127.0.0.1 on an
 * ephemeral port; no test depends on how long anything takes. nock is not
 * loaded here: its interceptor wraps real sockets too, and reports a timeout
 * that destroys a half-read response as an unhandled rejection.
 */
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { NetworkError, RequestAbortedError, RequestTimeoutError } from '../../errors/http-errors.js'
import { classifyError } from '../classify-error.js'
import { createRequestClient } from '../create-request-client.js'

let server: http.Server
let base: string
const sockets = new Set<Socket>()
/** Requests the server is holding open, released in afterEach. */
const held: http.ServerResponse[] = []

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    switch (path) {
      case '/hang':
        // Never answers until the test ends.
        held.push(res)
        return
      case '/slow-body':
        // Headers at once, then the body never completes.
        res.writeHead(200, { 'content-type': 'application/json' })
        res.write('{"partial":')
        held.push(res)
        return
      case '/reset':
        req.socket.destroy()
        return
      case '/reset-mid-body':
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '100' })
        res.write('only part of it', () => req.socket.destroy())
        return
      case '/redirect-out':
        res.writeHead(302, { location: 'http://10.0.0.1/internal' })
        res.end()
        return
      default: {
        let body = ''
        req.setEncoding('utf8')
        req.on('data', (chunk: string) => (body += chunk))
        req.on('end', () => {
          res.writeHead(200, { 'content-type': 'application/json' })
          res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body }))
        })
      }
    }
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterEach(() => {
  for (const res of held.splice(0)) res.destroy()
})

afterAll(async () => {
  for (const socket of sockets) socket.destroy()
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

describe('request client against a real server', () => {
  it('sends exactly what it records', async () => {
    const response = await createRequestClient({ prefixUrl: base })('echo', {
      method: 'post',
      json: { hello: 'wörld' },
      headers: { 'x-test': '1' },
      searchParams: { a: 'b' }
    })
    const echoed = response.data as {
      method: string
      url: string
      headers: Record<string, string>
      body: string
    }
    expect(echoed.method).toBe('POST')
    expect(echoed.url).toBe('/echo?a=b')
    expect(echoed.headers['x-test']).toBe('1')
    expect(echoed.headers['user-agent']).toBe('destkit')
    expect(echoed.body).toBe(await response.request.text())
  })

  it('turns a server that never answers into RequestTimeoutError', async () => {
    const error = await createRequestClient()(`${base}/hang`, { timeout: 50 }).catch(
      (thrown: unknown) => thrown
    )
    expect(error).toBeInstanceOf(RequestTimeoutError)
    expect(error).toMatchObject({ code: 'REQUEST_TIMEOUT', status: 408, retryable: true })
    expect((error as Error).message).toBe(`The request to ${base}/hang timed out after 50 ms.`)
    expect(classifyError(error)).toMatchObject({
      status: 'retryable',
      code: 'REQUEST_TIMEOUT',
      httpStatus: 408
    })
  })

  it('applies the timeout to the whole request, including a body that never ends', async () => {
    const error = await createRequestClient()(`${base}/slow-body`, { timeout: 50 }).catch(
      (thrown: unknown) => thrown
    )
    expect(error).toBeInstanceOf(RequestTimeoutError)
  })

  it('keeps ECONNRESET on a NetworkError when the server drops the connection', async () => {
    const error = await createRequestClient()(`${base}/reset`).catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(NetworkError)
    expect(error).toMatchObject({ code: 'ECONNRESET', retryable: true })
    expect((error as Error).message).toBe(
      `The request to ${base}/reset failed: the connection was reset by the server (ECONNRESET).`
    )
    expect(classifyError(error)).toMatchObject({ status: 'retryable', code: 'ECONNRESET' })
  })

  it('reports a connection reset in the middle of the body as a retryable network error', async () => {
    const error = await createRequestClient()(`${base}/reset-mid-body`).catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(NetworkError)
    expect(error).toMatchObject({ code: 'ERR_HTTP_CONTENT_LENGTH_MISMATCH', retryable: true })
    expect(classifyError(error).status).toBe('retryable')
  })

  it('keeps ECONNREFUSED when nothing listens', async () => {
    const closed = http.createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const error = await createRequestClient()(`http://127.0.0.1:${port}/`).catch((thrown: unknown) => thrown)
    expect(error).toMatchObject({ name: 'NetworkError', code: 'ECONNREFUSED' })
    expect(classifyError(error)).toMatchObject({ status: 'retryable', code: 'ECONNREFUSED' })
  })

  it('stops a request in flight when its signal aborts', async () => {
    const controller = new AbortController()
    const pending = createRequestClient()(`${base}/hang`, { signal: controller.signal, timeout: 60_000 })
    // Abort once the server holds the request, so the abort really happens in flight.
    await vi.waitFor(() => expect(held.length).toBe(1))
    controller.abort()
    const error = await pending.catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(RequestAbortedError)
    expect(error).toMatchObject({ name: 'AbortError', code: 'ABORTED' })
    expect(classifyError(error)).toMatchObject({ status: 'retryable', code: 'ABORTED' })
  })

  it('lets beforeRedirect refuse a redirect to a private address', async () => {
    const seen: string[] = []
    const error = await createRequestClient()(`${base}/redirect-out`, {
      beforeRedirect: (url) => {
        seen.push(url.hostname)
        throw Object.assign(new Error('The URL points to a private address.'), { code: 'SSRF_BLOCKED' })
      }
    }).catch((thrown: unknown) => thrown)
    expect(seen).toEqual(['10.0.0.1'])
    expect(error).toMatchObject({ code: 'SSRF_BLOCKED' })
  })
})
