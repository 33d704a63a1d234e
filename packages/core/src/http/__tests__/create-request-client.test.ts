import nock from 'nock'
import { HTTPError } from '../../errors/http-errors.js'
import { createRequestClient } from '../create-request-client.js'
import type { ModifiedResponse, NormalizedRequestOptions } from '../types.js'

const API = 'https://api.example.com'

beforeAll(() => {
  nock.disableNetConnect()
  nock.enableNetConnect('127.0.0.1')
})

afterEach(() => {
  nock.cleanAll()
})

afterAll(() => {
  nock.enableNetConnect()
})

describe('createRequestClient: request options', () => {
  it('sends the method in any case', async () => {
    nock(API).patch('/items/1').reply(204)
    const response = await createRequestClient()(`${API}/items/1`, { method: 'patch' })
    expect(response.status).toBe(204)
    expect(response.request.method).toBe('PATCH')
    expect(response.options.method).toBe('PATCH')
  })

  it('defaults to GET', async () => {
    nock(API).get('/ping').reply(200, 'pong')
    const response = await createRequestClient()(`${API}/ping`)
    expect(response.content).toBe('pong')
    expect(response.request.method).toBe('GET')
  })

  it('sends headers', async () => {
    nock(API).get('/h').matchHeader('x-custom', 'yes').reply(200)
    const response = await createRequestClient()(`${API}/h`, { headers: { 'X-Custom': 'yes' } })
    expect(response.status).toBe(200)
    expect(response.request.headers.get('x-custom')).toBe('yes')
  })

  it('sends json with a JSON content type', async () => {
    let received: unknown
    nock(API)
      .post('/events', (body) => {
        received = body
        return true
      })
      .matchHeader('content-type', 'application/json')
      .reply(201, { id: 'evt_1' })
    const response = await createRequestClient()(`${API}/events`, {
      method: 'post',
      json: { name: 'Order Completed', total: 9.5 }
    })
    expect(received).toEqual({ name: 'Order Completed', total: 9.5 })
    expect(response.data).toEqual({ id: 'evt_1' })
  })

  it('keeps an explicit content type over the JSON default', async () => {
    nock(API).post('/vnd').matchHeader('content-type', 'application/vnd.api+json').reply(200)
    const response = await createRequestClient()(`${API}/vnd`, {
      method: 'post',
      json: { a: 1 },
      headers: { 'Content-Type': 'application/vnd.api+json' }
    })
    expect(response.request.headers.get('content-type')).toBe('application/vnd.api+json')
  })

  it('sends a form body', async () => {
    nock(API)
      .post('/form', 'a=1&b=two+words')
      .matchHeader('content-type', /application\/x-www-form-urlencoded/)
      .reply(200)
    const response = await createRequestClient()(`${API}/form`, {
      method: 'post',
      body: new URLSearchParams({ a: '1', b: 'two words' })
    })
    expect(await response.request.text()).toBe('a=1&b=two+words')
    expect(response.options.body).toBeInstanceOf(URLSearchParams)
  })

  it('sends a raw string body', async () => {
    nock(API).put('/raw', 'line one\nline two').reply(200)
    const response = await createRequestClient()(`${API}/raw`, { method: 'put', body: 'line one\nline two' })
    expect(await response.request.text()).toBe('line one\nline two')
  })

  it('sends searchParams from an object, skipping null and undefined', async () => {
    nock(API).get('/search').query({ q: 'shoes', limit: '10' }).reply(200)
    const response = await createRequestClient()(`${API}/search`, {
      searchParams: { q: 'shoes', limit: 10, cursor: null, page: undefined }
    })
    expect(response.request.url).toBe(`${API}/search?q=shoes&limit=10`)
  })

  it('sends searchParams from URLSearchParams and from a string', async () => {
    nock(API)
      .get('/s')
      .query({ a: ['1', '2'] })
      .reply(200)
    nock(API).get('/t').query({ x: 'y' }).reply(200)
    const request = createRequestClient()
    expect(
      (
        await request(`${API}/s`, {
          searchParams: new URLSearchParams([
            ['a', '1'],
            ['a', '2']
          ])
        })
      ).status
    ).toBe(200)
    expect((await request(`${API}/t`, { searchParams: 'x=y' })).status).toBe(200)
  })

  it('sends Basic auth from username and password', async () => {
    nock(API).get('/me').basicAuth({ user: 'api', pass: 's3cret' }).reply(200)
    const response = await createRequestClient({ username: 'api', password: 's3cret' })(`${API}/me`)
    expect(response.status).toBe(200)
    expect(response.request.headers.get('authorization')).toBe(
      `Basic ${Buffer.from('api:s3cret').toString('base64')}`
    )
  })

  it('resolves paths against prefixUrl', async () => {
    nock(API).get('/v2/users/42').reply(200, { id: 42 }, { 'content-type': 'application/json' })
    const request = createRequestClient({ prefixUrl: `${API}/v2` })
    const response = await request('users/42')
    expect(response.data).toEqual({ id: 42 })
    expect(response.url).toBe(`${API}/v2/users/42`)
  })

  it('follows redirects and calls beforeRedirect before each hop', async () => {
    nock(API)
      .get('/old')
      .reply(301, '', { location: `${API}/middle` })
    nock(API)
      .get('/middle')
      .reply(302, '', { location: `${API}/new` })
    nock(API).get('/new').reply(200, 'here')
    const hops: string[] = []
    const response = await createRequestClient()(`${API}/old`, {
      beforeRedirect: (url) => void hops.push(url.href)
    })
    expect(hops).toEqual([`${API}/middle`, `${API}/new`])
    expect(response.url).toBe(`${API}/new`)
    expect(response.content).toBe('here')
  })

  it('refuses a redirect when beforeRedirect throws, rethrowing its error', async () => {
    nock(API).get('/go').reply(302, '', { location: 'http://169.254.169.254/latest/meta-data' })
    const refusal = new Error('Redirects to private addresses are not allowed.')
    await expect(
      createRequestClient()(`${API}/go`, {
        beforeRedirect: () => {
          throw refusal
        }
      })
    ).rejects.toBe(refusal)
  })

  it("keeps the client's redirect check when a call adds its own", async () => {
    nock(API).get('/go').reply(302, '', { location: 'http://10.0.0.1/' })
    const perCall = vi.fn()
    const request = createRequestClient({
      beforeRedirect: (url) => {
        if (url.hostname.startsWith('10.')) throw new Error('private address')
      }
    })
    await expect(request(`${API}/go`, { beforeRedirect: perCall })).rejects.toThrow('private address')
    expect(perCall).not.toHaveBeenCalled()
  })

  it('does not follow redirects with followRedirect false', async () => {
    nock(API)
      .get('/moved')
      .reply(302, '', { location: `${API}/elsewhere` })
    const response = await createRequestClient()(`${API}/moved`, {
      followRedirect: false,
      throwHttpErrors: false
    })
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe(`${API}/elsewhere`)
  })

  it('stops after maxRedirects', async () => {
    nock(API)
      .get('/loop')
      .times(5)
      .reply(302, '', { location: `${API}/loop` })
    await expect(createRequestClient()(`${API}/loop`, { maxRedirects: 2 })).rejects.toMatchObject({
      name: 'NetworkError',
      code: 'ERR_TOO_MANY_REDIRECTS'
    })
  })

  it('follows responseType', async () => {
    nock(API).get('/j').reply(200, '{"a":1}', { 'content-type': 'text/plain' })
    nock(API).get('/b').reply(200, 'bytes')
    const request = createRequestClient()
    expect((await request(`${API}/j`, { responseType: 'json' })).data).toEqual({ a: 1 })
    const buffer = (await request(`${API}/b`, { responseType: 'buffer' })).data
    expect(Buffer.isBuffer(buffer) && buffer.toString()).toBe('bytes')
  })

  it('rejects a relative URL without prefixUrl with a clear, secret-free error', async () => {
    await expect(createRequestClient()('not a url?key=hunter2')).rejects.toMatchObject({
      code: 'INVALID_URL'
    })
    await expect(createRequestClient()('not a url?key=hunter2')).rejects.not.toThrow(/hunter2/)
  })
})

describe('createRequestClient: merging', () => {
  it('puts per-call options over the client options, headers case-insensitively', async () => {
    nock(API).get('/m').matchHeader('authorization', 'Bearer call').matchHeader('x-base', 'base').reply(200)
    const request = createRequestClient({ headers: { Authorization: 'Bearer base', 'X-Base': 'base' } })
    const response = await request(`${API}/m`, { headers: { authorization: 'Bearer call' } })
    expect(response.options.headers).toEqual({ authorization: 'Bearer call', 'x-base': 'base' })
  })

  it('removes a header the call sets to undefined', async () => {
    nock(API)
      .get('/m')
      .matchHeader('x-remove', (value) => value === undefined)
      .reply(200)
    const request = createRequestClient({ headers: { 'X-Remove': 'present' } })
    const response = await request(`${API}/m`, { headers: { 'x-remove': undefined } })
    expect(response.request.headers.has('x-remove')).toBe(false)
  })

  it('concatenates hooks of every level, in order', async () => {
    nock(API).get('/m').reply(200)
    const calls: string[] = []
    const request = createRequestClient(
      { hooks: { afterResponse: [() => void calls.push('first')] } },
      { hooks: { afterResponse: [() => void calls.push('second')] } }
    )
    await request(`${API}/m`, { hooks: { afterResponse: [() => void calls.push('call')] } })
    expect(calls).toEqual(['first', 'second', 'call'])
  })

  it('replaces searchParams instead of merging them', async () => {
    nock(API).get('/m').query({ only: 'call' }).reply(200)
    const request = createRequestClient({ searchParams: { base: '1' } })
    const response = await request(`${API}/m`, { searchParams: { only: 'call' } })
    expect(response.request.url).toBe(`${API}/m?only=call`)
  })
})

describe('createRequestClient: the decorated response', () => {
  it('exposes status, statusText, ok, url, headers, content and data', async () => {
    nock(API).post('/things').query({ a: '1' }).reply(201, { id: 7 }, { 'X-Request-Id': 'req_1' })
    const response = await createRequestClient()(`${API}/things`, {
      method: 'post',
      json: { name: 'thing' },
      searchParams: { a: '1' }
    })
    expect(response.status).toBe(201)
    expect(response.statusText).toBe('Created')
    expect(response.ok).toBe(true)
    expect(response.url).toBe(`${API}/things?a=1`)
    expect(response.headers.get('x-request-id')).toBe('req_1')
    expect(response.headers.has('X-Request-Id')).toBe(true)
    expect(response.headers.toJSON()).toMatchObject({
      'x-request-id': 'req_1',
      'content-type': 'application/json'
    })
    expect(new Map(response.headers).get('x-request-id')).toBe('req_1')
    expect(response.content).toBe('{"id":7}')
    expect(response.data).toEqual({ id: 7 })
  })

  it('records the request as sent: url, method, headers, text() and json()', async () => {
    nock(API).post('/things').reply(200)
    const payload = { name: 'thing', nested: { list: [1, 2] }, unicode: 'ünï 😀' }
    const response = await createRequestClient({ headers: { 'x-api-version': '3' } })(`${API}/things`, {
      method: 'post',
      json: payload
    })
    expect(response.request.url).toBe(`${API}/things`)
    expect(response.request.method).toBe('POST')
    expect(response.request.headers.get('x-api-version')).toBe('3')
    expect(response.request.headers.get('content-type')).toBe('application/json')
    expect(await response.request.text()).toBe(JSON.stringify(payload))
    expect(await response.request.json()).toEqual(payload)
  })

  it('keeps the options as passed: json, body, headers, searchParams', async () => {
    nock(API).post('/o').query(true).reply(200)
    const json = { a: 1 }
    const response = await createRequestClient({ headers: { 'X-Base': 'b' } })(`${API}/o`, {
      method: 'post',
      json,
      searchParams: { q: 'x' }
    })
    expect(response.options.json).toEqual(json)
    expect(response.options.headers).toEqual({ 'x-base': 'b' })
    expect(response.options.searchParams).toEqual({ q: 'x' })
    expect(response.options.timeout).toBe(10_000)
    expect(response.options.throwHttpErrors).toBe(true)
  })

  it('gives text as data for a non-JSON response and undefined for broken JSON', async () => {
    nock(API).get('/text').reply(200, 'plain words', { 'content-type': 'text/plain' })
    nock(API).get('/broken').reply(200, '{"unterminated', { 'content-type': 'application/json' })
    const request = createRequestClient()
    expect((await request(`${API}/text`)).data).toBe('plain words')
    const broken = await request(`${API}/broken`)
    expect(broken.data).toBeUndefined()
    expect(broken.content).toBe('{"unterminated')
  })

  it('decodes gzip bodies', async () => {
    const { gzipSync } = await import('node:zlib')
    nock(API)
      .get('/gz')
      .reply(200, gzipSync(JSON.stringify({ zipped: true })), {
        'content-encoding': 'gzip',
        'content-type': 'application/json'
      })
    expect((await createRequestClient()(`${API}/gz`)).data).toEqual({ zipped: true })
  })
})

describe('createRequestClient: hooks', () => {
  it('lets beforeRequest change the options in place or by returning options', async () => {
    nock(API).post('/hooked').matchHeader('x-signed', 'yes').matchHeader('x-returned', 'also').reply(200)
    const response = await createRequestClient()(`${API}/hooked`, {
      method: 'post',
      json: { a: 1 },
      hooks: {
        beforeRequest: [
          (options: NormalizedRequestOptions) => {
            options.headers['X-Signed'] = 'yes'
          },
          () => ({ headers: { 'x-returned': 'also' }, json: { a: 2 } })
        ]
      }
    })
    expect(await response.request.json()).toEqual({ a: 2 })
  })

  it('lets afterResponse replace the response', async () => {
    nock(API).get('/r').reply(200, 'original')
    const response = await createRequestClient()(`${API}/r`, {
      hooks: { afterResponse: [(res: ModifiedResponse) => ({ ...res, content: 'replaced' })] }
    })
    expect(response.content).toBe('replaced')
  })

  it('lets beforeError replace the error', async () => {
    nock(API).get('/e').reply(404)
    const replacement = new Error('Not there.')
    await expect(
      createRequestClient()(`${API}/e`, { hooks: { beforeError: [() => replacement] } })
    ).rejects.toBe(replacement)
  })
})

describe('createRequestClient: HTTP errors', () => {
  it('throws HTTPError carrying the response for a non-2xx status, after afterResponse ran', async () => {
    nock(API).post('/fail').reply(422, { error: 'invalid email' })
    const seen: number[] = []
    const error = await createRequestClient({
      hooks: { afterResponse: [(res) => void seen.push(res.status)] }
    })(`${API}/fail`, { method: 'post', json: { email: 'x' } }).catch((thrown: unknown) => thrown)
    expect(seen).toEqual([422])
    expect(error).toBeInstanceOf(HTTPError)
    const httpError = error as HTTPError
    expect(httpError.status).toBe(422)
    expect(httpError.code).toBe('UNPROCESSABLE_ENTITY')
    expect(httpError.retryable).toBe(false)
    expect(httpError.response.status).toBe(422)
    expect(httpError.response.data).toEqual({ error: 'invalid email' })
    expect(httpError.response.options.json).toEqual({ email: 'x' })
    expect(await httpError.request.text()).toBe('{"email":"x"}')
    expect(httpError.message).toBe(`The request to ${API}/fail failed with 422 Unprocessable Entity.`)
  })

  it('returns the response with throwHttpErrors false', async () => {
    nock(API).get('/gone').reply(410, 'gone')
    const response = await createRequestClient()(`${API}/gone`, { throwHttpErrors: false })
    expect(response.status).toBe(410)
    expect(response.ok).toBe(false)
  })

  it('treats 3xx without redirect following as an error by default', async () => {
    nock(API).get('/cached').reply(304)
    await expect(createRequestClient()(`${API}/cached`)).rejects.toBeInstanceOf(HTTPError)
  })

  it('does not retry a 503 on its own', async () => {
    const scope = nock(API).get('/busy').reply(503, 'busy')
    nock(API).get('/busy').reply(200, 'should never be reached')
    await expect(createRequestClient()(`${API}/busy`)).rejects.toMatchObject({ status: 503 })
    expect(scope.isDone()).toBe(true)
    expect(nock.pendingMocks()).toHaveLength(1)
  })
})

describe('createRequestClient: abort', () => {
  it('stops at once with an AbortError when the signal is already aborted', async () => {
    const scope = nock(API).get('/never').reply(200)
    const error = await createRequestClient()(`${API}/never`, { signal: AbortSignal.abort() }).catch(
      (thrown: unknown) => thrown
    )
    expect(error).toMatchObject({ name: 'AbortError', code: 'ABORTED' })
    expect(scope.isDone()).toBe(false)
  })
})

describe('createRequestClient: what tests written for the compatible runtime read', () => {
  it('records options.body as the JSON that went over the wire when json is given', async () => {
    nock(API).post('/events', { a: 1 }).reply(200, {})
    const response = await createRequestClient()(`${API}/events`, { method: 'post', json: { a: 1 } })
    expect(response.options.json).toEqual({ a: 1 })
    expect(response.options.body).toBe('{"a":1}')
    expect(await response.request.text()).toBe('{"a":1}')
  })

  it('refuses an invalid header value with a TypeError before sending, without printing the value', async () => {
    const scope = nock(API).post('/events').reply(200, {})
    const error = await createRequestClient()(`${API}/events`, {
      method: 'post',
      headers: { 'x-token': 'secret\nvalue' }
    }).catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(TypeError)
    expect((error as Error).message).toBe("The value of the header 'x-token' is not a valid header value.")
    expect(scope.isDone()).toBe(false)
  })

  it('refuses an invalid header name with a TypeError', async () => {
    await expect(createRequestClient()(`${API}/events`, { headers: { 'bad header': 'x' } })).rejects.toThrow(
      new TypeError("'bad header' is not a valid header name.")
    )
  })

  it('gives headers the read-only methods of fetch Headers', async () => {
    nock(API).get('/h').reply(200, 'ok', { 'X-One': '1', 'X-Two': '2' })
    const response = await createRequestClient()(`${API}/h`)
    const seen: Array<[string, string]> = []
    response.headers.forEach((value, name) => seen.push([name, value]))
    expect(seen).toEqual(
      expect.arrayContaining([
        ['x-one', '1'],
        ['x-two', '2']
      ])
    )
    expect([...response.headers.keys()]).toEqual(expect.arrayContaining(['x-one', 'x-two']))
    expect([...response.headers.values()]).toEqual(expect.arrayContaining(['1', '2']))
    expect([...response.headers.entries()]).toEqual(expect.arrayContaining([['x-one', '1']]))
    expect(response.request.headers.get('user-agent')).toBe('destkit')
  })
})

describe('createRequestClient: the compatible runtime’s request semantics', () => {
  it('runs top-level beforeRequest and afterResponse hooks (afterResponse as request, options, response)', async () => {
    nock(API).get('/x').matchHeader('x-before', '1').reply(200, { ok: true })
    const seen: unknown[] = []
    const response = await createRequestClient({
      beforeRequest: [(options) => ({ headers: { ...options.headers, 'x-before': '1' } })],
      afterResponse: [
        (request, options, received) => {
          seen.push([request.method, options.method, received.status])
        }
      ]
    })(`${API}/x`)
    expect(response.status).toBe(200)
    expect(seen).toEqual([['GET', 'GET', 200]])
  })

  it('runs each hook once even when a beforeRequest hook returns hooks among its options', async () => {
    nock(API).get('/x').reply(200, {})
    let after = 0
    const afterResponse = [
      () => {
        after++
      }
    ]
    await createRequestClient({
      afterResponse,
      beforeRequest: [
        (options) => ({ ...options, afterResponse, hooks: { afterResponse: [() => void after++] } })
      ]
    })(`${API}/x`)
    expect(after).toBe(1)
  })

  it('gives responses fetch’s body readers and headers.raw()', async () => {
    nock(API)
      .get('/x')
      .reply(200, { ok: true }, { 'Set-Cookie': ['a=1', 'b=2'] })
    const response = await createRequestClient()(`${API}/x`)
    await expect(response.json()).resolves.toEqual({ ok: true })
    await expect(response.text()).resolves.toBe('{"ok":true}')
    expect(Buffer.from(await response.arrayBuffer()).toString()).toBe('{"ok":true}')
    await expect(response.clone().json()).resolves.toEqual({ ok: true })
    expect(response.headers.raw()['set-cookie']).toEqual(['a=1', 'b=2'])
  })

  it('follows a 302 after a POST with a GET without the body', async () => {
    let redirectedMethod: string | undefined
    let redirectedBody: string | undefined
    nock(API)
      .post('/start')
      .reply(302, '', { location: `${API}/next` })
    nock(API)
      .get('/next')
      .reply(function (_uri, body) {
        redirectedMethod = this.req.method
        redirectedBody = typeof body === 'string' ? body : JSON.stringify(body)
        return [200, {}]
      })
    const response = await createRequestClient()(`${API}/start`, { method: 'post', json: { a: 1 } })
    expect(response.status).toBe(200)
    expect(redirectedMethod).toBe('GET')
    expect(redirectedBody).toBe('')
  })

  it('sends accept: */* unless told otherwise', async () => {
    nock(API).get('/x').matchHeader('accept', '*/*').reply(200, {})
    nock(API).get('/y').matchHeader('accept', 'application/json').reply(200, {})
    await expect(createRequestClient()(`${API}/x`)).resolves.toMatchObject({ status: 200 })
    await expect(
      createRequestClient()(`${API}/y`, { headers: { Accept: 'application/json' } })
    ).resolves.toMatchObject({ status: 200 })
  })

  it('uses an absolute URL as it is, even with a prefixUrl', async () => {
    nock('https://other.example.com').get('/page/2').reply(200, {})
    const response = await createRequestClient({ prefixUrl: `${API}/v1` })('https://other.example.com/page/2')
    expect(response.url).toBe('https://other.example.com/page/2')
  })

  it('keeps the URL’s own query when searchParams are empty', async () => {
    nock(API).get('/x').query({ a: '1' }).reply(200, {})
    const response = await createRequestClient()(`${API}/x?a=1`, { searchParams: '' })
    expect(response.url).toBe(`${API}/x?a=1`)
  })

  it('lets an explicit undefined in a call clear an option set by extendRequest, but not timeout or signal', async () => {
    nock(API).get('/x').reply(200, {})
    const controller = new AbortController()
    const response = await createRequestClient({
      searchParams: { a: 1 },
      timeout: 1234,
      signal: controller.signal
    })(`${API}/x`, { searchParams: undefined, timeout: undefined, signal: undefined })
    expect(response.url).toBe(`${API}/x`)
    expect(response.options.timeout).toBe(1234)
    expect(response.options.signal).toBe(controller.signal)
  })
})
