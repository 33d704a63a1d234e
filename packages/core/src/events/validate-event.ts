/**
 * Checks that an input is a Segment-spec event before anything else reads it:
 * only what the spec requires (an object, a known type, an event name for
 * track, the identifiers each type needs, ISO-8601 timestamps, object-valued
 * properties/traits/context) plus a size limit. Unknown top-level keys are fine.
 * It runs on every event, so it allocates nothing beyond its result unless it
 * reports a problem.
 */
import { isObject } from '../util/real-type-of.js'
import { jsonByteLength } from '../util/json-byte-length.js'
import { describeKind, quoteValue } from './describe-value.js'
import { eventTooLargeError } from './event-too-large-error.js'
import { EventValidationError } from './event-validation-error.js'
import { isIsoDateTime } from './is-iso-date-time.js'
import type { SegmentEvent, SegmentEventType } from './segment-event.js'

/** The largest event accepted by default: 500 KB of UTF-8 JSON. */
export const MAX_EVENT_BYTES = 500 * 1024

/** The event types of the Segment spec. */
export const SEGMENT_EVENT_TYPES: readonly SegmentEventType[] = [
  'track',
  'page',
  'screen',
  'identify',
  'group',
  'alias'
]

/** Options of `validateEvent`. */
export interface EventValidationOptions {
  /**
   * The event's size in bytes when the host already knows it (the raw request body).
   * When absent the size is counted from the value, without serializing it.
   */
  byteLength?: number
  /** The size limit in bytes; 500 KB (`MAX_EVENT_BYTES`) by default. */
  maxBytes?: number
}

/** The answer of `validateEvent` / `parseEvent`: the event, or why it is not one. */
export type EventValidationResult =
  { ok: true; event: SegmentEvent } | { ok: false; error: EventValidationError }

/**
 * Checks that an input is a Segment-spec event. Never throws: a problem is returned
 * as an `EventValidationError` (code `INVALID_EVENT`, status 400, not retryable) whose
 * message names the problem and whose `path` (a JSON pointer) says where it is.
 * Only the first problem found is reported.
 *
 * @example
 * const result = validateEvent({ type: 'track', event: 'Signed Up', userId: 'u1' })
 * if (result.ok) deliver(result.event)
 * else reject(result.error.message) // e.g. "The event type 'teleport' is not one of: track, page, …"
 */
export function validateEvent(input: unknown, options?: EventValidationOptions): EventValidationResult {
  let error: EventValidationError | undefined
  try {
    error = findProblem(input, options?.byteLength, options?.maxBytes ?? MAX_EVENT_BYTES)
  } catch (cause) {
    // Only exotic inputs get here (a throwing getter or toJSON, a cycle, a BigInt).
    error = new EventValidationError(`The event cannot be read as JSON: ${reasonOf(cause)}.`)
  }
  return error === undefined ? { ok: true, event: input as SegmentEvent } : { ok: false, error }
}

function findProblem(
  input: unknown,
  knownBytes: number | undefined,
  maxBytes: number
): EventValidationError | undefined {
  if (!isObject(input)) {
    return new EventValidationError(`The event must be a JSON object but it was ${describeKind(input)}.`)
  }
  const bytes = knownBytes ?? jsonByteLength(input, maxBytes)
  if (bytes > maxBytes) return eventTooLargeError(bytes, knownBytes !== undefined, maxBytes)

  const type = input.type
  if (type === undefined || type === null) {
    return new EventValidationError("The event is missing the required field 'type'.", '/type')
  }
  if (typeof type !== 'string') {
    return new EventValidationError(
      `The event's 'type' must be a string but it was ${describeKind(type)}.`,
      '/type'
    )
  }
  if (!isSegmentEventType(type)) {
    return new EventValidationError(
      `The event type ${quoteValue(type)} is not one of: ${SEGMENT_EVENT_TYPES.join(', ')}.`,
      '/type'
    )
  }
  if (type === 'track') {
    const problem = checkRequiredString(
      input.event,
      'event',
      "A track event must have an event name in 'event'"
    )
    if (problem) return problem
  }
  const identityProblem = checkIdentity(input, type)
  if (identityProblem) return identityProblem

  // Named property reads (not a loop over field names) keep this path monomorphic and fast.
  return (
    checkTimestamp(input.timestamp, 'timestamp') ??
    checkTimestamp(input.sentAt, 'sentAt') ??
    checkTimestamp(input.receivedAt, 'receivedAt') ??
    checkTimestamp(input.originalTimestamp, 'originalTimestamp') ??
    checkObject(input.properties, 'properties') ??
    checkObject(input.traits, 'traits') ??
    checkObject(input.context, 'context') ??
    checkObject(input.integrations, 'integrations')
  )
}

/** A timestamp, when given, is an ISO-8601 string or a valid Date. */
function checkTimestamp(value: unknown, field: string): EventValidationError | undefined {
  if (value === undefined) return undefined
  if (typeof value === 'string' ? isIsoDateTime(value) : isValidDate(value)) return undefined
  const found = typeof value === 'string' ? quoteValue(value) : describeKind(value)
  return new EventValidationError(
    `The field '${field}' must be an ISO-8601 date-time such as '2026-10-30T14:22:05.118Z' but it was ${found}.`,
    `/${field}`
  )
}

/** properties, traits, context and integrations, when given, are objects. */
function checkObject(value: unknown, field: string): EventValidationError | undefined {
  if (value === undefined || isObject(value)) return undefined
  return new EventValidationError(
    `The field '${field}' must be an object but it was ${describeKind(value)}.`,
    `/${field}`
  )
}

/** The identifiers a type needs: previousId and userId for alias, userId or anonymousId otherwise. */
function checkIdentity(
  event: Record<string, unknown>,
  type: SegmentEventType
): EventValidationError | undefined {
  const typeProblem =
    checkIdType(event.userId, 'userId') ??
    checkIdType(event.anonymousId, 'anonymousId') ??
    checkIdType(event.previousId, 'previousId') ??
    checkIdType(event.groupId, 'groupId')
  if (typeProblem) return typeProblem

  if (type === 'alias') {
    return (
      checkRequiredString(
        event.previousId,
        'previousId',
        "An alias event must have the user's previous id in 'previousId'"
      ) ??
      checkRequiredString(event.userId, 'userId', "An alias event must have the user's new id in 'userId'")
    )
  }
  if (!isPresent(event.userId) && !isPresent(event.anonymousId)) {
    return new EventValidationError(
      `${type === 'identify' ? 'An' : 'A'} ${type} event must have a 'userId' or an 'anonymousId', but it has neither.`,
      '/userId'
    )
  }
  if (type === 'group') {
    return checkRequiredString(
      event.groupId,
      'groupId',
      "A group event must have the group's id in 'groupId'"
    )
  }
  return undefined
}

/** An identifier is a string when given; null means absent. */
function checkIdType(value: unknown, field: string): EventValidationError | undefined {
  if (value === undefined || value === null || typeof value === 'string') return undefined
  return new EventValidationError(
    `The field '${field}' must be a string but it was ${describeKind(value)}.`,
    `/${field}`
  )
}

function checkRequiredString(
  value: unknown,
  field: string,
  requirement: string
): EventValidationError | undefined {
  if (isPresent(value)) return undefined
  const found =
    value === undefined || value === null
      ? 'it has none'
      : value === ''
        ? 'it is empty'
        : `it is ${describeKind(value)}`
  return new EventValidationError(`${requirement}, but ${found}.`, `/${field}`)
}

function isSegmentEventType(type: string): type is SegmentEventType {
  switch (type) {
    case 'track':
    case 'page':
    case 'screen':
    case 'identify':
    case 'group':
    case 'alias':
      return true
    default:
      return false
  }
}

function isPresent(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0
}

function isValidDate(value: unknown): boolean {
  return value instanceof Date && !Number.isNaN(value.getTime())
}

function reasonOf(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : String(cause)
  return message.replace(/\.$/, '')
}
