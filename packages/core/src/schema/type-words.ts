/**
 * Words for JSON types in sentences: "a string", "an integer", "a string or null".
 */
import { jsonTypeOf } from './coerce.js'

const typeWords: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
  null: 'null',
  undefined: 'undefined',
  date: 'a Date object',
  bigint: 'a bigint',
  function: 'a function',
  symbol: 'a symbol'
}

/**
 * Names one or several JSON types with their articles.
 *
 * @example
 * describeTypes(['string', 'null']) // 'a string or null'
 * describeTypes(['string', 'number', 'null']) // 'a string, a number or null'
 */
export function describeTypes(types: readonly string[]): string {
  const words = types.map((type) => typeWords[type] ?? `a ${type}`)
  if (words.length <= 1) return words[0] ?? 'a value'
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`
}

/**
 * Names the type of a value with its article.
 *
 * @example
 * describeValue('a') // 'a string'
 * describeValue(null) // 'null'
 */
export function describeValue(value: unknown): string {
  return describeTypes([jsonTypeOf(value)])
}

/**
 * How a sentence names a value: the field's label, or where the value is.
 *
 * @example
 * nameOf('Email', '/email') // 'Email'
 * nameOf(undefined, '') // 'The root value'
 * nameOf(undefined, '/a/b') // 'The value at /a/b'
 */
export function nameOf(label: string | undefined, pointer: string): string {
  if (label) return label
  return pointer === '' ? 'The root value' : `The value at ${pointer}`
}

/**
 * Escapes one key for a JSON pointer (RFC 6901).
 *
 * @example
 * escapePointerKey('a/b') // 'a~1b'
 */
export function escapePointerKey(key: string): string {
  // Most keys need no escaping; skip the regular expressions for them (this runs per key of free-form objects).
  if (!key.includes('~') && !key.includes('/')) return key
  return key.replace(/~/g, '~0').replace(/\//g, '~1')
}
