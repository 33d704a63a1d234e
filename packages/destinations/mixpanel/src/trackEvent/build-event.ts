/**
 * Turns a trackEvent payload into the event object `/import` takes: `event` and `properties`, with
 * the reserved properties Mixpanel validates (`time`, `distinct_id`, `$insert_id`) and its default ones.
 */
import { PayloadValidationError } from '@destkit/core'
import { insertId, toMilliseconds } from '../common.js'
import type { Payload } from './generated-types.js'

/** One event as `/import` receives it. */
export interface MixpanelEvent {
  event: string
  properties: Record<string, unknown>
}

/** The Mixpanel name of each default property field. */
const defaultPropertyNames: Record<string, string> = {
  current_url: '$current_url',
  referrer: '$referrer',
  os: '$os',
  os_version: '$os_version',
  device_model: '$model',
  manufacturer: '$manufacturer',
  app_version: '$app_version_string',
  screen_width: '$screen_width',
  screen_height: '$screen_height',
  utm_source: 'utm_source',
  utm_medium: 'utm_medium',
  utm_campaign: 'utm_campaign',
  utm_term: 'utm_term',
  utm_content: 'utm_content'
}

/**
 * The `/import` event for a payload. Throws `PayloadValidationError` when the time cannot be read.
 *
 * @example
 * buildEvent({ event: 'Signed Up', distinct_id: 'u1', time: '2026-01-01T00:00:00Z', insert_id: 'abc' })
 * // { event: 'Signed Up', properties: { time: 1767225600000, distinct_id: 'u1', $insert_id: 'abc' } }
 */
export function buildEvent(payload: Payload): MixpanelEvent {
  const time = toMilliseconds(payload.time)
  if (time === undefined) {
    throw new PayloadValidationError('The event time is not a date or a timestamp Mixpanel can read.')
  }
  const properties: Record<string, unknown> = { ...payload.properties }
  for (const [field, value] of Object.entries(payload.default_properties ?? {})) {
    const name = defaultPropertyNames[field]
    if (name && value !== undefined && value !== null && value !== '') properties[name] = value
  }
  // Empty distinct_id is how Mixpanel marks an event that belongs to no user.
  const distinctId = payload.distinct_id ?? ''
  properties.time = time
  properties.distinct_id = distinctId
  properties.$insert_id = insertId(payload.insert_id, payload.event, distinctId, time)
  if (payload.user_id) properties.$user_id = payload.user_id
  if (payload.device_id) properties.$device_id = payload.device_id
  if (payload.ip) properties.ip = payload.ip
  return { event: payload.event, properties }
}
