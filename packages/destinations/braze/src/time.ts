/** Epoch numbers below this are seconds, above it milliseconds (1e11 ms is March 1973). */
const SECONDS_UNTIL = 1e11

/**
 * A `datetime` field's value as an ISO 8601 string, as Braze wants times.
 *
 * @example
 * toIsoTime('2026-10-30 14:22:05Z') // '2026-10-30T14:22:05.000Z'
 * toIsoTime(1793370125) // '2026-10-30T14:22:05.000Z'
 */
export function toIsoTime(value: string | number | null | undefined): string | undefined {
  if (value === undefined || value === null || value === '') return undefined
  const numeric = typeof value === 'number' ? value : /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : NaN
  const ms = Number.isNaN(numeric)
    ? Date.parse(value as string)
    : Math.abs(numeric) < SECONDS_UNTIL
      ? numeric * 1000
      : numeric
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString()
}

/**
 * A date of birth as Braze's "YYYY-MM-DD" (the calendar date as written, without a time zone shift).
 *
 * @example
 * toDateOfBirth('1815-12-10T00:00:00Z') // '1815-12-10'
 */
export function toDateOfBirth(value: string | number | null | undefined): string | null | undefined {
  if (value === null) return null
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10)
  return toIsoTime(value)?.slice(0, 10)
}
