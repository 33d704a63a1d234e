import { copyClean } from '../copy-clean.js'
import type { Directive } from '../types.js'

/** `{ "@literal": value }`: the value as is; directives and placeholders inside it are not resolved. */
export const literalDirective: Directive = {
  name: '@literal',
  validate(value, at, check) {
    check.literal(value, at)
  },
  compile(value) {
    if (typeof value !== 'object' || value === null) return { run: () => value, fresh: true }
    // A private copy, so a later change to the mapping cannot leak into payloads; each payload gets its own.
    const kept = copyClean(value)
    return { run: () => copyClean(kept), fresh: true }
  }
}
