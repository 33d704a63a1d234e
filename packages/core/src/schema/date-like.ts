/**
 * The `date-like` string format of `datetime` fields: an ISO 8601 date or
 * date-time (time zone optional, `T` or a space between date and time), or an
 * epoch timestamp written as a string. Numbers never reach a string format.
 */

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/
const isoDateTime =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:[Zz]|[+-](\d{2})(?::?(\d{2}))?)?$/
const epoch = /^-?\d+(?:\.\d+)?$/

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false
  const lengths = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
  return day <= lengths[month - 1]
}

/**
 * Whether a string is a date as `datetime` fields accept it.
 *
 * @example
 * isDateLike('2024-02-29T10:00:00.000Z') // true
 * isDateLike('2024-02-29') // true
 * isDateLike('1700000000') // true (epoch seconds)
 * isDateLike('2023-02-29') // false (no such day)
 * isDateLike('yesterday') // false
 */
export function isDateLike(value: string): boolean {
  if (epoch.test(value)) return true
  const date = isoDate.exec(value)
  if (date) return isCalendarDate(Number(date[1]), Number(date[2]), Number(date[3]))
  const dateTime = isoDateTime.exec(value)
  if (!dateTime) return false
  const [, year, month, day, hour, minute, second = '0', offsetHour = '0', offsetMinute = '0'] = dateTime
  return (
    isCalendarDate(Number(year), Number(month), Number(day)) &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 60 && // 60: a leap second
    Number(offsetHour) <= 23 &&
    Number(offsetMinute) <= 59
  )
}
