/**
 * A monotonic clock for measuring how long something took; unaffected by
 * changes to the wall clock.
 */

/**
 * A high-resolution start mark, in nanoseconds, for `duration`.
 *
 * @example
 * const start = time()
 * await deliver(event)
 * logger.info(`delivered in ${duration(start)} ms`)
 */
export function time(): bigint {
  return process.hrtime.bigint()
}

/**
 * Milliseconds (fractional) between two marks from `time()`; `stop` defaults to now.
 *
 * @example
 * const start = time()
 * doWork()
 * const elapsedMs = duration(start) // e.g. 1.734
 * duration(start, start + 2_500_000n) // 2.5
 */
export function duration(start: bigint, stop: bigint = time()): number {
  return Number(stop - start) / 1_000_000
}
