/**
 * The Graph API as the Conversions API uses it: the one version constant, the URLs, the request that posts
 * server events, and Meta's error responses mapped to the framework's errors.
 */
import {
  APIError,
  HTTPError,
  InvalidAuthenticationError,
  RetryableError,
  isRetryableStatus,
  parseRetryAfter,
  type ModifiedResponse,
  type RequestClient
} from '@destkit/core'
import type { Settings } from './generated-types.js'

/** The Graph API version every request uses (v26.0, released July 29, 2026). Change it here only. */
export const GRAPH_API_VERSION = 'v26.0'

export const GRAPH_API_ORIGIN = 'https://graph.facebook.com'

/** Meta accepts up to 1,000 server events in one request's `data`. */
export const MAX_EVENTS_PER_REQUEST = 1000

/** `https://graph.facebook.com/v26.0/{pixel_id}` */
export function pixelUrl(pixelId: string): string {
  return `${GRAPH_API_ORIGIN}/${GRAPH_API_VERSION}/${encodeURIComponent(pixelId.trim())}`
}

/** `https://graph.facebook.com/v26.0/{pixel_id}/events` */
export function eventsUrl(pixelId: string): string {
  return `${pixelUrl(pixelId)}/events`
}

/** What the `/events` edge answers on success. */
export interface EventsResponse {
  events_received?: number
  messages?: unknown[]
  fbtrace_id?: string
}

/** Meta's error object (`{ error: { … } }`). */
export interface GraphError {
  message?: string
  type?: string
  code?: number
  error_subcode?: number
  error_user_title?: string
  error_user_msg?: string
  fbtrace_id?: string
}

/** Graph API throttling: 4 (app), 17 (user), 32 (page), 341 (application limit), 613 (rate limit). */
export const RATE_LIMIT_CODES: ReadonlySet<number> = new Set([4, 17, 32, 341, 613])

/** "Temporary issue due to downtime": 1 (API Unknown) and 2 (API Service). */
export const TRANSIENT_CODES: ReadonlySet<number> = new Set([1, 2])

/** The access token is expired, revoked or invalid: 190 (access token) and 102 (API session). */
export const AUTH_CODES: ReadonlySet<number> = new Set([102, 190])

/**
 * Posts server events to the pixel. The access token goes in the `access_token` query parameter, as Meta
 * documents for this edge (`/{pixel_id}/events?access_token=…`) and as its Business SDKs send it.
 */
export async function postEvents(
  request: RequestClient,
  settings: Settings,
  events: object[]
): Promise<ModifiedResponse<EventsResponse>> {
  const body: Record<string, unknown> = { data: events }
  const testEventCode = settings.test_event_code?.trim()
  if (testEventCode) body.test_event_code = testEventCode
  try {
    return await request<EventsResponse>(eventsUrl(settings.pixel_id), {
      method: 'post',
      searchParams: { access_token: settings.access_token },
      json: body
    })
  } catch (error) {
    throw toMetaError(error, settings.access_token)
  }
}

/**
 * Maps a failed Graph API call to the framework's errors, with Meta's own message:
 * - throttling codes (4, 17, 32, 341, 613) → RetryableError 429, whatever the HTTP status (Meta often
 *   answers them with 400 or 403, which core would otherwise fail for good);
 * - codes 1 and 2, and retryable HTTP statuses (5xx…) → RetryableError;
 * - codes 190 and 102 → InvalidAuthenticationError (a new token is needed; not retried);
 * - anything else → APIError with the HTTP status (a 400 is not retried).
 * A response without Meta's error object is left to core, which classifies it by status.
 * The access token is masked in every message we build (Meta may quote a malformed token).
 */
export function toMetaError(error: unknown, accessToken?: string): unknown {
  if (!(error instanceof HTTPError)) return error
  const response = error.response
  const graphError = (response?.data as { error?: unknown } | undefined)?.error
  if (typeof graphError !== 'object' || graphError === null) return error

  const details = graphError as GraphError
  const message = mask(describeGraphError(details), accessToken)
  const status = response.status
  const retryAfterMs = parseRetryAfter(response.headers?.get('retry-after') ?? undefined)
  const code = typeof details.code === 'number' ? details.code : undefined

  if (code !== undefined && (RATE_LIMIT_CODES.has(code) || TRANSIENT_CODES.has(code))) {
    return retryable(
      message,
      RATE_LIMIT_CODES.has(code) ? 429 : isRetryableStatus(status) ? status : 503,
      retryAfterMs
    )
  }
  if (isRetryableStatus(status)) return retryable(message, status, retryAfterMs)
  if (code !== undefined && AUTH_CODES.has(code)) return new InvalidAuthenticationError(message)
  return new APIError(message, status)
}

function retryable(message: string, status: number, retryAfterMs: number | undefined): RetryableError {
  const error = new RetryableError(message, status)
  if (retryAfterMs !== undefined) error.retryAfterMs = retryAfterMs
  return error
}

/** "Meta rejected the request: Invalid parameter. The event time is too old. (code 100, subcode 2804004, …)" */
export function describeGraphError(error: GraphError): string {
  const text = [error.message, error.error_user_msg]
    .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
    .map((part) => part.trim().replace(/([^.!?])$/, '$1.'))
    .join(' ')
  const facts = [
    error.type && `type ${error.type}`,
    error.code !== undefined && `code ${error.code}`,
    error.error_subcode !== undefined && `subcode ${error.error_subcode}`,
    error.fbtrace_id && `fbtrace_id ${error.fbtrace_id}`
  ].filter(Boolean)
  const reason = text === '' ? 'no reason given.' : text
  return `Meta rejected the request: ${reason}${facts.length > 0 ? ` (${facts.join(', ')})` : ''}`
}

function mask(text: string, secret: string | undefined): string {
  if (!secret) return text
  return text.split(secret).join('[REDACTED]')
}
