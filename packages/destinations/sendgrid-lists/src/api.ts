/**
 * SendGrid v3 plumbing shared by the audience functions and the action: the
 * regional base URL, and a request wrapper that turns SendGrid's error bodies
 * (`{ errors: [{ field, message }] }`) into readable messages.
 */
import {
  HTTPError,
  RetryableError,
  getErrorCodeFromHttpStatus,
  parseRetryAfter,
  type ModifiedResponse,
  type RequestClient,
  type RequestOptions,
  type ResponseHeaders
} from '@destkit/core'
import type { Settings } from './generated-types.js'

/** The global API host (US-hosted accounts and subusers). */
export const GLOBAL_API_URL = 'https://api.sendgrid.com'
/** The EU data-residency host, for EU regional subusers. */
export const EU_API_URL = 'https://api.eu.sendgrid.com'

/**
 * The API host of the account's region.
 *
 * @example
 * apiBase({ region: 'eu' }) // 'https://api.eu.sendgrid.com'
 */
export function apiBase(settings: Pick<Settings, 'region'> | undefined): string {
  return settings?.region === 'eu' ? EU_API_URL : GLOBAL_API_URL
}

/** How many of SendGrid's errors a message quotes before summing up the rest. */
const MAX_QUOTED_ERRORS = 3
/** The longest message text taken from one SendGrid error. */
const MAX_ERROR_TEXT = 300

/**
 * The readable part of a SendGrid error body: `field: message` for each error.
 * SendGrid answers `{ errors: [{ field, message }] }`, and some list endpoints a
 * bare array of those objects.
 *
 * @example
 * describeSendGridErrors({ errors: [{ field: 'name', message: 'list name already exists' }] })
 * // 'name: list name already exists'
 */
export function describeSendGridErrors(body: unknown): string | undefined {
  const list = Array.isArray(body) ? body : (body as { errors?: unknown } | undefined)?.errors
  if (!Array.isArray(list)) {
    const message = (body as { message?: unknown } | undefined)?.message
    return typeof message === 'string' && message !== '' ? message.slice(0, MAX_ERROR_TEXT) : undefined
  }
  const parts: string[] = []
  for (const entry of list) {
    if (typeof entry !== 'object' || entry === null) continue
    const { field, message } = entry as { field?: unknown; message?: unknown }
    if (typeof message !== 'string' || message === '') continue
    const text = message.slice(0, MAX_ERROR_TEXT)
    parts.push(typeof field === 'string' && field !== '' ? `${field}: ${text}` : text)
  }
  if (parts.length === 0) return undefined
  const quoted = parts.slice(0, MAX_QUOTED_ERRORS).join('; ')
  const more = parts.length - MAX_QUOTED_ERRORS
  return more > 0 ? `${quoted}; and ${more} more` : quoted
}

/**
 * How long SendGrid asked us to wait after a 429: `Retry-After` when sent,
 * otherwise until `X-RateLimit-Reset` (a Unix time in seconds).
 *
 * @example
 * rateLimitWait(headers, Date.parse('2026-01-01T00:00:00Z')) // ms until the reset, 0 when it has passed
 */
export function rateLimitWait(
  headers: ResponseHeaders | undefined,
  now: number = Date.now()
): number | undefined {
  const retryAfter = parseRetryAfter(headers?.get('retry-after'), now)
  if (retryAfter !== undefined) return retryAfter
  const reset = headers?.get('x-ratelimit-reset')
  if (!reset || !/^\d+$/.test(reset.trim())) return undefined
  return Math.max(0, Number(reset.trim()) * 1000 - now)
}

/**
 * Calls the SendGrid API. A 429 becomes a `RetryableError` that says how long to
 * wait (SendGrid sends `X-RateLimit-Reset`, which the runtime does not read);
 * other HTTP errors keep their class, so the runtime still classifies them by
 * status, with SendGrid's own explanation in the message.
 *
 * @example
 * await sendgrid(request, `${apiBase(settings)}/v3/marketing/lists`, { method: 'post', json: { name } })
 */
export async function sendgrid<T = unknown>(
  request: RequestClient,
  url: string,
  options: RequestOptions = {}
): Promise<ModifiedResponse<T>> {
  try {
    return await request<T>(url, options)
  } catch (error) {
    throw explainError(error)
  }
}

function explainError(error: unknown): unknown {
  if (!(error instanceof HTTPError)) return error
  const response = error.response as ModifiedResponse | undefined
  const detail = describeSendGridErrors(response?.data)
  const reason = response?.statusText ? `${error.status} ${response.statusText}` : String(error.status)
  const said = `SendGrid answered ${reason}${detail ? `: ${detail}` : ''}.`
  if (error.status === 429) {
    const retry = new RetryableError(`${said} The API key's rate limit was reached; retry later.`, 429)
    retry.code = getErrorCodeFromHttpStatus(429)
    const wait = rateLimitWait(response?.headers)
    if (wait !== undefined) retry.retryAfterMs = wait
    return retry
  }
  if (error.status === 401 || error.status === 403) {
    error.message = `${said} Check that the API key is valid and has Marketing access.`
  } else {
    error.message = said
  }
  return error
}
