/**
 * got's errors, translated into destkit's: callers see one small set of error
 * classes whatever the transport, and none of them prints the request's secrets.
 */
import { NetworkError, RequestAbortedError, RequestTimeoutError } from '../errors/http-errors.js'
import type { NormalizedRequestOptions } from './types.js'

/**
 * Translates an error thrown while sending a request (no response arrived).
 * Timeouts become `RequestTimeoutError`, aborts `RequestAbortedError` (name
 * `AbortError`), everything else a `NetworkError` keeping the Node.js code.
 *
 * @example
 * try { await got(url) } catch (error) { throw translateTransportError(error, url, options) }
 */
export function translateTransportError(
  error: unknown,
  url: string,
  options: NormalizedRequestOptions
): Error {
  const { name, code } = describe(error)
  if (options.signal?.aborted || name === 'AbortError' || code === 'ERR_ABORTED' || code === 'ABORT_ERR') {
    return new RequestAbortedError(url)
  }
  if (name === 'TimeoutError') return new RequestTimeoutError(url, options.timeout, options)
  return new NetworkError(url, code ?? causeCode(error) ?? 'NETWORK_ERROR', options)
}

function describe(error: unknown): { name?: string; code?: string } {
  if (typeof error !== 'object' || error === null) return {}
  const { name, code } = error as { name?: unknown; code?: unknown }
  return {
    ...(typeof name === 'string' && { name }),
    // got's catch-all code says nothing; prefer the code of the underlying error.
    ...(typeof code === 'string' && code !== 'ERR_GOT_REQUEST_ERROR' && { code })
  }
}

function causeCode(error: unknown): string | undefined {
  const cause = (error as { cause?: unknown } | null)?.cause
  return describe(cause).code
}
