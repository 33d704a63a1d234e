/**
 * The error classes destinations throw and the runtime classifies. Every error
 * carries a `code`, a human sentence (`message`), an HTTP-like `status` and
 * whether retrying can help (`retryable`).
 */
import { ErrorCodes } from './error-codes.js'

/** Statuses where a later retry may succeed (see `http/classify-error.ts`). */
export function isRetryableStatus(status: number): boolean {
  return (
    status === 408 || status === 423 || status === 429 || (status >= 500 && status !== 501 && status !== 505)
  )
}

/**
 * A failure a destination reports on purpose. Retryable when its status says so.
 *
 * @example
 * throw new IntegrationError('Slack rejected the message: channel_not_found.', 'CHANNEL_NOT_FOUND', 400)
 */
export class IntegrationError extends Error {
  code: string | undefined
  status: number | undefined
  /** Compatible flag: `false` forces "do not retry" whatever the status. */
  retry?: boolean

  constructor(message: string, code: string, status: number) {
    super(message)
    this.name = new.target.name
    this.code = code
    this.status = status
  }

  /** Whether retrying later can help. */
  get retryable(): boolean {
    if (this.retry !== undefined) return this.retry
    return this.status !== undefined && isRetryableStatus(this.status)
  }
}

/**
 * A transient failure: retry later.
 *
 * @example
 * if (body.status === 'busy') throw new RetryableError('The API asked us to slow down.', 429)
 */
export class RetryableError extends Error {
  code: string
  status: number
  /** When the API said how long to wait, in milliseconds. */
  retryAfterMs?: number

  constructor(message = 'The destination reported a temporary failure.', status = 500) {
    super(message)
    this.name = 'RetryableError'
    this.code = ErrorCodes.RETRYABLE_ERROR
    this.status = status
  }

  get retryable(): boolean {
    return true
  }
}

/**
 * The credentials were refused. On OAuth destinations a refresh is attempted first.
 *
 * @example
 * throw new InvalidAuthenticationError('The API key is not valid for this workspace.')
 */
export class InvalidAuthenticationError extends Error {
  code: string
  status: number

  constructor(message = 'The credentials were refused.', code: string = ErrorCodes.INVALID_AUTHENTICATION) {
    super(message)
    this.name = 'InvalidAuthenticationError'
    this.code = code
    this.status = 401
  }

  get retryable(): boolean {
    return false
  }
}

/**
 * The payload does not satisfy the action's fields. Never retryable.
 *
 * @example
 * throw new PayloadValidationError('Either email or phone is required.')
 */
export class PayloadValidationError extends IntegrationError {
  constructor(message: string) {
    super(message, ErrorCodes.PAYLOAD_VALIDATION_FAILED, 400)
    this.retry = false
  }
}

/**
 * Audience membership is missing or contradictory.
 *
 * @example
 * throw new InvalidAudienceMembershipError('The event does not say whether the user entered or left the audience.')
 */
export class InvalidAudienceMembershipError extends IntegrationError {
  constructor(message: string) {
    super(message, ErrorCodes.INVALID_AUDIENCE_MEMBERSHIP, 400)
    this.retry = false
  }
}

/**
 * An API answered with an error status; its code is the status as a string (`'409'`).
 *
 * @example
 * throw new APIError('The contact could not be created.', 409)
 */
export class APIError extends IntegrationError {
  constructor(message: string, status: number) {
    // The status itself, as the compatible API has it (`'409'`).
    super(message, String(status), status)
  }
}

/**
 * The destination's own time budget ran out (not a network timeout).
 *
 * @example
 * throw new SelfTimeoutError('The export did not finish within 30 s.')
 */
export class SelfTimeoutError extends IntegrationError {
  constructor(message: string) {
    super(message, ErrorCodes.SELF_TIMEOUT, 408)
  }
}
