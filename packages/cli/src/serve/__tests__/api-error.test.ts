import { InvalidAuthenticationError, IntegrationError, PayloadValidationError } from '@destkit/core'
import { ApiError, errorAnswer } from '../api-error.js'

describe('errorAnswer', () => {
  it.each([
    [new ApiError(404, 'ACTION_NOT_FOUND', 'No.', { hint: 1 }), 404, { hint: 1 }],
    [new PayloadValidationError('Email is required.'), 422, {}],
    [
      Object.assign(new Error('Bad mapping.'), { code: 'INVALID_MAPPING', problems: [{ pointer: '/a' }] }),
      422,
      { problems: [{ pointer: '/a' }] }
    ],
    [new InvalidAuthenticationError('Refused.'), 401, {}],
    [new IntegrationError('The refresh failed.', 'OAUTH_REFRESH_FAILED', 401), 401, {}],
    [new IntegrationError('No batches.', 'NOT_IMPLEMENTED_BY_DESTINATION', 400), 501, {}],
    [new IntegrationError('Channel not found.', 'CHANNEL_NOT_FOUND', 400), 502, {}],
    [Object.assign(new Error('Timed out.'), { code: 'REQUEST_TIMEOUT' }), 504, {}],
    [new TypeError('x is not a function'), 500, {}]
  ])('%s → %i', (error, status, extra) => {
    const answer = errorAnswer(error)
    expect(answer.status).toBe(status)
    expect(answer.body).toEqual({ error: { code: expect.any(String), message: error.message }, ...extra })
  })

  it("answers 502 with the API's status for an HTTP error, read by shape (a definition's own core copy)", () => {
    const error = Object.assign(new Error('The request to https://api.example.com/track failed with 429.'), {
      code: 'TOO_MANY_REQUESTS',
      response: { status: 429 }
    })
    expect(errorAnswer(error)).toEqual({
      status: 502,
      body: { error: { code: 'TOO_MANY_REQUESTS', message: error.message, httpStatus: 429 } }
    })
  })

  it('turns a thrown non-error into a sentence', () => {
    expect(errorAnswer('boom')).toEqual({
      status: 500,
      body: { error: { code: 'UNKNOWN_ERROR', message: 'The destination failed with boom.' } }
    })
  })
})
