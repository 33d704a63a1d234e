/**
 * Parses a `Retry-After` header (RFC 9110 §10.2.3): delay-seconds or an HTTP date.
 */

/** The three HTTP date forms: IMF-fixdate, RFC 850 and asctime. */
const httpDatePattern =
  /^(?:[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT|[A-Za-z]+, \d{2}-[A-Za-z]{3}-\d{2} \d{2}:\d{2}:\d{2} GMT|[A-Za-z]{3} [A-Za-z]{3} [ \d]\d \d{2}:\d{2}:\d{2} \d{4})$/

/**
 * Parses a `Retry-After` value. Only the standard forms are read: a lenient date
 * parser would turn garbage like `"soon 1"` into a date.
 *
 * @returns milliseconds to wait (never negative; 0 for a date in the past), or
 *   undefined when absent or unreadable.
 * @example
 * parseRetryAfter('120')                             // 120000
 * parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT')   // ms until then, 0 if past
 * parseRetryAfter('tomorrow')                        // undefined
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now()
): number | undefined {
  if (value === null || value === undefined) return undefined
  const text = value.trim()
  if (text === '') return undefined
  // Integers per the RFC; a fraction is tolerated since some APIs send one.
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000)
  if (!httpDatePattern.test(text)) return undefined
  // asctime dates carry no zone but are GMT by definition.
  const date = Date.parse(text.endsWith('GMT') ? text : `${text} GMT`)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - now)
}
