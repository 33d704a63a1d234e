/**
 * What `response.data` holds: parsed JSON for a JSON response, the text otherwise.
 */
import type { RequestOptions } from './types.js'

/**
 * Whether `data` is parsed from a response of this content type: when it names
 * `application/json`, as the compatible runtime decides. `application/problem+json`
 * and other `+json` types stay text there, and destinations parse them themselves,
 * so they stay text here too (`responseType: 'json'` parses any body).
 *
 * @example
 * isJsonContentType('application/json; charset=utf-8') // true
 * isJsonContentType('application/vnd.api+json')        // false
 */
export function isJsonContentType(contentType: string | null | undefined): boolean {
  return typeof contentType === 'string' && contentType.toLowerCase().includes('application/json')
}

/**
 * Computes `data` from the body. JSON (by content type, or `responseType: 'json'`)
 * is parsed and becomes `undefined` when it does not parse — this never throws;
 * `responseType: 'buffer'` gives the bytes; anything else gives the text, as the
 * Destination Actions runtime does.
 *
 * @example
 * parseResponseData(Buffer.from('{"ok":true}'), 'application/json') // { ok: true }
 * parseResponseData(Buffer.from('{oops'), 'application/json')       // undefined
 * parseResponseData(Buffer.from('hi'), 'text/plain')                // 'hi'
 */
export function parseResponseData(
  raw: Buffer,
  contentType: string | null,
  responseType?: RequestOptions['responseType']
): unknown {
  if (responseType === 'buffer') return raw
  return parseResponseText(raw.toString('utf8'), contentType, responseType)
}

/**
 * `parseResponseData` for a body already decoded as UTF-8 (`raw` is returned for
 * `responseType: 'buffer'`), so that a response's text is decoded once.
 *
 * @example
 * parseResponseText('{"ok":true}', 'application/json', undefined, body) // { ok: true }
 */
export function parseResponseText(
  text: string,
  contentType: string | null,
  responseType?: RequestOptions['responseType'],
  raw?: Buffer
): unknown {
  if (responseType === 'buffer') return raw ?? Buffer.from(text, 'utf8')
  if (responseType === 'json' || (responseType === undefined && isJsonContentType(contentType))) {
    try {
      return JSON.parse(text) as unknown
    } catch {
      return undefined
    }
  }
  return text
}
