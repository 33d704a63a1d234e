/**
 * The per-event result of a request that failed as a whole, for a
 * `performBatch` that sent its batch in several requests: each event of the
 * failed request gets this entry in the `MultiStatusResponse`, and the others
 * keep their own results.
 */
import { classifyError } from '../http/classify-error.js'
import type { ActionDestinationErrorResponseType } from '../errors/multi-status-response.js'

/**
 * The error entry for the events of a failed request, classified as the runtime
 * would classify the error: its HTTP status when it has one (so a 429 or 5xx stays
 * retryable), else 503 for a transient failure and 500 for any other; and the
 * `Retry-After` delay, which the event's Outcome then carries.
 *
 * @example
 * results.setErrorResponseAtIndex(index, { ...batchErrorEntry(error), sent: event })
 * // { status: 429, errortype: 'TOO_MANY_REQUESTS', errormessage: '…', sent: … }
 */
export function batchErrorEntry(error: unknown): ActionDestinationErrorResponseType {
  const classification = classifyError(error)
  return {
    status: classification.httpStatus ?? (classification.status === 'retryable' ? 503 : 500),
    errortype: classification.code,
    errormessage: classification.message,
    ...(classification.retryAfterMs !== undefined && { retryAfterMs: classification.retryAfterMs })
  }
}
