/**
 * In-process retries of transient failures (spec §6), with p-retry. Only a
 * failure `classifyError` calls retryable is retried; a `Retry-After` is
 * honoured when it fits in the time budget, and ends the retries when it does
 * not (the host retries later).
 */
import pRetry from 'p-retry'
import { classifyError } from '../http/classify-error.js'
import { ErrorCodes } from '../errors/error-codes.js'

/** How a delivery retries transient failures in process. */
export interface RetryPolicy {
  /** Retries after the first attempt (default 2). */
  retries: number
  /** Delay before the first retry, in ms (default 100). */
  minTimeout: number
  /** Growth of the delay from one retry to the next (default 2). */
  factor: number
  /** Largest delay between two attempts, in ms (default 2 000). */
  maxTimeout: number
  /** The whole budget for retrying, in ms (default 5 000). */
  maxRetryTime: number
}

/** The default policy: 2 retries after 100 ms and 200 ms, within 5 s. */
export const defaultRetryPolicy: Readonly<RetryPolicy> = Object.freeze({
  retries: 2,
  minTimeout: 100,
  factor: 2,
  maxTimeout: 2_000,
  maxRetryTime: 5_000
})

/** A policy that never retries. */
export const noRetries: Readonly<RetryPolicy> = Object.freeze({ ...defaultRetryPolicy, retries: 0 })

/** The end of a run with retries: a value or the last error, and how many attempts ran. */
export type RetryResult<T> =
  { ok: true; value: T; attempts: number } | { ok: false; error: unknown; attempts: number }

/**
 * Runs `attempt` until it succeeds, fails permanently, or the policy is spent.
 * Never throws: the last error is returned.
 *
 * @example
 * const result = await withRetries(() => runAction(context, action.perform, data), policy, signal)
 * if (!result.ok) return classifyError(result.error)
 */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy = defaultRetryPolicy,
  signal?: AbortSignal
): Promise<RetryResult<T>> {
  let attempts = 0
  const run = async (): Promise<T> => {
    attempts++
    try {
      return await attempt()
    } catch (error) {
      // p-retry only handles Error instances; a destination may throw anything.
      throw error instanceof Error ? error : new Error(`A non-error value was thrown: ${String(error)}`)
    }
  }
  if (policy.retries <= 0) {
    try {
      return { ok: true, value: await run(), attempts }
    } catch (error) {
      return { ok: false, error: asAbort(error, signal), attempts }
    }
  }
  const started = performance.now()
  try {
    const value = await pRetry(run, {
      retries: policy.retries,
      minTimeout: policy.minTimeout,
      factor: policy.factor,
      maxTimeout: policy.maxTimeout,
      maxRetryTime: policy.maxRetryTime,
      ...(signal && { signal }),
      shouldRetry: ({ error }) => {
        const classified = classifyError(error)
        if (classified.status !== 'retryable' || signal?.aborted) return false
        if (classified.retryAfterMs === undefined) return true
        // The API said when to come back: only wait for it inside the budget.
        return performance.now() - started + classified.retryAfterMs <= policy.maxRetryTime
      },
      onFailedAttempt: async ({ error, retryDelay, retriesLeft }) => {
        // p-retry calls this before it decides; waiting for an attempt that will not come is waste.
        if (retriesLeft === 0 || signal?.aborted) return
        const { status, retryAfterMs } = classifyError(error)
        if (status !== 'retryable') return
        const budgetLeft = policy.maxRetryTime - (performance.now() - started)
        if (retryAfterMs !== undefined && retryAfterMs > retryDelay && retryAfterMs <= budgetLeft) {
          await sleep(retryAfterMs - retryDelay, signal)
        }
      }
    })
    return { ok: true, value, attempts }
  } catch (error) {
    // p-retry rethrows the signal's reason as is, which may be any value: an abort is always an abort.
    return { ok: false, error: asAbort(error, signal), attempts }
  }
}

/** After an abort, the failure is the abort (retryable `ABORTED`), whatever reason the host gave the signal. */
function asAbort(error: unknown, signal: AbortSignal | undefined): unknown {
  if (!signal?.aborted || classifyError(error).code === ErrorCodes.ABORTED) return error
  const aborted = new Error('The delivery was aborted before it finished.')
  aborted.name = 'AbortError'
  return aborted
}

/** Waits `ms`, or rejects with the abort reason as soon as `signal` aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal!.reason)
    }
    // The global timer (not node:timers/promises) so hosts' and tests' fake timers apply.
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
