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
 * The annotation `fieldsToJsonSchema` puts (with the field's label as `title`) on the
 * item schema of a `multiple` field: sentences about an item then name the field and
 * the item's position, e.g. `Emails item 2`.
 */
export const ITEM_ANNOTATION = 'x-item'

/** The position of an array item in words (1-based) from its pointer, or undefined when it is not an index. */
function itemNumberOf(pointer: string): number | undefined {
  const index = pointer.slice(pointer.lastIndexOf('/') + 1)
  return pointer !== '' && /^(?:0|[1-9]\d*)$/.test(index) ? Number(index) + 1 : undefined
}

/**
 * How a sentence names the value a schema describes: like `nameOf`, and for the item
 * schema of a `multiple` field (marked with `ITEM_ANNOTATION`), the label and the
 * item's position counted from 1.
 *
 * @example
 * subjectOf({ title: 'Email' }, '/email') // 'Email'
 * subjectOf({ title: 'Emails', 'x-item': true }, '/emails/0') // 'Emails item 1'
 * subjectOf({}, '/emails/0') // 'The value at /emails/0'
 */
export function subjectOf(schema: unknown, pointer: string): string {
  const node = schema as { title?: unknown; [ITEM_ANNOTATION]?: unknown } | undefined
  const label = typeof node?.title === 'string' ? node.title : undefined
  if (label && node?.[ITEM_ANNOTATION] === true) {
    const number = itemNumberOf(pointer)
    if (number !== undefined) return `${label} item ${number}`
  }
  return nameOf(label, pointer)
}

const MAX_POINTER_LENGTH = 120

/**
 * A JSON pointer as a sentence quotes it: cut in its middle when longer than 120
 * characters, so a deeply nested path cannot flood a message (the issue's `path` keeps it whole).
 *
 * @example
 * shortenPointer('/a/b') // '/a/b'
 * shortenPointer('/a'.repeat(100)) // '/a/a/…/a/a' (60 characters either side of the '…')
 */
export function shortenPointer(pointer: string): string {
  if (pointer.length <= MAX_POINTER_LENGTH) return pointer
  const half = MAX_POINTER_LENGTH / 2
  return `${pointer.slice(0, half)}…${pointer.slice(-half)}`
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
