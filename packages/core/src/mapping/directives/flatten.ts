import { copyClean, isPlainObject } from '../copy-clean.js'
import { isUnsafeKey } from '../paths.js'
import { setOwnProperty } from '../../util/set-own-property.js'
import type { Directive } from '../types.js'

/**
 * Writes the leaves of `value` into `out`, their keys joined by `separator`. A key that is a prototype key
 * (`__proto__`, `prototype`, `constructor`) is skipped, whether it is one segment or made by joining
 * several (`_` + `proto__` with the separator `_`).
 */
function flattenInto(
  out: Record<string, unknown>,
  value: unknown,
  prefix: string,
  separator: string,
  omitArrays: boolean
): void {
  if (isPlainObject(value) || (!omitArrays && Array.isArray(value))) {
    for (const key of Object.keys(value)) {
      if (isUnsafeKey(key)) continue
      const item = (value as Record<string, unknown>)[key]
      flattenInto(out, item, prefix ? `${prefix}${separator}${key}` : key, separator, omitArrays)
    }
    return
  }
  if (value !== undefined && !isUnsafeKey(prefix)) setOwnProperty(out, prefix, copyClean(value))
}

/**
 * `{ "@flatten": { "value": …, "separator": ".", "omitArrays"?: boolean } }`: a nested object as one flat
 * object whose keys are the joined paths (`{ a: { b: 1 } }` → `{ 'a.b': 1 }`). With `omitArrays`, arrays
 * are kept as values instead of being flattened by index. As in the compatible runtime, `omitArrays` is
 * read for its truth (`'yes'` counts as true) and not checked further.
 */
export const flattenDirective: Directive = {
  name: '@flatten',
  validate(value, at, check) {
    const options = check.options(value, at)
    if (!options) return
    if (check.required(options, 'value', at)) check.value(options.value, [...at, 'value'])
    if (check.required(options, 'separator', at))
      check.string(options.separator, [...at, 'separator'], { min: 1 })
  },
  compile(value, compiler, at) {
    const options = value as Record<string, unknown>
    const input = compiler.read(options.value, [...at, 'value']).run
    const separator = String(options.separator)
    const omitArrays = Boolean(options.omitArrays)
    return {
      run: (data) => {
        const out: Record<string, unknown> = {}
        flattenInto(out, input(data), '', separator, omitArrays)
        return out
      },
      fresh: true
    }
  }
}
