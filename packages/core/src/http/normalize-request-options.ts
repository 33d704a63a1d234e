/**
 * Defaults applied to merged request options before a request is sent.
 */
import { mergeHeaders } from './merge-request-options.js'
import type { HttpMethod, NormalizedRequestOptions, RequestOptions } from './types.js'

/** Milliseconds a request may take in total unless `timeout` says otherwise. */
export const DEFAULT_TIMEOUT_MS = 10_000

/**
 * Fills in the defaults: method upper-cased (default `GET`), header names
 * lower-cased, `timeout` 10 000 ms, `throwHttpErrors` true. Returns a new object.
 *
 * @example
 * normalizeRequestOptions({ method: 'post', headers: { 'X-Key': 'k' } })
 * // → { method: 'POST', headers: { 'x-key': 'k' }, timeout: 10000, throwHttpErrors: true }
 */
export function normalizeRequestOptions(options: RequestOptions): NormalizedRequestOptions {
  const timeout = options.timeout
  return {
    ...options,
    method: (options.method ?? 'GET').toUpperCase() as HttpMethod,
    headers: mergeHeaders({}, options.headers),
    timeout:
      typeof timeout === 'number' && Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_TIMEOUT_MS,
    throwHttpErrors: options.throwHttpErrors !== false
  }
}
