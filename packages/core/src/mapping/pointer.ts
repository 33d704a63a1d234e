import type { Pointer } from './types.js'

/**
 * The JSON pointer of a place in a mapping (`~` and `/` escaped); the root is written `/`.
 *
 * @example
 * formatPointer(['user', '@path']) // '/user/@path'
 * formatPointer([]) // '/'
 */
export function formatPointer(at: Pointer): string {
  return '/' + at.map((segment) => String(segment).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')
}
