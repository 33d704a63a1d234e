/**
 * Reading Amplitude's error responses. A 400 from the HTTP V2 / Batch APIs names
 * the rejected events by their index in the `events` array; Amplitude ingests
 * nothing from such a request, so the events it does not name can be sent again.
 *
 * 400 body: `{ code, error, missing_field?, events_with_invalid_fields?: { field: [i] },
 * events_with_missing_fields?: { field: [i] }, events_with_invalid_id_lengths?: { field: [i] },
 * silenced_devices?: [id], silenced_events?: [i], throttled_events?: [i] }`.
 * 429 body: `{ code, error, eps_threshold, throttled_devices, throttled_users,
 * exceeded_daily_quota_users?, exceeded_daily_quota_devices?, throttled_events? }`.
 */
import { HTTPError, classifyError } from '@destkit/core'

/** Why Amplitude refused one event of a request. */
export interface EventRejection {
  /** 400 for a bad event, 429 for a throttled one (retry later). */
  status: number
  code: string
  message: string
  /** How long Amplitude asked to wait (a whole request's failure only). */
  retryAfterMs?: number
}

const fieldMaps: Array<[key: string, code: string, reason: (field: string) => string]> = [
  ['events_with_missing_fields', 'MISSING_FIELD', (field) => `it is missing the required field '${field}'`],
  ['events_with_invalid_fields', 'INVALID_FIELD', (field) => `its '${field}' value is invalid`],
  [
    'events_with_invalid_id_lengths',
    'INVALID_ID_LENGTH',
    (field) =>
      `its ${field} is shorter than the minimum ID length (5 characters unless Minimum ID Length is set)`
  ]
]

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const indices = (value: unknown): number[] =>
  Array.isArray(value) ? value.filter((item): item is number => Number.isInteger(item)) : []

/**
 * The events a 400 response rejects, by index in the request's `events` array.
 * Events listed in `throttled_events` are reported as 429 (to be retried later).
 *
 * @example
 * rejectedEvents({ code: 400, events_with_missing_fields: { event_type: [1] } })
 * // Map { 1 => { status: 400, code: 'MISSING_FIELD', message: "Amplitude rejected the event: it is missing the required field 'event_type'." } }
 */
export function rejectedEvents(body: unknown): Map<number, EventRejection> {
  const reasons = new Map<number, { code: string; status: number; parts: string[] }>()
  const add = (index: number, code: string, status: number, part: string) => {
    const entry = reasons.get(index)
    if (entry) entry.parts.push(part)
    else reasons.set(index, { code, status, parts: [part] })
  }
  if (!isRecord(body)) return new Map()
  for (const [key, code, reason] of fieldMaps) {
    const byField = body[key]
    if (!isRecord(byField)) continue
    for (const [field, list] of Object.entries(byField)) {
      for (const index of indices(list)) add(index, code, 400, reason(field))
    }
  }
  for (const index of indices(body.silenced_events)) {
    add(index, 'SILENCED_DEVICE', 400, 'its device_id has been silenced by Amplitude')
  }
  for (const index of indices(body.throttled_events)) {
    // A throttled event is fine in itself: only retry it later. A bad event stays bad.
    if (!reasons.has(index)) add(index, 'TOO_MANY_REQUESTS', 429, 'its user or device is being throttled')
  }
  const rejections = new Map<number, EventRejection>()
  for (const [index, { code, status, parts }] of reasons) {
    const verb = status === 429 ? 'deferred' : 'rejected'
    rejections.set(index, { status, code, message: `Amplitude ${verb} the event: ${parts.join('; ')}.` })
  }
  return rejections
}

/**
 * The 400 response's event rejections, or none when the error is something else.
 *
 * @example
 * const rejections = rejectionsOf(error) // Map, empty for a 429, a 5xx or a network error
 */
export function rejectionsOf(error: unknown): Map<number, EventRejection> {
  if (!(error instanceof HTTPError) || error.status !== 400) return new Map()
  return rejectedEvents(error.response?.data)
}

/**
 * A failure of a whole request as one event's result: its status, code and a
 * sentence that carries Amplitude's own `error` text when there is one.
 *
 * @example
 * requestFailure(http429) // { status: 429, code: 'TOO_MANY_REQUESTS', message: 'Amplitude answered 429: Too many requests for some devices and users.' }
 */
export function requestFailure(error: unknown): EventRejection {
  const classification = classifyError(error)
  const status = classification.httpStatus ?? (classification.status === 'retryable' ? 503 : 400)
  const detail = error instanceof HTTPError ? amplitudeMessage(error.response?.data) : undefined
  return {
    status,
    code: classification.code,
    message: detail ? `Amplitude answered ${status}: ${detail}.` : classification.message,
    ...(classification.retryAfterMs !== undefined && { retryAfterMs: classification.retryAfterMs })
  }
}

function amplitudeMessage(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined
  const parts: string[] = []
  if (typeof body.error === 'string' && body.error) parts.push(body.error)
  if (typeof body.missing_field === 'string' && body.missing_field) {
    parts.push(`missing field '${body.missing_field}'`)
  }
  return parts.length ? parts.join(', ') : undefined
}
