/**
 * The request as it went over the wire, fetch-style, for tests and summaries.
 */
import { createHeaders } from './headers.js'
import type { SentRequest } from './types.js'

/** The sent body of each request, kept out of the object so printing it stays small. */
const sentBodies = new WeakMap<SentRequest, string | Buffer>()

/**
 * Creates a `SentRequest` whose `text()`/`json()` return exactly the bytes sent.
 *
 * @example
 * const request = createSentRequest({ url, method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' })
 * await request.json() // { a: 1 }
 */
export function createSentRequest(sent: {
  url: string
  method: string
  headers: Record<string, string | string[]>
  body: string | Buffer | undefined
}): SentRequest {
  const text = (): string => (sent.body === undefined ? '' : sent.body.toString())
  const request: SentRequest = {
    url: sent.url,
    method: sent.method,
    headers: createHeaders(sent.headers),
    text: async () => text(),
    json: async () => JSON.parse(text()) as unknown
  }
  if (sent.body !== undefined) sentBodies.set(request, sent.body)
  return request
}

/**
 * The body a `SentRequest` carried, synchronously (undefined when none, or when
 * the request was not made by this client).
 *
 * @example
 * sentRequestBody(response.request) // '{"a":1}'
 */
export function sentRequestBody(request: SentRequest): string | Buffer | undefined {
  return sentBodies.get(request)
}
