/**
 * Recognises the ISO-8601 timestamps Segment libraries send, read character by
 * character: this runs for every timestamp of every event, so it allocates nothing.
 * Only forms `Date.parse` reads identically everywhere are accepted, with one
 * exception: a leap second (`…T23:59:60Z`), which RFC 3339 allows and `datetime`
 * fields accept, so an event's timestamp and a payload's datetime agree.
 * (`Date.parse` answers NaN for it.)
 */

/**
 * Whether a string is an ISO-8601 date (`2026-10-30`) or date-time
 * (`2026-10-30T14:22:05.118Z`, `2026-10-30 14:22`, offsets as `+02:00` or `+0200`)
 * naming a real calendar day and time.
 *
 * @example
 * isIsoDateTime('2026-10-30T14:22:05.118Z') // true
 * isIsoDateTime('2016-12-31T23:59:60Z') // true (a leap second)
 * isIsoDateTime('2026-02-30') // false (no such day)
 * isIsoDateTime('yesterday-ish') // false
 */
export function isIsoDateTime(text: string): boolean {
  const length = text.length
  if (length < 10 || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH) return false
  const high = twoDigits(text, 0)
  const low = twoDigits(text, 2)
  const year = high < 0 || low < 0 ? -1 : high * 100 + low
  const month = twoDigits(text, 5)
  const day = twoDigits(text, 8)
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false
  if (length === 10) return true

  const separator = text.charCodeAt(10)
  if (separator !== UPPER_T && separator !== LOWER_T && separator !== SPACE) return false
  if (length < 16 || text.charCodeAt(13) !== COLON) return false
  const hour = twoDigits(text, 11)
  const minute = twoDigits(text, 14)
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return false

  let index = 16
  if (text.charCodeAt(index) === COLON) {
    const second = twoDigits(text, index + 1)
    if (second < 0 || second > 60) return false // 60: a leap second
    index += 3
    if (text.charCodeAt(index) === DOT) {
      const fractionStart = ++index
      while (isDigit(text.charCodeAt(index))) index++
      if (index === fractionStart) return false
    }
  }
  if (index === length) return true
  return isZone(text, index)
}

/** A zone at `index` that ends the string: `Z`, `±hh:mm` or `±hhmm`. */
function isZone(text: string, index: number): boolean {
  const sign = text.charCodeAt(index)
  if (sign === UPPER_Z || sign === LOWER_Z) return index + 1 === text.length
  if (sign !== PLUS && sign !== MINUS) return false
  const hours = twoDigits(text, index + 1)
  const colon = text.charCodeAt(index + 3) === COLON ? 1 : 0
  const minutes = twoDigits(text, index + 3 + colon)
  return hours >= 0 && hours <= 23 && minutes >= 0 && minutes <= 59 && index + 5 + colon === text.length
}

/** The number written by the two digits at `start`, or -1 if either is not a digit. */
function twoDigits(text: string, start: number): number {
  const tens = text.charCodeAt(start) - ZERO
  const ones = text.charCodeAt(start + 1) - ZERO
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1
}

function isDigit(code: number): boolean {
  return code >= ZERO && code <= ZERO + 9
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

const ZERO = 0x30
const DASH = 0x2d
const COLON = 0x3a
const DOT = 0x2e
const SPACE = 0x20
const PLUS = 0x2b
const MINUS = 0x2d
const UPPER_T = 0x54
const LOWER_T = 0x74
const UPPER_Z = 0x5a
const LOWER_Z = 0x7a
