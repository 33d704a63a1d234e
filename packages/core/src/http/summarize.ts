/**
 * Small, redacted, plain-data copies of a request and its response, for
 * Outcomes, the event tester and logs. They hold no reference to the live response.
 */
import { basicAuthHeader } from './basic-auth.js'
import { createRedactor, redactHeaders, redactUrl, type Redactor } from './redact.js'
import { sentRequestBody } from './sent-request.js'
import type { ModifiedResponse } from './types.js'

/** The default bound of a summarized body: 64 KiB. */
export const DEFAULT_MAX_BODY_BYTES = 65_536

/** A request as it was sent, redacted and bounded. */
export interface HttpRequestSummary {
  method: string
  url: string
  headers: Record<string, string>
  /** Absent when the request had no body. */
  body?: string
  /** Set when `body` was cut to the size bound. */
  truncated?: true
}

/** A response as it was received, redacted and bounded. */
export interface HttpResponseSummary {
  status: number
  statusText: string
  headers: Record<string, string>
  body: string
  /** Set when `body` was cut to the size bound. */
  truncated?: true
}

/** A request and its response, summarized. */
export interface HttpExchangeSummary {
  request: HttpRequestSummary
  response: HttpResponseSummary
}

/** How to summarize. */
export interface SummarizeOptions {
  /** Secret values to mask (settings of type password, tokens…). */
  secrets?: readonly string[]
  /** A redactor compiled once with `createRedactor`; used with `secrets` when both are given. */
  redactor?: Redactor
  /** Bound of each body in UTF-8 bytes (default 65 536). */
  maxBodyBytes?: number
}

/**
 * Summarizes a response and the request that produced it: method, URL, headers
 * and bodies, with every secret masked (also the request's Basic-auth password
 * and its encoded form) and each body cut to `maxBodyBytes` (flagged `truncated`).
 *
 * @example
 * const summary = summarizeResponse(error.response, { secrets: [settings.apiKey] })
 * summary.request.headers.authorization // 'Basic [REDACTED]'
 * summary.response.status               // 401
 */
export function summarizeResponse(
  response: ModifiedResponse,
  options: SummarizeOptions = {}
): HttpExchangeSummary {
  const redact = redactorFor(response, options)
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const sentBody = requestBodyText(response)

  const request: HttpRequestSummary = {
    method: String(response.request?.method ?? response.options?.method ?? 'GET'),
    url: redactUrl(String(response.request?.url ?? response.url), redact),
    headers: redactHeaders(response.request?.headers ?? response.options?.headers ?? {}, redact)
  }
  if (sentBody !== undefined) Object.assign(request, boundedBody(redact(sentBody), maxBodyBytes))

  return {
    request,
    response: {
      status: response.status,
      statusText: String(response.statusText ?? ''),
      headers: redactHeaders(response.headers ?? {}, redact),
      ...boundedBody(redact(String(response.content ?? '')), maxBodyBytes)
    }
  }
}

/**
 * Cuts a text to at most `maxBytes` UTF-8 bytes without splitting a character.
 *
 * @example
 * truncateUtf8('héllo', 2) // { text: 'h', truncated: true }
 */
export function truncateUtf8(text: string, maxBytes: number): { text: string; truncated: boolean } {
  // Every UTF-16 unit takes at most 3 UTF-8 bytes: short texts need no encoding.
  if (text.length * 3 <= maxBytes) return { text, truncated: false }
  const bytes = Buffer.from(text, 'utf8')
  if (bytes.length <= maxBytes) return { text, truncated: false }
  let end = Math.max(0, maxBytes)
  // Step back over continuation bytes (10xxxxxx) to a character boundary.
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--
  return { text: bytes.subarray(0, end).toString('utf8'), truncated: true }
}

function boundedBody(text: string, maxBytes: number): { body: string; truncated?: true } {
  const cut = truncateUtf8(text, maxBytes)
  return cut.truncated ? { body: cut.text, truncated: true } : { body: cut.text }
}

function redactorFor(response: ModifiedResponse, options: SummarizeOptions): Redactor {
  const extra: string[] = [...(options.secrets ?? [])]
  const { username, password } = response.options ?? {}
  if (password) extra.push(password)
  if (username || password) extra.push(basicAuthHeader(username ?? '', password ?? '').slice('Basic '.length))
  const given = options.redactor
  // Nothing of its own to mask: the given redactor alone (or none), without compiling an empty one.
  if (extra.length === 0) return given ?? identity
  const own = createRedactor(extra)
  return given ? (text) => own(given(text)) : own
}

const identity: Redactor = (text) => text

/** The sent body: recorded by the client, else rebuilt from the options (a response made by hand). */
function requestBodyText(response: ModifiedResponse): string | undefined {
  const recorded = response.request ? sentRequestBody(response.request) : undefined
  if (recorded !== undefined) return recorded.toString()
  const { json, body } = response.options ?? {}
  if (json !== undefined) return JSON.stringify(json)
  if (body === undefined || body === null) return undefined
  return typeof body === 'string' || body instanceof URLSearchParams
    ? body.toString()
    : Buffer.from(body).toString()
}
