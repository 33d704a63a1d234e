/**
 * The single place that decides whether a failure is worth retrying.
 */
import { HTTPError, RequestTimeoutError } from '../errors/http-errors.js'
import { IntegrationError, InvalidAuthenticationError, RetryableError, isRetryableStatus } from '../errors/errors.js'
import { ErrorCodes, getErrorCodeFromHttpStatus } from '../errors/error-codes.js'
import { parseRetryAfter } from './retry-after.js'

/** A failure, classified. */
export interface ErrorClassification {
  status: 'retryable' | 'failed'
  code: string
  message: string
  /** The HTTP status involved, when there was one. */
  httpStatus?: number
  /** How long the API asked us to wait (from `Retry-After`), in milliseconds. */
  retryAfterMs?: number
}

/** Network error codes of Node.js and undici after which a retry may succeed. */
export const retryableNetworkCodes: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'EADDRINUSE',
  'ERR_STREAM_PREMATURE_CLOSE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT'
])

/**
 * Classifies any thrown value as `retryable` or `failed`, with a code, a
 * sentence and the `Retry-After` delay when the API gave one.
 *
 * @example
 * const { status, retryAfterMs } = classifyError(error)
 * if (status === 'retryable') queue.retryIn(retryAfterMs ?? backoff)
 */
export function classifyError(error: unknown, now: number = Date.now()): ErrorClassification {
  if (error instanceof HTTPError) {
    const retryAfterMs = parseRetryAfter(error.response?.headers?.get('retry-after'), now)
    return {
      status: isRetryableStatus(error.status) ? 'retryable' : 'failed',
      code: error.code,
      message: error.message,
      httpStatus: error.status,
      ...(retryAfterMs !== undefined && { retryAfterMs })
    }
  }
  if (error instanceof RetryableError) {
    return {
      status: 'retryable',
      code: error.code,
      message: error.message,
      httpStatus: error.status,
      ...(error.retryAfterMs !== undefined && { retryAfterMs: error.retryAfterMs })
    }
  }
  if (error instanceof RequestTimeoutError) {
    return { status: 'retryable', code: error.code, message: error.message, httpStatus: 408 }
  }
  if (error instanceof InvalidAuthenticationError) {
    return { status: 'failed', code: error.code, message: error.message, httpStatus: error.status }
  }
  if (error instanceof IntegrationError) {
    return {
      status: error.retryable ? 'retryable' : 'failed',
      code: error.code ?? (error.status ? getErrorCodeFromHttpStatus(error.status) : ErrorCodes.UNKNOWN_ERROR),
      message: error.message,
      ...(error.status !== undefined && { httpStatus: error.status })
    }
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code
    if (error.name === 'AbortError' || code === 'ABORT_ERR' || code === 'ERR_ABORTED') {
      return { status: 'retryable', code: ErrorCodes.ABORTED, message: 'The delivery was aborted before it finished.' }
    }
    if (typeof code === 'string' && retryableNetworkCodes.has(code)) {
      return { status: 'retryable', code, message: `A network error occurred (${code}): ${error.message}` }
    }
    return {
      status: 'failed',
      code: typeof code === 'string' && code !== '' ? code : ErrorCodes.UNKNOWN_ERROR,
      message: error.message || error.name
    }
  }
  return { status: 'failed', code: ErrorCodes.UNKNOWN_ERROR, message: `A non-error value was thrown: ${String(error)}` }
}
