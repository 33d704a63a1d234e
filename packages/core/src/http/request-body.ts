/**
 * The exact bytes a request sends, computed once so that the recorded request
 * (`request.text()`), the options and the wire always agree.
 */
import type { RequestOptions } from './types.js'

/** A request body as it goes over the wire, and the content type it implies. */
export interface EncodedBody {
  body: string | Buffer | undefined
  /** The content type to send when the caller did not set one. */
  contentType?: string
}

/**
 * Encodes `json` (wins when set) or `body`. Content types follow `fetch`: JSON →
 * `application/json`, URLSearchParams → form encoding, a string → `text/plain`.
 *
 * @example
 * encodeRequestBody({ json: { a: 1 } })                         // { body: '{"a":1}', contentType: 'application/json' }
 * encodeRequestBody({ body: new URLSearchParams({ a: 'b c' }) }) // { body: 'a=b+c', contentType: 'application/x-www-form-urlencoded;charset=UTF-8' }
 */
export function encodeRequestBody(options: Pick<RequestOptions, 'json' | 'body'>): EncodedBody {
  if (options.json !== undefined)
    return { body: JSON.stringify(options.json), contentType: 'application/json' }
  const body = options.body
  if (body === undefined || body === null) return { body: undefined }
  if (typeof body === 'string') return { body, contentType: 'text/plain;charset=UTF-8' }
  if (body instanceof URLSearchParams) {
    return { body: body.toString(), contentType: 'application/x-www-form-urlencoded;charset=UTF-8' }
  }
  if (Buffer.isBuffer(body)) return { body }
  return { body: Buffer.from(body.buffer, body.byteOffset, body.byteLength) }
}
