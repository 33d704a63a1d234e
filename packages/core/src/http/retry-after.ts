/**
 * Parses a `Retry-After` header: delay-seconds or an HTTP date.
 *
 * @returns milliseconds to wait (never negative), or undefined when absent or unreadable.
 * @example
 * parseRetryAfter('120')                             // 120000
 * parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT')   // ms until then, 0 if past
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined
  const text = value.trim()
  if (text === '') return undefined
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000)
  const date = Date.parse(text)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - now)
}
