/**
 * The single place that decides whether a failure is worth retrying.
 */
import { HTTPError, NetworkError, RequestAbortedError, RequestTimeoutError } from '../errors/http-errors.js'
import {
  IntegrationError,
  InvalidAuthenticationError,
  RetryableError,
  isRetryableStatus
} from '../errors/errors.js'
import { ErrorCodes, getErrorCodeFromHttpStatus } from '../errors/error-codes.js'
import { isRetryableNetworkCode, retryableNetworkCodes } from './network-codes.js'
import { parseRetryAfter } from './retry-after.js'

export { retryableNetworkCodes }

/** A failure, classified. */
export interface ErrorClassification {
  status: 'retryable' | 'failed'
  code: string
  message: string
  /** The HTTP status involved, when there was one. */
  httpStatus?: number
  /** How long the API asked us to wait (from `Retry-After`), in milliseconds. Only on retryable failures. */
  retryAfterMs?: number
}

/** How deep to follow `error.cause` looking for a network code (fetch wraps them). */
const MAX_CAUSE_DEPTH = 5

/**
 * Classifies any thrown value as `retryable` or `failed`, with a code, a
 * sentence and the `Retry-After` delay when the API gave one.
 *
 * Retryable: network errors (`retryableNetworkCodes`, also found on `error.cause`),
 * timeouts, aborts, HTTP 408, 423, 429 and 5xx except 501 and 505, `RetryableError`,
 * an `IntegrationError` whose status is one of those. Everything else fails for good.
 *
 * @example
 * const { status, retryAfterMs } = classifyError(error)
 * if (status === 'retryable') queue.retryIn(retryAfterMs ?? backoff)
 */
export function classifyError(error: unknown, now: number = Date.now()): ErrorClassification {
  const classification = classify(error, now)
  // A thrown object may carry anything as its message; what leaves here is always a sentence.
  if (typeof classification.message !== 'string') {
    classification.message = messageText(classification.message)
  }
  return classification
}

function messageText(message: unknown): string {
  if (message === undefined || message === null) return 'An error without a message was thrown.'
  try {
    return typeof message === 'object' ? JSON.stringify(message) : String(message)
  } catch {
    return 'An error with an unprintable message was thrown.'
  }
}

function classify(error: unknown, now: number): ErrorClassification {
  if (error instanceof HTTPError) {
    return classifyStatus(
      error.status,
      error.code,
      error.message,
      error.response?.headers?.get('retry-after'),
      now
    )
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
  if (error instanceof RequestAbortedError) {
    return { status: 'retryable', code: ErrorCodes.ABORTED, message: error.message }
  }
  if (error instanceof NetworkError) {
    return { status: error.retryable ? 'retryable' : 'failed', code: error.code, message: error.message }
  }
  if (error instanceof InvalidAuthenticationError) {
    return { status: 'failed', code: error.code, message: error.message, httpStatus: error.status }
  }
  if (error instanceof IntegrationError) {
    return {
      status: error.retryable ? 'retryable' : 'failed',
      code: integrationErrorCode(error),
      message: error.message,
      ...(error.status !== undefined && { httpStatus: error.status })
    }
  }
  if (error instanceof Error) return classifyForeignError(error, now)
  return {
    status: 'failed',
    code: ErrorCodes.UNKNOWN_ERROR,
    message: `A non-error value was thrown: ${String(error)}`
  }
}

/** Errors from elsewhere: `fetch`, got used directly, the peer runtime's HTTPError, Node.js. */
function classifyForeignError(error: Error, now: number): ErrorClassification {
  const code = (error as { code?: unknown }).code
  if (error.name === 'AbortError' || code === 'ABORT_ERR' || code === 'ERR_ABORTED') {
    return {
      status: 'retryable',
      code: ErrorCodes.ABORTED,
      message: 'The delivery was aborted before it finished.'
    }
  }
  if (error.name === 'TimeoutError') {
    return {
      status: 'retryable',
      code: ErrorCodes.REQUEST_TIMEOUT,
      message: 'The request timed out.',
      httpStatus: 408
    }
  }
  const networkCode = findNetworkCode(error)
  if (networkCode !== undefined) {
    return {
      status: 'retryable',
      code: networkCode,
      message: `A network error occurred (${networkCode}): ${error.message}`
    }
  }
  const response = (error as { response?: { status?: unknown; statusCode?: unknown; headers?: unknown } })
    .response
  const status =
    numeric((error as { status?: unknown }).status) ??
    numeric(response?.status) ??
    numeric(response?.statusCode)
  if (status !== undefined && status >= 100 && status <= 599) {
    return classifyStatus(
      status,
      getErrorCodeFromHttpStatus(status),
      error.message || error.name,
      headerOf(response?.headers, 'retry-after'),
      now
    )
  }
  return {
    status: 'failed',
    code: typeof code === 'string' && code !== '' ? code : ErrorCodes.UNKNOWN_ERROR,
    message: error.message || error.name
  }
}

function classifyStatus(
  status: number,
  code: string,
  message: string,
  retryAfter: string | null | undefined,
  now: number
): ErrorClassification {
  if (!isRetryableStatus(status)) return { status: 'failed', code, message, httpStatus: status }
  const retryAfterMs = parseRetryAfter(retryAfter, now)
  return {
    status: 'retryable',
    code,
    message,
    httpStatus: status,
    ...(retryAfterMs !== undefined && { retryAfterMs })
  }
}

function findNetworkCode(error: unknown): string | undefined {
  let current: unknown = error
  for (let depth = 0; depth <= MAX_CAUSE_DEPTH && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && isRetryableNetworkCode(code)) return code
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

function numeric(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined
}

/** A header from fetch `Headers`, our `ResponseHeaders` or a plain (Node.js) header object. */
function headerOf(headers: unknown, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined
  const get = (headers as { get?: unknown }).get
  if (typeof get === 'function') return (get.call(headers, name) as string | null) ?? undefined
  const value = (headers as Record<string, unknown>)[name]
  return typeof value === 'string' ? value : undefined
}

/** An IntegrationError's code; a bare status code (`APIError`'s `'409'`) becomes its name (`CONFLICT`). */
function integrationErrorCode(error: IntegrationError): string {
  const code = error.code as string | undefined
  if (code && !/^\d{3}$/.test(code)) return code
  return error.status ? getErrorCodeFromHttpStatus(error.status) : ErrorCodes.UNKNOWN_ERROR
}
