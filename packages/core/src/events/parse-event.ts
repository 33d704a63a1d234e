/**
 * Turns a raw request body into a validated event: size first (before paying
 * for JSON.parse), then syntax, then the Segment-spec checks of `validateEvent`.
 */
import { eventTooLargeError } from './event-too-large-error.js'
import { EventValidationError } from './event-validation-error.js'
import { locateJsonError } from './locate-json-error.js'
import { MAX_EVENT_BYTES, validateEvent } from './validate-event.js'
import type { EventValidationResult } from './validate-event.js'

/** Options of `parseEvent`. */
export interface ParseEventOptions {
  /** The size limit in bytes of the raw text; 500 KB (`MAX_EVENT_BYTES`) by default. */
  maxBytes?: number
  /** The nesting limit in levels of objects and arrays; 64 (`MAX_EVENT_DEPTH`) by default. */
  maxDepth?: number
}

/**
 * Parses a JSON text and validates it as a Segment-spec event. Never throws: invalid
 * JSON is reported as `The event is not valid JSON: <reason> at position N.` (N counts
 * characters from 0), and every other problem as `validateEvent` reports it.
 *
 * @example
 * const result = parseEvent(requestBody)
 * if (!result.ok) return reply(400, { error: result.error.message, path: result.error.path })
 * await instance.deliver(result.event)
 */
export function parseEvent(text: string, options?: ParseEventOptions): EventValidationResult {
  const maxBytes = options?.maxBytes ?? MAX_EVENT_BYTES
  let byteLength: number
  let input: unknown
  try {
    byteLength = Buffer.byteLength(text, 'utf8')
    if (byteLength > maxBytes) return { ok: false, error: eventTooLargeError(byteLength, true, maxBytes) }
    input = JSON.parse(text)
  } catch (cause) {
    return { ok: false, error: notJson(String(text), cause) }
  }
  return validateEvent(input, { byteLength, maxBytes, maxDepth: options?.maxDepth })
}

function notJson(text: string, cause: unknown): EventValidationError {
  const problem = locateJsonError(text) ?? {
    reason: cause instanceof Error ? cause.message : String(cause),
    position: 0
  }
  return new EventValidationError(
    `The event is not valid JSON: ${problem.reason} at position ${problem.position}.`
  )
}
