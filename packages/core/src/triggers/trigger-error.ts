import { ErrorCodes } from '../errors/error-codes.js'
import { IntegrationError } from '../errors/errors.js'

/**
 * A trigger that cannot be parsed or compiled. A configuration mistake:
 * retrying cannot help.
 *
 * @example
 * try {
 *   compileTrigger('type = ')
 * } catch (error) {
 *   if (error instanceof TriggerError) console.log(error.position) // 5
 * }
 */
export class TriggerError extends IntegrationError {
  /** Where in the trigger text the problem is (0-based), when the trigger was text. */
  readonly position: number | undefined

  constructor(message: string, position?: number) {
    super(message, ErrorCodes.INVALID_TRIGGER, 400)
    this.position = position
    this.retry = false
  }
}
