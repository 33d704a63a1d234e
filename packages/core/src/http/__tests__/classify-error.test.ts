import nock from 'nock'
import {
  APIError,
  IntegrationError,
  InvalidAuthenticationError,
  PayloadValidationError,
  RetryableError,
  SelfTimeoutError
} from '../../errors/errors.js'
import {
  HTTPError,
  NetworkError,
  RequestAbortedError,
  RequestTimeoutError
} from '../../errors/http-errors.js'
import { classifyError, retryableNetworkCodes } from '../classify-error.js'
import { createRequestClient } from '../create-request-client.js'
import { createHeaders } from '../headers.js'
import { createSentRequest } from '../sent-request.js'
import type { ModifiedResponse } from '../types.js'

const NOW = Date.parse('2026-01-01T00:00:00Z')

function responseWith(status: number, headers: Record<string, string> = {}): ModifiedResponse {
  const response: ModifiedResponse = {
    status,
    statusText: '',
    ok: status >= 200 && status < 300,
    url: 'https://api.example.com/x',
    headers: createHeaders(headers),
    content: '',
    data: undefined,
    request: createSentRequest({
      url: 'https://api.example.com/x',
      method: 'GET',
      headers: {},
      body: undefined
    }),
    options: { method: 'GET', headers: {}, timeout: 10_000, throwHttpErrors: true },
    json: async () => JSON.parse(''),
    text: async () => '',
    arrayBuffer: async () => new ArrayBuffer(0),
    clone: () => response
  }
  return response
}

function httpError(status: number, headers: Record<string, string> = {}): HTTPError {
  return new HTTPError(responseWith(status, headers))
}

describe('classifyError: HTTP statuses', () => {
  it.each([
    [100, 'failed'],
    [199, 'failed'],
    [200, 'failed'],
    [299, 'failed'],
    [300, 'failed'],
    [304, 'failed'],
    [399, 'failed'],
    [400, 'failed'],
    [401, 'failed'],
    [403, 'failed'],
    [404, 'failed'],
    [407, 'failed'],
    [408, 'retryable'],
    [409, 'failed'],
    [413, 'failed'],
    [422, 'failed'],
    [423, 'retryable'],
    [424, 'failed'],
    [428, 'failed'],
    [429, 'retryable'],
    [431, 'failed'],
    [499, 'failed'],
    [500, 'retryable'],
    [501, 'failed'],
    [502, 'retryable'],
    [503, 'retryable'],
    [504, 'retryable'],
    [505, 'failed'],
    [506, 'retryable'],
    [511, 'retryable'],
    [529, 'retryable'],
    [599, 'retryable']
  ] as const)('HTTP %i is %s', (status, expected) => {
    const classified = classifyError(httpError(status), NOW)
    expect(classified.status).toBe(expected)
    expect(classified.httpStatus).toBe(status)
  })

  it('uses the status name as the code', () => {
    expect(classifyError(httpError(429), NOW).code).toBe('TOO_MANY_REQUESTS')
    expect(classifyError(httpError(502), NOW).code).toBe('BAD_GATEWAY')
    expect(classifyError(httpError(404), NOW).code).toBe('NOT_FOUND')
  })
})

describe('classifyError: Retry-After', () => {
  it('reads delay-seconds', () => {
    expect(classifyError(httpError(429, { 'retry-after': '120' }), NOW)).toMatchObject({
      status: 'retryable',
      retryAfterMs: 120_000
    })
  })

  it('reads an HTTP date', () => {
    const inTwoMinutes = new Date(NOW + 120_000).toUTCString()
    expect(classifyError(httpError(503, { 'Retry-After': inTwoMinutes }), NOW).retryAfterMs).toBe(120_000)
  })

  it('gives 0 for a date in the past', () => {
    expect(
      classifyError(httpError(503, { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }), NOW).retryAfterMs
    ).toBe(0)
  })

  it.each(['soon', '', '-5', '1e3', 'Wed, 32 Foo 2026 07:28:00 GMT', 'tomorrow 10:00'])(
    'ignores garbage %j',
    (value) => {
      const classified = classifyError(httpError(503, { 'retry-after': value }), NOW)
      expect(classified.status).toBe('retryable')
      expect(classified).not.toHaveProperty('retryAfterMs')
    }
  )

  it('leaves it out when the failure is not retryable', () => {
    expect(classifyError(httpError(400, { 'retry-after': '10' }), NOW)).not.toHaveProperty('retryAfterMs')
  })

  it('classifies a real 429 with Retry-After: 3600 as retryable in an hour, without waiting', async () => {
    nock.disableNetConnect()
    try {
      nock('https://api.example.com')
        .post('/track')
        .reply(429, { error: 'slow down' }, { 'Retry-After': '3600' })
      const error = await createRequestClient()('https://api.example.com/track', {
        method: 'post',
        json: {}
      }).catch((thrown: unknown) => thrown)
      expect(error).toBeInstanceOf(HTTPError)
      expect(classifyError(error)).toEqual({
        status: 'retryable',
        code: 'TOO_MANY_REQUESTS',
        message: 'The request to https://api.example.com/track failed with 429 Too Many Requests.',
        httpStatus: 429,
        retryAfterMs: 3_600_000
      })
    } finally {
      nock.cleanAll()
      nock.enableNetConnect()
    }
  })
})

describe('classifyError: network errors', () => {
  const codes = [...retryableNetworkCodes]

  it.each(codes)('a Node.js error with code %s is retryable', (code) => {
    const error = Object.assign(new Error(`connect ${code}`), { code })
    expect(classifyError(error)).toMatchObject({ status: 'retryable', code })
  })

  it.each(codes)('a NetworkError with code %s is retryable', (code) => {
    expect(classifyError(new NetworkError('https://api.example.com/', code))).toMatchObject({
      status: 'retryable',
      code
    })
  })

  it('includes the codes the spec names', () => {
    for (const code of [
      'ECONNRESET',
      'ECONNREFUSED',
      'ETIMEDOUT',
      'EAI_AGAIN',
      'ENOTFOUND',
      'EPIPE',
      'EHOSTUNREACH'
    ]) {
      expect(retryableNetworkCodes.has(code)).toBe(true)
    }
  })

  it.each(['CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'ERR_TOO_MANY_REDIRECTS', 'ERR_INVALID_URL'])(
    '%s is not retryable',
    (code) => {
      expect(classifyError(new NetworkError('https://api.example.com/', code))).toMatchObject({
        status: 'failed',
        code
      })
      expect(classifyError(Object.assign(new Error('x'), { code }))).toMatchObject({ status: 'failed', code })
    }
  )

  it('finds a network code on error.cause (fetch wraps it)', () => {
    const error = new TypeError('fetch failed', {
      cause: Object.assign(new Error('socket'), { code: 'UND_ERR_SOCKET' })
    })
    expect(classifyError(error)).toMatchObject({ status: 'retryable', code: 'UND_ERR_SOCKET' })
  })
})

describe('classifyError: timeouts and aborts', () => {
  it('a RequestTimeoutError is retryable with status 408', () => {
    expect(classifyError(new RequestTimeoutError('https://api.example.com/', 10_000))).toMatchObject({
      status: 'retryable',
      code: 'REQUEST_TIMEOUT',
      httpStatus: 408
    })
  })

  it('a DOMException TimeoutError is retryable', () => {
    expect(classifyError(new DOMException('timed out', 'TimeoutError'))).toMatchObject({
      status: 'retryable',
      code: 'REQUEST_TIMEOUT'
    })
  })

  it('an abort is retryable with code ABORTED', () => {
    expect(classifyError(new RequestAbortedError('https://api.example.com/'))).toMatchObject({
      status: 'retryable',
      code: 'ABORTED'
    })
    expect(classifyError(new DOMException('aborted', 'AbortError'))).toMatchObject({
      status: 'retryable',
      code: 'ABORTED'
    })
  })
})

describe('classifyError: destkit errors', () => {
  it.each([
    ['RetryableError', new RetryableError('busy', 503), 'retryable', 'RETRYABLE_ERROR'],
    ['IntegrationError 400', new IntegrationError('bad', 'BAD_THING', 400), 'failed', 'BAD_THING'],
    ['IntegrationError 429', new IntegrationError('slow', 'SLOW_DOWN', 429), 'retryable', 'SLOW_DOWN'],
    ['IntegrationError 500', new IntegrationError('oops', 'OOPS', 500), 'retryable', 'OOPS'],
    ['IntegrationError 501', new IntegrationError('nope', 'NOPE', 501), 'failed', 'NOPE'],
    [
      'PayloadValidationError',
      new PayloadValidationError('email missing'),
      'failed',
      'PAYLOAD_VALIDATION_FAILED'
    ],
    [
      'InvalidAuthenticationError',
      new InvalidAuthenticationError('bad key'),
      'failed',
      'INVALID_AUTHENTICATION'
    ],
    [
      'invalid settings',
      new IntegrationError('bad settings', 'INVALID_SETTINGS', 400),
      'failed',
      'INVALID_SETTINGS'
    ],
    ['APIError 503', new APIError('down', 503), 'retryable', 'SERVICE_UNAVAILABLE'],
    ['APIError 409', new APIError('taken', 409), 'failed', 'CONFLICT'],
    ['SelfTimeoutError', new SelfTimeoutError('took too long'), 'retryable', 'SELF_TIMEOUT']
  ] as const)('%s is %s', (_name, error, status, code) => {
    expect(classifyError(error)).toMatchObject({ status, code, message: error.message })
  })

  it('keeps retryAfterMs of a RetryableError', () => {
    const error = Object.assign(new RetryableError('later', 429), { retryAfterMs: 5_000 })
    expect(classifyError(error)).toMatchObject({ status: 'retryable', retryAfterMs: 5_000, httpStatus: 429 })
  })

  it('honours retry = false on an IntegrationError with a retryable status', () => {
    const error = Object.assign(new IntegrationError('do not retry', 'NO', 503), { retry: false })
    expect(classifyError(error).status).toBe('failed')
  })
})

describe('classifyError: foreign errors', () => {
  it('classifies an error carrying a response status (the peer runtime, got used directly)', () => {
    const peerStyle = Object.assign(new Error('Service Unavailable'), {
      response: { status: 503, headers: new Headers({ 'retry-after': '7' }) }
    })
    expect(classifyError(peerStyle, NOW)).toMatchObject({
      status: 'retryable',
      httpStatus: 503,
      retryAfterMs: 7_000
    })
    const gotStyle = Object.assign(new Error('Not Found'), { response: { statusCode: 404, headers: {} } })
    expect(classifyError(gotStyle, NOW)).toMatchObject({
      status: 'failed',
      httpStatus: 404,
      code: 'NOT_FOUND'
    })
  })

  it('fails an ordinary error with its code or UNKNOWN_ERROR', () => {
    expect(classifyError(new Error('boom'))).toEqual({
      status: 'failed',
      code: 'UNKNOWN_ERROR',
      message: 'boom'
    })
    expect(classifyError(Object.assign(new Error('bad'), { code: 'E_CUSTOM' }))).toMatchObject({
      code: 'E_CUSTOM'
    })
  })

  it('fails a thrown non-error', () => {
    expect(classifyError('just a string')).toMatchObject({ status: 'failed', code: 'UNKNOWN_ERROR' })
  })
})
