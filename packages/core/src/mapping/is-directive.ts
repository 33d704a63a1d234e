import { isPlainObject } from './copy-clean.js'

/**
 * Whether a value is a mapping directive: an object with an `@`-prefixed key and no other keys
 * besides `@` keys and `_metadata` (editors' notes).
 *
 * @example
 * isDirective({ '@path': '$.userId' }) // true
 * isDirective({ '@path': '$.userId', _metadata: { label: 'User' } }) // true
 * isDirective({ '@path': '$.userId', other: 1 }) // false
 */
export function isDirective(value: unknown): boolean {
  if (!isPlainObject(value)) return false
  let hasDirectiveKey = false
  for (const key of Object.keys(value)) {
    if (key.startsWith('@')) hasDirectiveKey = true
    else if (key !== '_metadata') return false
  }
  return hasDirectiveKey
}
