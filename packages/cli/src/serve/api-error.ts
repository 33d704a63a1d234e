/**
 * How `destkit serve` answers a failure: an HTTP status that says whose fault it
 * is, and a body `{ error: { code, message } }` (plus what helps, such as the
 * mapping's problems).
 *
 * | status | when |
 * |---|---|
 * | 400 | the request to serve is malformed (not JSON, a body member of the wrong type) |
 * | 401 | the credentials given were refused (`INVALID_AUTHENTICATION`, a failed token refresh) |
 * | 404 | no such route, destination, action or dynamic field |
 * | 405, 413, 415 | wrong method, body too large, body not JSON |
 * | 422 | the input does not validate: mapping, settings, payload, event |
 * | 501 | the destination does not implement it (no `performBatch`, no `refreshAccessToken`) |
 * | 502 | the destination or its API failed (`httpStatus` is the API's answer, when it gave one) |
 * | 503 | the destination's definition has never imported |
 * | 504 | the API did not answer in time |
 * | 500 | anything else |
 */

/** The JSON of an error answer. */
export interface ErrorBody {
  error: { code: string; message: string; httpStatus?: number }
  [extra: string]: unknown
}

/** A failure with the status and code to answer with. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  /** Members added beside `error` in the body (e.g. `problems`). */
  readonly extra: Record<string, unknown>

  constructor(status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.extra = extra
  }
}

/** Codes of input that does not validate. */
const VALIDATION_CODES: ReadonlySet<string> = new Set([
  'INVALID_MAPPING',
  'INVALID_SETTINGS',
  'PAYLOAD_VALIDATION_FAILED',
  'INVALID_EVENT',
  'INVALID_AUDIENCE_MEMBERSHIP'
])

/** Codes of credentials that were refused. */
const REFUSED_CODES: ReadonlySet<string> = new Set([
  'INVALID_AUTHENTICATION',
  'OAUTH_REFRESH_FAILED',
  'REFRESH_TOKEN_EXPIRED'
])

/**
 * The status and body for anything thrown while answering. Errors are read by
 * their shape (`code`, `status`, `response`), not their class: a definition
 * imported with tsx has its own copy of `@destkit/core` and its error classes.
 *
 * @example
 * errorAnswer(new PayloadValidationError('Email is required.'))
 * // { status: 422, body: { error: { code: 'PAYLOAD_VALIDATION_FAILED', message: 'Email is required.' } } }
 */
export function errorAnswer(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof ApiError) {
    return {
      status: error.status,
      body: { error: { code: error.code, message: error.message }, ...error.extra }
    }
  }
  const failure = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown
    status?: unknown
    message?: unknown
    response?: { status?: unknown }
    problems?: unknown
  }
  const message =
    typeof failure.message === 'string' && failure.message !== ''
      ? failure.message
      : `The destination failed with ${String(error)}.`
  const code = typeof failure.code === 'string' ? failure.code : 'UNKNOWN_ERROR'
  const body = (extra: Partial<ErrorBody['error']> = {}): ErrorBody => ({
    error: { code, message, ...extra }
  })
  const httpStatus = typeof failure.response?.status === 'number' ? failure.response.status : undefined
  if (httpStatus !== undefined) return { status: 502, body: body({ httpStatus }) }
  if (VALIDATION_CODES.has(code)) {
    const answer = { status: 422, body: body() }
    if (Array.isArray(failure.problems)) answer.body.problems = failure.problems
    return answer
  }
  if (REFUSED_CODES.has(code)) return { status: 401, body: body() }
  if (code === 'NOT_IMPLEMENTED_BY_DESTINATION') return { status: 501, body: body() }
  if (code === 'ACTION_NOT_FOUND') return { status: 404, body: body() }
  if (code === 'REQUEST_TIMEOUT' || code === 'SELF_TIMEOUT') return { status: 504, body: body() }
  // Anything else a destination threw (an IntegrationError, a network failure) is the destination's failure.
  if (typeof failure.status === 'number' || typeof failure.code === 'string') {
    return { status: 502, body: body() }
  }
  return { status: 500, body: body() }
}
