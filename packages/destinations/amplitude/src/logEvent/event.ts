import { PayloadValidationError, removeUndefined } from '@destkit/core'
import type { Payload } from './generated-types.js'
import { toEpochMillis } from '../time.js'
import { requireUserOrDevice } from '../identity.js'

/** One event of an upload request, as Amplitude's HTTP V2 and Batch APIs take it. */
export type AmplitudeEvent = Record<string, unknown>

/** Payload keys that configure the request rather than describe the event. */
const requestKeys = new Set([
  'use_batch_endpoint',
  'min_id_length',
  'enable_batching',
  'batch_size',
  'batch_keys',
  'batch_bytes'
])

/**
 * The Amplitude event for a payload: the fields under Amplitude's own names, the
 * time in epoch milliseconds, and nothing empty.
 *
 * @example
 * toAmplitudeEvent({ event_type: 'Signed Up', user_id: 'user1234', time: '2026-10-30T14:22:05.118Z' })
 * // { event_type: 'Signed Up', user_id: 'user1234', time: 1793370125118 }
 */
export function toAmplitudeEvent(payload: Payload): AmplitudeEvent {
  requireUserOrDevice(payload.user_id, payload.device_id)
  const event: AmplitudeEvent = {}
  for (const [key, value] of Object.entries(payload)) {
    if (!requestKeys.has(key)) event[key] = value
  }
  event.user_id = payload.user_id ?? undefined
  event.time = toEpochMillis(payload.time)
  if (payload.time !== undefined && event.time === undefined) {
    throw new PayloadValidationError(
      `Timestamp is not a date Amplitude can use: ${JSON.stringify(payload.time)}.`
    )
  }
  return removeUndefined(event) as AmplitudeEvent
}
