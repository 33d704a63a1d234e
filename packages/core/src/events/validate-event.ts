/**
 * Checks that an input is a Segment-spec event before anything else reads it:
 * only what the spec requires (an object, a known type, an event name for
 * track, the identifiers each type needs, ISO-8601 timestamps, object-valued
 * properties/traits/context) plus a size limit and a nesting limit. Unknown
 * top-level keys are fine; an optional field that is null counts as absent.
 * It runs on every event, so it allocates nothing beyond its result unless it
 * reports a problem.
 */
import { isObject } from '../util/real-type-of.js'
import { jsonByteLength } from '../util/json-byte-length.js'
import { escapePointerKey, shortenPointer } from '../schema/type-words.js'
import { describeKind, quoteValue } from './describe-value.js'
import { eventTooLargeError } from './event-too-large-error.js'
import { EventValidationError } from './event-validation-error.js'
import { isIsoDateTime } from './is-iso-date-time.js'
import type { SegmentEvent, SegmentEventType } from './segment-event.js'

/** The largest event accepted by default: 500 KB of UTF-8 JSON. */
export const MAX_EVENT_BYTES = 500 * 1024

/**
 * The deepest nesting accepted by default: 64 levels of objects and arrays, the
 * event itself being level 1 (so `properties` is level 2). Anything that reads an
 * event recursively (mappings, the payload clean-up, destinations) stays far from
 * the stack's limit, and a few kilobytes of brackets cannot make it overflow.
 */
export const MAX_EVENT_DEPTH = 64

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
  /** The nesting limit in levels of objects and arrays; 64 (`MAX_EVENT_DEPTH`) by default. */
  maxDepth?: number
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
    error = findProblem(
      input,
      options?.byteLength,
      options?.maxBytes ?? MAX_EVENT_BYTES,
      options?.maxDepth ?? MAX_EVENT_DEPTH
    )
  } catch (cause) {
    // Only exotic inputs get here (a throwing getter or toJSON, a cycle, a BigInt).
    error = new EventValidationError(`The event cannot be read as JSON: ${reasonOf(cause)}.`)
  }
  return error === undefined ? { ok: true, event: input as SegmentEvent } : { ok: false, error }
}

function findProblem(
  input: unknown,
  knownBytes: number | undefined,
  maxBytes: number,
  maxDepth: number
): EventValidationError | undefined {
  if (!isObject(input)) {
    return new EventValidationError(`The event must be a JSON object but it was ${describeKind(input)}.`)
  }
  if (knownBytes !== undefined && knownBytes > maxBytes) return eventTooLargeError(knownBytes, true, maxBytes)
  // The nesting first: measuring the size reads the event recursively, and so does everything after.
  // Without a known size, the walk also gives up on events that have more values than the limit has bytes.
  byteBound = 0
  boundUncertain = typeof (input as { toJSON?: unknown }).toJSON === 'function'
  const walked = walkNesting(input, 1, maxDepth, knownBytes === undefined ? maxBytes : Infinity)
  if (walked === TOO_DEEP) return nestingProblem(input, maxDepth)
  if (walked === TOO_MANY_VALUES) return eventTooLargeError(maxBytes + 1, false, maxBytes)
  // The walk also bounded the size from above; only an event that might be too large is measured.
  if (knownBytes === undefined && (boundUncertain || byteBound > maxBytes)) {
    const bytes = jsonByteLength(input, maxBytes)
    if (bytes > maxBytes) return eventTooLargeError(bytes, false, maxBytes)
  }

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

/** A timestamp, when given (not undefined or null), is an ISO-8601 string or a valid Date. */
function checkTimestamp(value: unknown, field: string): EventValidationError | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'string' ? isIsoDateTime(value) : isValidDate(value)) return undefined
  const found = typeof value === 'string' ? quoteValue(value) : describeKind(value)
  return new EventValidationError(
    `The field '${field}' must be an ISO-8601 date-time such as '2026-10-30T14:22:05.118Z' but it was ${found}.`,
    `/${field}`
  )
}

/** properties, traits, context and integrations, when given (not undefined or null), are objects. */
function checkObject(value: unknown, field: string): EventValidationError | undefined {
  if (value === undefined || value === null || isObject(value)) return undefined
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

const TOO_DEEP = -1
const TOO_MANY_VALUES = -2

/** Whether the nesting walk reads into a value: objects and arrays, except those JSON reads through `toJSON`. */
function isContainer(value: unknown): value is object {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function'
  )
}

/** Whether a member's value takes room in the JSON text (JSON.stringify leaves the others out). */
function hasJsonForm(value: unknown): boolean {
  return (
    value !== undefined &&
    typeof value !== 'function' &&
    typeof value !== 'symbol' &&
    !(value !== null && typeof value === 'object' && !isContainer(value))
  )
}

/**
 * Checks the nesting of a container at `level` (the event is level 1) without allocating.
 * `budget` is how many more values may be met: each one takes at least a byte of JSON, so
 * an event with more values than the size limit has bytes is too large, and the walk stops
 * there rather than reading a huge (or sparse) array to its end. Answers the budget left,
 * or TOO_DEEP / TOO_MANY_VALUES. It recurses at most `maxDepth` times.
 */
function walkNesting(container: object, level: number, maxDepth: number, budget: number): number {
  if (level > maxDepth) return TOO_DEEP
  if (Array.isArray(container)) {
    const length = container.length
    // An item takes at least one byte (holes and undefined are written as null).
    if (length > budget) return TOO_MANY_VALUES
    budget -= length
    byteBound += 2 + length
    for (let index = 0; index < length; index++) {
      const item: unknown = container[index]
      if (isContainer(item)) {
        budget = walkNesting(item, level + 1, maxDepth, budget)
        if (budget < 0) return budget
      } else {
        byteBound += valueByteBound(item)
      }
    }
    return budget
  }
  const record = container as Record<string, unknown>
  byteBound += 2
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue
    const member = record[key]
    if (!hasJsonForm(member)) {
      if (member !== null && typeof member === 'object') boundUncertain = true // written through toJSON
      continue
    }
    if (--budget < 0) return TOO_MANY_VALUES
    // Quotes, colon, comma, and at most 6 bytes per UTF-16 unit of the key (`\u001f`).
    byteBound += 4 + 6 * key.length
    if (isContainer(member)) {
      budget = walkNesting(member, level + 1, maxDepth, budget)
      if (budget < 0) return budget
    } else {
      byteBound += valueByteBound(member)
    }
  }
  return budget
}

/**
 * An upper bound of the event's UTF-8 JSON size, summed by `walkNesting`, and whether it
 * met a value it cannot bound (one written through `toJSON`). Reset for every event; the
 * walk is synchronous, so one module-level pair serves every call.
 */
let byteBound = 0
let boundUncertain = false

/** At most how many bytes a value that is not a container takes as JSON. */
function valueByteBound(value: unknown): number {
  switch (typeof value) {
    case 'string':
      // 6 bytes per UTF-16 unit at most (a control character escaped as `\u0001`).
      return 2 + 6 * value.length
    case 'number':
      return 24
    case 'boolean':
      return 5
    case 'object':
      if (value === null) return 4
      boundUncertain = true
      return 0
    default:
      // undefined, functions and symbols are written as null in arrays; a BigInt cannot be written.
      if (typeof value === 'bigint') boundUncertain = true
      return 4
  }
}

/**
 * Where the nesting limit is passed (or the event contains itself), walking as `walkNesting` does.
 * Runs only after that walk failed, so it may allocate.
 */
function nestingProblem(event: object, maxDepth: number): EventValidationError {
  const ancestors: object[] = []
  const keys: string[] = []
  let cycle = false
  const find = (container: object): boolean => {
    if (ancestors.includes(container)) {
      cycle = true
      return true
    }
    if (ancestors.length >= maxDepth) return true
    ancestors.push(container)
    const entries: Array<[string, unknown]> = Array.isArray(container)
      ? container.map((item: unknown, index) => [String(index), item])
      : Object.entries(container)
    for (const [key, value] of entries) {
      if (!isContainer(value)) continue
      keys.push(key)
      if (find(value)) return true
      keys.pop()
    }
    ancestors.pop()
    return false
  }
  find(event)
  if (cycle)
    return new EventValidationError(
      'The event cannot be read as JSON: Converting circular structure to JSON.'
    )
  const path = keys.map((key) => `/${escapePointerKey(key)}`).join('')
  return new EventValidationError(
    `The event is nested too deeply: the value at ${shortenPointer(path)} is ${maxDepth + 1} levels deep, ` +
      `and the limit is ${maxDepth} levels of objects and arrays.`,
    path
  )
}

function reasonOf(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : String(cause)
  return message.replace(/\.$/, '')
}
