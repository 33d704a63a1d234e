/**
 * Turns an action's payload into a Conversions API server event, with the checks Meta would otherwise fail
 * the whole request for: event time within 7 days, customer information it can match, the website
 * parameters, and a currency with every value.
 */
import { IntegrationError, PayloadValidationError, type Logger } from '@destkit/core'
import {
  assertMatchable,
  prepareUserData,
  USER_DATA_LABELS,
  type ServerUserData,
  type UserDataInput
} from './user-data.js'

/** Meta rejects the whole request when an event is older than this. */
export const MAX_EVENT_AGE_SECONDS = 7 * 24 * 60 * 60

/** The payload fields a server event is made from (every action's Payload fits this shape). */
export interface ServerEventPayload {
  event_name?: string
  event_time: string | number
  event_id?: string
  event_source_url?: string
  action_source: string
  opt_out?: boolean
  user_data: UserDataInput
  currency?: string
  value?: number
  content_ids?: string[]
  contents?: Array<{ id?: string; quantity?: number; item_price?: number }>
  content_type?: string
  content_name?: string
  content_category?: string
  num_items?: number
  order_id?: string
  custom_data?: { [k: string]: unknown }
  data_processing_options?: string[]
  data_processing_options_country?: number
  data_processing_options_state?: number
}

/** One element of the request's `data`. */
export interface ServerEvent {
  event_name: string
  event_time: number
  event_id?: string
  event_source_url?: string
  action_source: string
  opt_out?: boolean
  user_data: ServerUserData
  custom_data?: Record<string, unknown>
  data_processing_options?: string[]
  data_processing_options_country?: number
  data_processing_options_state?: number
}

/**
 * Unix seconds from an ISO date-time, or from epoch seconds or milliseconds.
 *
 * @example
 * toUnixSeconds('2026-12-01T10:00:00.500Z') // 1796119200
 */
export function toUnixSeconds(time: string | number): number | undefined {
  if (typeof time === 'number') {
    if (!Number.isFinite(time) || time <= 0) return undefined
    // Epoch milliseconds are 13 digits today; seconds are 10.
    return Math.floor(time > 1e11 ? time / 1000 : time)
  }
  const text = time.trim()
  if (/^\d+(\.\d+)?$/.test(text)) return toUnixSeconds(Number(text))
  const ms = Date.parse(text)
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000)
}

/**
 * Builds the server event. Throws PayloadValidationError (or IntegrationError `INVALID_CURRENCY_CODE`) when
 * Meta would refuse it; user data values that cannot be normalised are left out and logged by name only.
 *
 * @example
 * buildServerEvent('Purchase', payload) // { event_name: 'Purchase', event_time: 1796119200, user_data: {…}, … }
 */
export function buildServerEvent(
  eventName: string,
  payload: ServerEventPayload,
  options: { now?: number; logger?: Logger } = {}
): ServerEvent {
  const now = options.now ?? Date.now()
  const name = eventName.trim()
  if (name === '') throw new PayloadValidationError('Event Name must not be empty.')

  const eventTime = toUnixSeconds(payload.event_time)
  if (eventTime === undefined) {
    throw new PayloadValidationError('Event Time must be an ISO 8601 date-time or a Unix timestamp.')
  }
  const ageSeconds = Math.floor(now / 1000) - eventTime
  if (ageSeconds > MAX_EVENT_AGE_SECONDS) {
    throw new PayloadValidationError(
      `Event Time ${new Date(eventTime * 1000).toISOString()} is more than 7 days in the past; Meta rejects ` +
        'events older than 7 days (and the whole request with them).'
    )
  }

  const { userData, dropped } = prepareUserData(payload.user_data)
  if (dropped.length > 0) {
    options.logger?.warn(
      `Left out user data that could not be normalised for Meta: ${dropped.map((key) => USER_DATA_LABELS[key]).join(', ')}.`
    )
  }
  assertMatchable(userData)

  if (payload.action_source === 'website') {
    const missing = [
      !payload.event_source_url && 'Event Source URL',
      !userData.client_user_agent && 'Client User Agent'
    ].filter(Boolean)
    if (missing.length > 0) {
      throw new PayloadValidationError(`Meta requires ${missing.join(' and ')} for website events.`)
    }
  }

  return compact({
    event_name: name,
    event_time: eventTime,
    event_id: payload.event_id,
    event_source_url: payload.event_source_url,
    action_source: payload.action_source,
    opt_out: payload.opt_out,
    user_data: userData,
    custom_data: buildCustomData(payload),
    data_processing_options: payload.data_processing_options,
    data_processing_options_country: payload.data_processing_options_country,
    data_processing_options_state: payload.data_processing_options_state
  }) as unknown as ServerEvent
}

/** `custom_data`: the extra object first, then the named parameters over it. Undefined when empty. */
export function buildCustomData(payload: ServerEventPayload): Record<string, unknown> | undefined {
  let currency: string | undefined
  if (payload.currency !== undefined && payload.currency.trim() !== '') {
    currency = payload.currency.trim().toUpperCase()
    if (!/^[A-Z]{3}$/.test(currency)) {
      throw new IntegrationError(
        'Currency must be a three-letter ISO 4217 code such as USD or EUR.',
        'INVALID_CURRENCY_CODE',
        400
      )
    }
  }
  if (payload.value !== undefined && currency === undefined) {
    throw new PayloadValidationError('Currency is required when Value is set: Meta needs both.')
  }
  const contents = payload.contents
    ?.filter((item) => typeof item?.id === 'string' && item.id.trim() !== '')
    .map((item) => compact({ id: item.id, quantity: item.quantity, item_price: item.item_price }))

  const customData = compact({
    ...(payload.custom_data ?? {}),
    ...compact({
      currency,
      value: payload.value,
      content_ids: payload.content_ids?.length ? payload.content_ids : undefined,
      contents: contents?.length ? contents : undefined,
      content_type: payload.content_type,
      content_name: payload.content_name,
      content_category: payload.content_category,
      num_items: payload.num_items,
      order_id: payload.order_id
    })
  })
  return Object.keys(customData).length > 0 ? customData : undefined
}

/** A copy without undefined values. */
function compact<T extends Record<string, unknown>>(object: T): Partial<T> {
  const result: Record<string, unknown> = {}
  for (const [key, entry] of Object.entries(object)) if (entry !== undefined) result[key] = entry
  return result as Partial<T>
}
