import { inspect } from 'node:util'
import nock from 'nock'
import { HTTPError } from '../../errors/http-errors.js'
import { createRequestClient } from '../create-request-client.js'
import { createRedactor, REDACTED } from '../redact.js'
import { summarizeResponse, truncateUtf8 } from '../summarize.js'
import type { ModifiedResponse } from '../types.js'

const API = 'https://api.example.com'
const SECRET = 'sk_live_51Hx+Secret/Value=='
const PASSWORD = 'hunter2-pass-word'

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

/** A request carrying the secret everywhere: header, query, body and Basic auth. */
async function requestEverywhere(status: number): Promise<{ response?: ModifiedResponse; error?: unknown }> {
  nock(API)
    .post('/v1/track')
    .query(true)
    .reply(
      status,
      { echoed: SECRET, note: 'the API echoed the key' },
      { 'x-echo-key': SECRET, 'x-plain': SECRET }
    )
  const request = createRequestClient({
    username: 'account',
    password: PASSWORD,
    headers: { 'x-api-key': SECRET }
  })
  try {
    const response = await request(`${API}/v1/track`, {
      method: 'post',
      searchParams: { key: SECRET, page: 1 },
      json: { apiKey: SECRET, event: 'Order Completed' },
      throwHttpErrors: true
    })
    return { response }
  } catch (error) {
    return { error }
  }
}

function expectNoSecret(text: string): void {
  for (const value of [
    SECRET,
    encodeURIComponent(SECRET),
    PASSWORD,
    Buffer.from(`account:${PASSWORD}`).toString('base64')
  ]) {
    expect(text).not.toContain(value)
  }
}

describe('summarizeResponse', () => {
  it('masks the secret in headers, query string, bodies and Basic auth', async () => {
    const { response } = await requestEverywhere(200)
    const summary = summarizeResponse(response!, { secrets: [SECRET] })

    expect(summary.request.method).toBe('POST')
    expect(summary.request.url).toBe(`${API}/v1/track?key=${REDACTED}&page=1`)
    expect(summary.request.headers.authorization).toBe(`Basic ${REDACTED}`)
    expect(summary.request.headers['x-api-key']).toBe(REDACTED)
    expect(summary.request.headers['content-type']).toBe('application/json')
    expect(summary.request.body).toBe(`{"apiKey":"${REDACTED}","event":"Order Completed"}`)
    expect(summary.response.status).toBe(200)
    expect(summary.response.statusText).toBe('OK')
    expect(summary.response.headers['x-echo-key']).toBe(REDACTED)
    expect(summary.response.headers['x-plain']).toBe(REDACTED)
    expect(summary.response.body).toBe(`{"echoed":"${REDACTED}","note":"the API echoed the key"}`)

    expectNoSecret(JSON.stringify(summary))
    expectNoSecret(inspect(summary, { depth: Infinity }))
  })

  it('is plain data with no reference to the live response', async () => {
    const { response } = await requestEverywhere(200)
    const summary = summarizeResponse(response!, { secrets: [SECRET] })
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary)
    const values = [
      summary,
      summary.request,
      summary.response,
      summary.request.headers,
      summary.response.headers
    ]
    for (const value of values) expect(Object.getPrototypeOf(value)).toBe(Object.prototype)
  })

  it('masks the Basic-auth password even when it is not listed as a secret', async () => {
    const { response } = await requestEverywhere(200)
    expectNoSecret(inspect(summarizeResponse(response!, { secrets: [SECRET] }), { depth: Infinity }))
    const withoutList = summarizeResponse(response!)
    expect(JSON.stringify(withoutList)).not.toContain(PASSWORD)
  })

  it('accepts a redactor compiled once', async () => {
    const { response } = await requestEverywhere(200)
    const summary = summarizeResponse(response!, { redactor: createRedactor([SECRET]) })
    expectNoSecret(JSON.stringify(summary))
  })

  it('truncates bodies to maxBodyBytes and says so', async () => {
    const big = 'x'.repeat(100_000)
    nock(API).post('/big').reply(200, big)
    const response = await createRequestClient()(`${API}/big`, { method: 'post', body: big })
    const summary = summarizeResponse(response)
    expect(Buffer.byteLength(summary.request.body!)).toBe(65_536)
    expect(summary.request.truncated).toBe(true)
    expect(Buffer.byteLength(summary.response.body)).toBe(65_536)
    expect(summary.response.truncated).toBe(true)

    const small = summarizeResponse(response, { maxBodyBytes: 10 })
    expect(small.response.body).toBe('x'.repeat(10))
  })

  it('leaves small bodies whole and unflagged, and omits an absent request body', async () => {
    nock(API).get('/small').reply(200, 'ok')
    const summary = summarizeResponse(await createRequestClient()(`${API}/small`))
    expect(summary.response).not.toHaveProperty('truncated')
    expect(summary.response.body).toBe('ok')
    expect(summary.request).not.toHaveProperty('body')
  })
})

describe('thrown errors never show a secret', () => {
  it('HTTPError: message, inspect, JSON and its summary', async () => {
    const { error } = await requestEverywhere(401)
    expect(error).toBeInstanceOf(HTTPError)
    const httpError = error as HTTPError
    expect(httpError.message).toBe(`The request to ${API}/v1/track failed with 401 Unauthorized.`)
    expectNoSecret(httpError.message)
    expectNoSecret(String(httpError.stack))
    expectNoSecret(inspect(httpError, { depth: Infinity, showHidden: false }))
    expectNoSecret(JSON.stringify(httpError))
    // The response is still there for the destination's own handling.
    expect(httpError.response.data).toEqual({ echoed: SECRET, note: 'the API echoed the key' })
    expectNoSecret(inspect(summarizeResponse(httpError.response, { secrets: [SECRET] }), { depth: Infinity }))
  })

  it('network errors and timeouts: message and inspect', async () => {
    nock(API)
      .get('/down')
      .query(true)
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
    const error = await createRequestClient({ headers: { authorization: `Bearer ${SECRET}` } })(
      `${API}/down`,
      {
        searchParams: { key: SECRET }
      }
    ).catch((thrown: unknown) => thrown)
    expect(error).toMatchObject({ name: 'NetworkError', code: 'ECONNRESET' })
    expectNoSecret((error as Error).message)
    expectNoSecret(inspect(error, { depth: Infinity }))
    expectNoSecret(JSON.stringify(error))
  })
})

describe('truncateUtf8', () => {
  it('never splits a character', () => {
    expect(truncateUtf8('héllo', 2)).toEqual({ text: 'h', truncated: true })
    expect(truncateUtf8('😀😀', 5)).toEqual({ text: '😀', truncated: true })
    expect(truncateUtf8('abc', 3)).toEqual({ text: 'abc', truncated: false })
  })
})
