/**
 * The request client's public shapes. The implementation (got-based) lives in
 * `http/create-request-client.ts`; destinations only see these types.
 */
import type { Transport } from './transport.js'

/** HTTP methods, in either case. */
export type HttpMethod =
  | 'get'
  | 'post'
  | 'put'
  | 'patch'
  | 'delete'
  | 'head'
  | 'options'
  | 'GET'
  | 'POST'
  | 'PUT'
  | 'PATCH'
  | 'DELETE'
  | 'HEAD'
  | 'OPTIONS'

/** Search parameters as an object, a `URLSearchParams` or a query string. */
export type SearchParams =
  Record<string, string | number | boolean | null | undefined> | URLSearchParams | string

/** Headers as a plain object; a header set to `undefined` is removed when options merge. */
export type RequestHeaders = Record<string, string | string[] | undefined>

/** Hooks run around each request (they concatenate when options merge). */
export interface RequestHooks {
  /** Runs before the request is sent; may change `options` in place or return options to merge on top. */
  beforeRequest?: Array<
    (options: NormalizedRequestOptions) => RequestOptions | void | Promise<RequestOptions | void>
  >
  /** Runs after a response arrives; may return a replacement response. */
  afterResponse?: Array<
    (
      response: ModifiedResponse,
      options: NormalizedRequestOptions
    ) => ModifiedResponse | void | Promise<ModifiedResponse | void>
  >
  /** Runs when a request fails (HTTP or network error); may return a replacement error. */
  beforeError?: Array<(error: Error) => Error | void | Promise<Error | void>>
}

/**
 * Options of a request made with the client a destination receives.
 *
 * @example
 * await request('https://api.example.com/v1/events', {
 *   method: 'post', json: { name: 'Order Completed' }, headers: { 'x-api-key': settings.apiKey }
 * })
 */
export interface RequestOptions {
  method?: HttpMethod
  headers?: RequestHeaders
  /** A value sent as JSON (sets `content-type: application/json`). */
  json?: unknown
  /** A raw body. */
  body?: string | Buffer | Uint8Array | URLSearchParams
  searchParams?: SearchParams
  /** HTTP Basic authentication. */
  username?: string
  password?: string
  /** Milliseconds before the request is aborted (default 10 000). */
  timeout?: number
  /** Throw `HTTPError` for a non-2xx response (default true). */
  throwHttpErrors?: boolean
  signal?: AbortSignal
  prefixUrl?: string
  responseType?: 'json' | 'text' | 'buffer'
  hooks?: RequestHooks
  /** Follow redirects (default true) and how many at most (default 10). */
  followRedirect?: boolean
  maxRedirects?: number
  /** Called before following each redirect; throw to refuse it (the SSRF guard uses it). */
  beforeRedirect?: (url: URL) => void | Promise<void>
  /**
   * The SSRF guard: refuse (`PRIVATE_NETWORK_REFUSED`, not retryable) a URL, a redirect or a
   * resolved address that is private, loopback or link-local. For URLs a customer types.
   * Once any merged option turns it on, a later one cannot turn it off.
   */
  blockPrivateNetworks?: boolean
  /**
   * Sends the request instead of the network (a dry run, a recorder): see `Transport`. Once any
   * merged option sets one, a later one cannot replace or remove it, so a host's dry run never sends.
   */
  transport?: Transport
  /** Compatible spelling of `hooks.beforeRequest`. */
  beforeRequest?: NonNullable<RequestHooks['beforeRequest']>
  /** Compatible spelling of an after-response hook, called as `(request, options, response)`. */
  afterResponse?: Array<
    (
      request: SentRequest,
      options: NormalizedRequestOptions,
      response: ModifiedResponse
    ) => ModifiedResponse | void | Promise<ModifiedResponse | void>
  >
}

/** Options after merging and defaulting, as the hooks and the recorded response see them. */
export interface NormalizedRequestOptions extends RequestOptions {
  method: HttpMethod
  headers: Record<string, string | string[]>
  timeout: number
  throwHttpErrors: boolean
}

/** Response headers with fetch-style accessors. */
export interface ResponseHeaders {
  get(name: string): string | null
  has(name: string): boolean
  forEach(callback: (value: string, name: string) => void): void
  entries(): IterableIterator<[string, string]>
  keys(): IterableIterator<string>
  values(): IterableIterator<string>
  /** Every header with its values as a list (node-fetch's `raw()`). */
  raw(): Record<string, string[]>
  toJSON(): Record<string, string>
  [Symbol.iterator](): IterableIterator<[string, string]>
}

/** The request as it went over the wire, fetch-style. */
export interface SentRequest {
  url: string
  method: string
  headers: ResponseHeaders
  text(): Promise<string>
  json(): Promise<unknown>
}

/**
 * A response as destinations and their tests see it.
 *
 * @example
 * const response = await request(url)
 * response.status      // 200
 * response.data        // parsed JSON, or undefined
 * response.headers.get('content-type')
 */
export interface ModifiedResponse<T = any> {
  status: number
  statusText: string
  ok: boolean
  url: string
  headers: ResponseHeaders
  /** The body as text. */
  content: string
  /** The body parsed as JSON when its content type is JSON; undefined if it does not parse. */
  data: T
  /** The request as sent. */
  request: SentRequest
  /** The options as passed (merged with the destination's extension). */
  options: NormalizedRequestOptions
  /** The body parsed as JSON (rejects when it does not parse), as fetch's `Response.json()`. */
  json(): Promise<any>
  /** The body as text, as fetch's `Response.text()`. */
  text(): Promise<string>
  /** The body's bytes, as fetch's `Response.arrayBuffer()`. */
  arrayBuffer(): Promise<ArrayBuffer>
  /** A copy whose body can be read again (the body is buffered, so always). */
  clone(): ModifiedResponse<T>
}

/**
 * The function a destination calls to make HTTP requests.
 *
 * @example
 * const response = await request('https://api.example.com/track', { method: 'POST', json: payload })
 */
export type RequestClient = <T = any>(url: string, options?: RequestOptions) => Promise<ModifiedResponse<T>>
