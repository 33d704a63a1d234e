/**
 * The compatible error classes (spec §5): name, code, status, retryable flag and
 * instanceof relations; `getErrorCodeFromHttpStatus`; `MultiStatusResponse`.
 */
import { inspect } from 'node:util'
import {
  APIError,
  ActionDestinationErrorResponse,
  ActionDestinationSuccessResponse,
  ErrorCodes,
  HTTPError,
  IntegrationError,
  InvalidAudienceMembershipError,
  InvalidAuthenticationError,
  MultiStatusResponse,
  NetworkError,
  PayloadValidationError,
  RequestAbortedError,
  RequestTimeoutError,
  RetryableError,
  SelfTimeoutError,
  getErrorCodeFromHttpStatus,
  type ModifiedResponse
} from '../../index.js'
import { isRetryableStatus } from '../errors.js'

describe('IntegrationError', () => {
  it('carries the message, code and status it was given', () => {
    const error = new IntegrationError(
      'Slack rejected the message: channel_not_found.',
      'CHANNEL_NOT_FOUND',
      404
    )
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('IntegrationError')
    expect(error.message).toBe('Slack rejected the message: channel_not_found.')
    expect(error.code).toBe('CHANNEL_NOT_FOUND')
    expect(error.status).toBe(404)
    expect(error.retry).toBeUndefined()
  })

  it.each([
    [400, false],
    [401, false],
    [404, false],
    [408, true],
    [409, false],
    [422, false],
    [423, true],
    [429, true],
    [500, true],
    [501, false],
    [502, true],
    [503, true],
    [504, true],
    [505, false],
    [599, true]
  ])('status %i is retryable: %s', (status, retryable) => {
    expect(new IntegrationError('x', 'X', status).retryable).toBe(retryable)
    expect(isRetryableStatus(status)).toBe(retryable)
  })

  it('lets `retry` override what the status says, both ways', () => {
    const permanent = new IntegrationError('Gone for good.', 'GONE', 503)
    permanent.retry = false
    expect(permanent.retryable).toBe(false)
    const transient = new IntegrationError('Try again.', 'BUSY', 400)
    transient.retry = true
    expect(transient.retryable).toBe(true)
  })

  it('is not retryable without a status', () => {
    const error = new IntegrationError('No status.', 'X', undefined as unknown as number)
    expect(error.status).toBeUndefined()
    expect(error.retryable).toBe(false)
  })

  it('names a subclass by its own class name', () => {
    class ListNotFoundError extends IntegrationError {}
    expect(new ListNotFoundError('x', 'X', 404).name).toBe('ListNotFoundError')
  })
})

describe('the IntegrationError subclasses', () => {
  it('PayloadValidationError: 400, PAYLOAD_VALIDATION_FAILED, never retryable', () => {
    const error = new PayloadValidationError('Either email or phone is required.')
    expect(error).toBeInstanceOf(IntegrationError)
    expect(error).toBeInstanceOf(Error)
    expect(error).toMatchObject({
      name: 'PayloadValidationError',
      message: 'Either email or phone is required.',
      code: 'PAYLOAD_VALIDATION_FAILED',
      status: 400,
      retry: false,
      retryable: false
    })
    expect(error.code).toBe(ErrorCodes.PAYLOAD_VALIDATION_FAILED)
  })

  it('InvalidAudienceMembershipError: 400, INVALID_AUDIENCE_MEMBERSHIP, never retryable', () => {
    const error = new InvalidAudienceMembershipError('The event does not say whether the user entered.')
    expect(error).toBeInstanceOf(IntegrationError)
    expect(error).not.toBeInstanceOf(PayloadValidationError)
    expect(error).toMatchObject({
      name: 'InvalidAudienceMembershipError',
      message: 'The event does not say whether the user entered.',
      code: 'INVALID_AUDIENCE_MEMBERSHIP',
      status: 400,
      retryable: false
    })
  })

  it('SelfTimeoutError: 408, SELF_TIMEOUT, retryable', () => {
    const error = new SelfTimeoutError('The export did not finish within 30 s.')
    expect(error).toBeInstanceOf(IntegrationError)
    expect(error).toMatchObject({
      name: 'SelfTimeoutError',
      message: 'The export did not finish within 30 s.',
      code: 'SELF_TIMEOUT',
      status: 408,
      retryable: true
    })
  })

  it('APIError: the given status, retryable as that status is', () => {
    const conflict = new APIError('The contact could not be created.', 409)
    expect(conflict).toBeInstanceOf(IntegrationError)
    expect(conflict).toMatchObject({
      name: 'APIError',
      message: 'The contact could not be created.',
      status: 409,
      retryable: false
    })
    expect(typeof conflict.code).toBe('string')
    expect(new APIError('Busy.', 429).retryable).toBe(true)
    expect(new APIError('Down.', 502).retryable).toBe(true)
    expect(new APIError('Not implemented.', 501).retryable).toBe(false)
  })

  it('APIError: the code is the status as a string, as in the compatible API', () => {
    expect(new APIError('Conflict.', 409).code).toBe('409')
    expect(new APIError('Down.', 502).code).toBe('502')
  })
})

describe('RetryableError', () => {
  it('defaults to a sentence and status 500, code RETRYABLE_ERROR, always retryable', () => {
    const error = new RetryableError()
    expect(error).toBeInstanceOf(Error)
    expect(error).not.toBeInstanceOf(IntegrationError)
    expect(error).toMatchObject({
      name: 'RetryableError',
      message: 'The destination reported a temporary failure.',
      code: 'RETRYABLE_ERROR',
      status: 500,
      retryable: true
    })
    expect(error.retryAfterMs).toBeUndefined()
  })

  it('keeps a given message and status, and is retryable whatever the status', () => {
    const error = new RetryableError('The API asked us to slow down.', 429)
    expect(error).toMatchObject({ message: 'The API asked us to slow down.', status: 429, retryable: true })
    expect(new RetryableError('Odd.', 400).retryable).toBe(true)
  })
})

describe('InvalidAuthenticationError', () => {
  it('is 401, INVALID_AUTHENTICATION, not retryable, with a default sentence', () => {
    const error = new InvalidAuthenticationError()
    expect(error).toBeInstanceOf(Error)
    expect(error).not.toBeInstanceOf(IntegrationError)
    expect(error).toMatchObject({
      name: 'InvalidAuthenticationError',
      message: 'The credentials were refused.',
      code: 'INVALID_AUTHENTICATION',
      status: 401,
      retryable: false
    })
  })

  it('keeps a given message and code', () => {
    const error = new InvalidAuthenticationError(
      'The refresh token expired.',
      ErrorCodes.REFRESH_TOKEN_EXPIRED
    )
    expect(error).toMatchObject({
      message: 'The refresh token expired.',
      code: 'REFRESH_TOKEN_EXPIRED',
      status: 401,
      retryable: false
    })
  })
})

describe('the request client’s errors', () => {
  const secretUrl = 'https://user:pw@api.acme.test/v1/track?api_key=sk_secret'

  function fakeResponse(status: number, statusText: string): ModifiedResponse {
    return {
      status,
      statusText,
      url: secretUrl,
      headers: { authorization: 'Bearer sk_secret' },
      content: '',
      data: undefined,
      request: { url: secretUrl, headers: { authorization: 'Bearer sk_secret' } },
      options: { headers: { authorization: 'Bearer sk_secret' } }
    } as unknown as ModifiedResponse
  }

  it('HTTPError: code and status from the response, a safe message, the response kept out of sight', () => {
    const response = fakeResponse(404, 'Not Found')
    const error = new HTTPError(response)
    expect(error).toBeInstanceOf(Error)
    expect(error).not.toBeInstanceOf(IntegrationError)
    expect(error).toMatchObject({ name: 'HTTPError', code: 'NOT_FOUND', status: 404, retryable: false })
    expect(error.message).toBe('The request to https://api.acme.test/v1/track failed with 404 Not Found.')
    expect(error.response).toBe(response)
    expect(error.request).toBe(response.request)
    expect(error.options).toBe(response.options)
    expect(Object.keys(error)).not.toContain('response')
    expect(JSON.stringify(error)).not.toContain('sk_secret')
    expect(inspect(error)).toBe(
      'HTTPError [NOT_FOUND]: The request to https://api.acme.test/v1/track failed with 404 Not Found.'
    )
  })

  it('HTTPError: retryable exactly for the retryable statuses, message without a status text', () => {
    expect(new HTTPError(fakeResponse(429, 'Too Many Requests')).retryable).toBe(true)
    expect(new HTTPError(fakeResponse(503, '')).retryable).toBe(true)
    expect(new HTTPError(fakeResponse(501, '')).retryable).toBe(false)
    const unnamed = new HTTPError(fakeResponse(599, ''))
    expect(unnamed.code).toBe('UNKNOWN_ERROR')
    expect(unnamed.message).toBe('The request to https://api.acme.test/v1/track failed with 599.')
  })

  it('RequestTimeoutError: 408, REQUEST_TIMEOUT, retryable', () => {
    const error = new RequestTimeoutError(secretUrl, 10_000)
    expect(error).toMatchObject({
      name: 'RequestTimeoutError',
      code: 'REQUEST_TIMEOUT',
      status: 408,
      retryable: true,
      message: 'The request to https://api.acme.test/v1/track timed out after 10000 ms.'
    })
    expect(error.options).toBeUndefined()
  })

  it('NetworkError: the Node.js code, retryable by code', () => {
    const reset = new NetworkError(secretUrl, 'ECONNRESET')
    expect(reset).toMatchObject({ name: 'NetworkError', code: 'ECONNRESET', retryable: true })
    expect(reset.message).toBe(
      'The request to https://api.acme.test/v1/track failed: the connection was reset by the server (ECONNRESET).'
    )
    expect(new NetworkError(secretUrl, 'CERT_HAS_EXPIRED').retryable).toBe(false)
  })

  it('RequestAbortedError: named AbortError like fetch, code ABORTED, retryable', () => {
    const error = new RequestAbortedError(secretUrl)
    expect(error).toBeInstanceOf(Error)
    expect(error).toMatchObject({
      name: 'AbortError',
      code: 'ABORTED',
      retryable: true,
      message: 'The request to https://api.acme.test/v1/track was aborted before it finished.'
    })
  })

  it('never shows credentials or the query string of an invalid URL', () => {
    expect(new RequestTimeoutError('not a url', 5).message).toBe(
      'The request to (an invalid URL) timed out after 5 ms.'
    )
  })
})

describe('getErrorCodeFromHttpStatus', () => {
  it.each([
    [400, 'BAD_REQUEST'],
    [401, 'UNAUTHORIZED'],
    [403, 'FORBIDDEN'],
    [404, 'NOT_FOUND'],
    [408, 'REQUEST_TIMEOUT'],
    [409, 'CONFLICT'],
    [422, 'UNPROCESSABLE_ENTITY'],
    [429, 'TOO_MANY_REQUESTS'],
    [500, 'INTERNAL_SERVER_ERROR'],
    [502, 'BAD_GATEWAY'],
    [503, 'SERVICE_UNAVAILABLE'],
    [504, 'GATEWAY_TIMEOUT'],
    [200, 'OK'],
    // upstream's spelling, kept for compatibility
    [301, 'MOVED_PERMENANTLY']
  ])('%i → %s', (status, code) => {
    expect(getErrorCodeFromHttpStatus(status)).toBe(code)
    expect(ErrorCodes[code]).toBe(code)
  })

  it.each([0, 299, 420, 599, 1000, -1])('%i (no well-known name) → UNKNOWN_ERROR', (status) => {
    expect(getErrorCodeFromHttpStatus(status)).toBe('UNKNOWN_ERROR')
  })
})

describe('MultiStatusResponse', () => {
  const ok = { status: 200, sent: { id: 'a' }, body: 'accepted' }
  const failed = { status: 409, errortype: 'CONFLICT', errormessage: 'Duplicate id.', sent: { id: 'b' } }

  it('starts empty', () => {
    const results = new MultiStatusResponse()
    expect(results.length()).toBe(0)
    expect(results.getAllResponses()).toEqual([])
    expect(results.getResponseAtIndex(0)).toBeUndefined()
    expect(results.isSuccessResponseAtIndex(0)).toBe(false)
    expect(results.isErrorResponseAtIndex(0)).toBe(false)
  })

  it('sets success and error entries at an index, wrapping plain objects', () => {
    const results = new MultiStatusResponse()
    results.setSuccessResponseAtIndex(0, ok)
    results.setErrorResponseAtIndex(1, failed)
    expect(results.length()).toBe(2)

    const first = results.getResponseAtIndex(0)
    expect(first).toBeInstanceOf(ActionDestinationSuccessResponse)
    expect(first?.value()).toEqual(ok)
    expect(results.isSuccessResponseAtIndex(0)).toBe(true)
    expect(results.isErrorResponseAtIndex(0)).toBe(false)

    const second = results.getResponseAtIndex(1)
    expect(second).toBeInstanceOf(ActionDestinationErrorResponse)
    expect(second?.value()).toEqual(failed)
    expect(results.isErrorResponseAtIndex(1)).toBe(true)
    expect(results.isSuccessResponseAtIndex(1)).toBe(false)
  })

  it('keeps an entry object given as is', () => {
    const results = new MultiStatusResponse()
    const success = new ActionDestinationSuccessResponse(ok)
    const error = new ActionDestinationErrorResponse(failed)
    results.setSuccessResponseAtIndex(0, success)
    results.setErrorResponseAtIndex(1, error)
    expect(results.getResponseAtIndex(0)).toBe(success)
    expect(results.getResponseAtIndex(1)).toBe(error)
  })

  it('replaces the entry at an index that is set again', () => {
    const results = new MultiStatusResponse()
    results.setErrorResponseAtIndex(0, failed)
    results.setSuccessResponseAtIndex(0, ok)
    expect(results.length()).toBe(1)
    expect(results.isSuccessResponseAtIndex(0)).toBe(true)
    expect(results.getResponseAtIndex(0)?.value()).toEqual(ok)
  })

  it('leaves a gap for an index that is never set: length counts it, no entry is there', () => {
    const results = new MultiStatusResponse()
    results.setSuccessResponseAtIndex(2, ok)
    expect(results.length()).toBe(3)
    expect(results.getResponseAtIndex(0)).toBeUndefined()
    expect(results.getResponseAtIndex(1)).toBeUndefined()
    expect(results.isSuccessResponseAtIndex(1)).toBe(false)
    expect(results.isErrorResponseAtIndex(1)).toBe(false)
    expect(results.getAllResponses().map((entry) => entry?.value().status)).toEqual([
      undefined,
      undefined,
      200
    ])
  })

  it('pushes entries at the end, in order', () => {
    const results = new MultiStatusResponse()
    results.pushSuccessResponse(ok)
    results.pushErrorResponse(failed)
    results.pushResponseObject(new ActionDestinationSuccessResponse({ ...ok, body: 'third' }))
    expect(results.length()).toBe(3)
    expect(results.getAllResponses().map((entry) => entry?.value())).toEqual([
      ok,
      failed,
      { ...ok, body: 'third' }
    ])
    expect([0, 1, 2].map((i) => results.isErrorResponseAtIndex(i))).toEqual([false, true, false])
  })

  it('unsets an entry without shortening the list', () => {
    const results = new MultiStatusResponse()
    results.pushSuccessResponse(ok)
    results.pushErrorResponse(failed)
    results.unsetResponseAtIndex(0)
    expect(results.length()).toBe(2)
    expect(results.getResponseAtIndex(0)).toBeUndefined()
    expect(results.isErrorResponseAtIndex(1)).toBe(true)
  })

  it('getAllResponses returns every entry by index', () => {
    const results = new MultiStatusResponse()
    results.setErrorResponseAtIndex(1, failed)
    results.setSuccessResponseAtIndex(0, ok)
    const all = results.getAllResponses()
    expect(all).toHaveLength(2)
    expect(all[0]).toBeInstanceOf(ActionDestinationSuccessResponse)
    expect(all[1]).toBeInstanceOf(ActionDestinationErrorResponse)
  })
})
