import { ErrorCodes } from '../errors/error-codes.js'
import { IntegrationError } from '../errors/errors.js'

/**
 * An input that is not a valid Segment-spec event. Never retryable: the same
 * input fails the same way every time.
 *
 * @example
 * const result = validateEvent(body)
 * if (!result.ok) {
 *   result.error.message // "A track event must have an event name in 'event', but it has none."
 *   result.error.path // '/event'
 * }
 */
export class EventValidationError extends IntegrationError {
  /** Where the problem is, as a JSON pointer (`''` for the event as a whole, `'/timestamp'`…). */
  readonly path: string

  constructor(message: string, path = '') {
    super(message, ErrorCodes.INVALID_EVENT, 400)
    this.retry = false
    this.path = path
  }
}
