/**
 * Short descriptions of values for error sentences: what kind of value was found,
 * and the value itself quoted and cut to a readable length.
 */
import { realTypeOf } from '../util/real-type-of.js'

const MAX_QUOTED_LENGTH = 40

/**
 * The kind of a value with its article, for "… but it was <kind>".
 *
 * @example
 * describeKind([]) // 'an array'
 * describeKind(null) // 'null'
 */
export function describeKind(value: unknown): string {
  const type = realTypeOf(value)
  switch (type) {
    case 'null':
    case 'undefined':
      return type
    case 'array':
    case 'object':
      return `an ${type}`
    case 'regexp':
      return 'a regular expression'
    default:
      return `a ${type}`
  }
}

/**
 * A string in single quotes, cut to 40 characters so a huge value cannot flood a message.
 *
 * @example
 * quoteValue('teleport') // "'teleport'"
 */
export function quoteValue(value: string): string {
  return value.length > MAX_QUOTED_LENGTH ? `'${value.slice(0, MAX_QUOTED_LENGTH)}…'` : `'${value}'`
}
