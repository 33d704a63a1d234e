import type { Directive } from '../types.js'

/**
 * `{ "@literal": value }`: the value as it is written. Strings are never templates, so a string that
 * looks like one stays as it is; as in the compatible runtime, a directive nested in an object is still
 * resolved.
 *
 * @example
 * // { "code": { "@literal": "{{not a placeholder}}" } } → { code: '{{not a placeholder}}' }
 */
export const literalDirective: Directive = {
  name: '@literal',
  validate(value, at, check) {
    check.value(value, at)
  },
  compile(value, compiler, at) {
    return { run: compiler.value(value, at), fresh: true }
  }
}
