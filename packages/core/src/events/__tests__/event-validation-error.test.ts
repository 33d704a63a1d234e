import { ErrorCodes } from '../../errors/error-codes.js'
import { IntegrationError } from '../../errors/errors.js'
import { eventTooLargeError } from '../event-too-large-error.js'
import { EventValidationError } from '../event-validation-error.js'

describe('EventValidationError', () => {
  it('is an IntegrationError with code INVALID_EVENT, status 400, never retryable, and a path', () => {
    const error = new EventValidationError("The field 'traits' must be an object but it was null.", '/traits')
    expect(error).toBeInstanceOf(IntegrationError)
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('EventValidationError')
    expect(error.code).toBe(ErrorCodes.INVALID_EVENT)
    expect(error.status).toBe(400)
    expect(error.retryable).toBe(false)
    expect(error.path).toBe('/traits')
  })

  it('points at the whole event by default', () => {
    expect(new EventValidationError('The event must be a JSON object but it was null.').path).toBe('')
  })
})

describe('eventTooLargeError', () => {
  it('states the exact size when it is known and a bound when it is not', () => {
    expect(eventTooLargeError(600_076, true, 512_000).message).toBe(
      'The event is too large: 600076 bytes as JSON, and the limit is 512000 bytes (500 KB).'
    )
    expect(eventTooLargeError(512_050, false, 512_000).message).toBe(
      'The event is too large: more than 512000 bytes as JSON, and the limit is 512000 bytes (500 KB).'
    )
  })
})
