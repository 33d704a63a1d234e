import { EventValidationError } from './event-validation-error.js'

/**
 * The error for an event over the size limit. `exact` says whether `bytes` is the
 * real size (known from the raw body) or only a count that stopped past the limit.
 *
 * @example
 * eventTooLargeError(600_076, true, 512_000).message
 * // 'The event is too large: 600076 bytes as JSON, and the limit is 512000 bytes (500 KB).'
 */
export function eventTooLargeError(bytes: number, exact: boolean, maxBytes: number): EventValidationError {
  const size = exact ? `${bytes} bytes` : `more than ${maxBytes} bytes`
  return new EventValidationError(
    `The event is too large: ${size} as JSON, and the limit is ${maxBytes} bytes (${Math.round(maxBytes / 1024)} KB).`
  )
}
