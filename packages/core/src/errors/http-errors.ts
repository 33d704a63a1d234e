/**
 * Errors raised by the request client. They carry the response (or request)
 * for the destination's own error handling, but keep it out of enumeration,
 * JSON and `util.inspect`, so printing an error never prints a secret header.
 */
import { inspect } from 'node:util'
import { getErrorCodeFromHttpStatus } from './error-codes.js'
import { isRetryableStatus } from './errors.js'
import { describeNetworkCode, isRetryableNetworkCode } from '../http/network-codes.js'
import type { ModifiedResponse, NormalizedRequestOptions } from '../http/types.js'

function hide(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: false, writable: true, configurable: true })
}

/**
 * A non-2xx response, thrown when `throwHttpErrors` is on (the default).
 *
 * @example
 * try { await request(url) } catch (error) {
 *   if (error instanceof HTTPError && error.response.status === 404) return createIt()
 *   throw error
 * }
 */
export class HTTPError extends Error {
  declare response: ModifiedResponse
  declare request: ModifiedResponse['request']
  declare options: NormalizedRequestOptions
  code: string
  status: number

  constructor(response: ModifiedResponse) {
    const reason = response.statusText ? `${response.status} ${response.statusText}` : String(response.status)
    super(`The request to ${safeUrl(response.url)} failed with ${reason}.`)
    this.name = 'HTTPError'
    this.status = response.status
    this.code = getErrorCodeFromHttpStatus(response.status)
    hide(this, 'response', response)
    hide(this, 'request', response.request)
    hide(this, 'options', response.options)
  }

  get retryable(): boolean {
    return isRetryableStatus(this.status)
  }

  [inspect.custom](): string {
    return `${this.name} [${this.code}]: ${this.message}`
  }
}

/**
 * The request did not complete within its `timeout`.
 *
 * @example
 * if (error instanceof RequestTimeoutError) logger.warn(error.message)
 */
export class RequestTimeoutError extends Error {
  code: string
  status: number
  declare options: NormalizedRequestOptions | undefined

  constructor(url: string, timeoutMs: number, options?: NormalizedRequestOptions) {
    super(`The request to ${safeUrl(url)} timed out after ${timeoutMs} ms.`)
    this.name = 'RequestTimeoutError'
    this.code = 'REQUEST_TIMEOUT'
    this.status = 408
    hide(this, 'options', options)
  }

  get retryable(): boolean {
    return true
  }

  [inspect.custom](): string {
    return `${this.name} [${this.code}]: ${this.message}`
  }
}

/**
 * The request failed below HTTP: no response arrived (connection refused or
 * reset, name lookup failed, too many redirects…). `code` is the Node.js code.
 *
 * @example
 * if (error instanceof NetworkError && error.code === 'ENOTFOUND') throw new IntegrationError('Check the host name.', 'BAD_HOST', 400)
 */
export class NetworkError extends Error {
  code: string
  declare options: NormalizedRequestOptions | undefined

  constructor(url: string, code: string, options?: NormalizedRequestOptions) {
    super(`The request to ${safeUrl(url)} failed: ${describeNetworkCode(code)} (${code}).`)
    this.name = 'NetworkError'
    this.code = code
    hide(this, 'options', options)
  }

  /** Whether a retry may succeed (see `retryableNetworkCodes`). */
  get retryable(): boolean {
    return isRetryableNetworkCode(this.code)
  }

  [inspect.custom](): string {
    return `${this.name} [${this.code}]: ${this.message}`
  }
}

/**
 * The request was cancelled through its `signal`. Its name is `AbortError`, as
 * with `fetch`, so code that checks `error.name === 'AbortError'` keeps working.
 *
 * @example
 * if (error instanceof RequestAbortedError) return // the host is shutting down
 */
export class RequestAbortedError extends Error {
  code: string

  constructor(url: string) {
    super(`The request to ${safeUrl(url)} was aborted before it finished.`)
    this.name = 'AbortError'
    this.code = 'ABORTED'
  }

  /** An abort is the caller's decision, not the destination's failure: the event may be sent again. */
  get retryable(): boolean {
    return true
  }

  [inspect.custom](): string {
    return `${this.name} [${this.code}]: ${this.message}`
  }
}

/**
 * A URL without credentials or query string, safe to show in a message:
 * query strings often carry API keys.
 */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url)
    return `${parsed.origin}${parsed.pathname}`
  } catch {
    return '(an invalid URL)'
  }
}
