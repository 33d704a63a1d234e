/** Epoch numbers below this are seconds, above it milliseconds (1e11 ms is March 1973). */
const SECONDS_UNTIL = 1e11

/**
 * A `datetime` field's value as milliseconds since the epoch, which is the only
 * time format Amplitude accepts (an ISO string gets a 400). Epoch values given in
 * seconds are scaled up.
 *
 * @example
 * toEpochMillis('2026-10-30T14:22:05.118Z') // 1793370125118
 * toEpochMillis(1793370125) // 1793370125000
 */
export function toEpochMillis(value: string | number | undefined | null): number | undefined {
  if (value === undefined || value === null || value === '') return undefined
  const numeric = typeof value === 'number' ? value : /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : NaN
  if (!Number.isNaN(numeric)) return Math.round(Math.abs(numeric) < SECONDS_UNTIL ? numeric * 1000 : numeric)
  const parsed = Date.parse(value as string)
  return Number.isNaN(parsed) ? undefined : parsed
}
