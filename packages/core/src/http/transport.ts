/**
 * A transport: what sends a request in place of the network. A host that must
 * not send, or must not send yet (a dry run, a recorder, an in-process fake),
 * gives one as the `transport` request option; the request client hands it the
 * request exactly as it would go over the wire and builds the response from
 * what it answers.
 */

/** A request exactly as it would go over the wire. */
export interface TransportRequest {
  /** The full URL, query string included. */
  url: string
  /** Upper-cased. */
  method: string
  /** Lower-cased names, as sent (content type, user agent and Basic credentials included). */
  headers: Record<string, string | string[]>
  /** The body's bytes (absent when there is none). */
  body?: string | Buffer
  signal?: AbortSignal
}

/** What a transport answers: a final response (no redirect is followed after it). */
export interface TransportResponse {
  status: number
  /** Defaults to the standard reason phrase of `status`. */
  statusText?: string
  headers?: Record<string, string | string[]>
  body?: string | Uint8Array
  /** Defaults to the request's URL. */
  url?: string
}

/**
 * Sends a request instead of the network. A thrown error is reported as a
 * network error (keeping its `code`, so `ECONNRESET` stays retryable).
 *
 * @example
 * const dryRun: Transport = (request) => {
 *   sent.push(request)
 *   return { status: 200, headers: { 'content-type': 'application/json' }, body: '{}' }
 * }
 * await createRequestClient({ transport: dryRun })('https://api.example.com/track', { method: 'post', json: {} })
 */
export type Transport = (request: TransportRequest) => TransportResponse | Promise<TransportResponse>

/** A response as the request client reads it, from the network or from a transport. */
export interface RawResponse {
  statusCode: number
  statusMessage?: string
  url: string
  headers: Record<string, string | string[] | undefined>
  body: Uint8Array
}

/**
 * Reads a transport's answer as the network's response. An answer that is not
 * a response (no integer `status` from 100 to 599) is a `TypeError`: a bug in
 * the transport, not a network failure.
 *
 * @example
 * const raw = readTransportResponse(await transport(request), request.url)
 * raw.statusCode // 200
 */
export function readTransportResponse(answer: TransportResponse, requestUrl: string): RawResponse {
  const status = answer?.status
  if (!Number.isInteger(status) || status < 100 || status > 599) {
    throw new TypeError('The transport answered without a valid HTTP status (an integer from 100 to 599).')
  }
  const body = answer.body ?? ''
  return {
    statusCode: status,
    ...(answer.statusText !== undefined && { statusMessage: answer.statusText }),
    url: answer.url ?? requestUrl,
    headers: { ...answer.headers },
    body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body
  }
}
