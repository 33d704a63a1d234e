/**
 * An Outcome: what happened to one event under one mapping. Hosts act on
 * `status`; everything in it is plain data with secrets already redacted.
 */
import type { JSONValue } from '../util/json.js'
import type { HttpExchangeSummary, HttpRequestSummary, HttpResponseSummary } from '../http/summarize.js'

/** What happened to an event under a mapping. */
export type OutcomeStatus = 'delivered' | 'not-subscribed' | 'invalid' | 'retryable' | 'failed'

/** A warning about the data: a value dropped or coerced on its way to the payload. */
export interface OutcomeWarning {
  code: string
  path: string
  message: string
}

/** The error of an outcome that was not delivered. */
export interface OutcomeError {
  code: string
  message: string
  /** Whether a later retry can help (true exactly when the status is `retryable`). */
  retryable: boolean
  /** How long the API asked to wait, in milliseconds. */
  retryAfterMs?: number
  /** The HTTP status involved, when there was one. */
  httpStatus?: number
}

/** A request as it was sent, redacted and bounded. */
export type RequestSummary = HttpRequestSummary

/** A response as it was received, redacted and bounded. */
export type ResponseSummary = HttpResponseSummary

/**
 * One event under one mapping.
 *
 * @example
 * for (const outcome of await instance.deliver(event)) {
 *   if (outcome.status === 'retryable') queue.later(event, outcome.error?.retryAfterMs)
 * }
 */
export interface Outcome {
  mappingId: string
  actionId: string
  status: OutcomeStatus
  /** The event's position in the batch (batches only). */
  eventIndex?: number
  /** The payload the action received (after mapping and validation). */
  payload?: JSONValue
  /** The last request made (redacted), and its response. */
  request?: RequestSummary
  response?: ResponseSummary
  /**
   * Every request made and its response, in order, when there was more than one (an action
   * that calls two endpoints, a retry); the last one is `request`/`response`. Redacted too.
   * Single-event deliveries only: the outcomes of a batch share its last request.
   */
  exchanges?: HttpExchangeSummary[]
  error?: OutcomeError
  warnings: OutcomeWarning[]
  /** How many times the action ran (1 + retries). 0 when it never ran. */
  attempts: number
  /** The value `perform` returned (a response is unwrapped to its data). */
  data?: unknown
}
