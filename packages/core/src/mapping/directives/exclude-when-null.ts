import { isPlainObject } from '../copy-clean.js'
import type { Directive } from '../types.js'

/** The object without its null properties, recursively through nested objects (arrays are kept as they are). */
function withoutNulls(value: unknown): unknown {
  if (!isPlainObject(value)) return value
  const kept: Record<string, unknown> = {}
  for (const key of Object.keys(value)) {
    if (value[key] !== null) kept[key] = withoutNulls(value[key])
  }
  return kept
}

/** `{ "@excludeWhenNull": value }`: the value with null properties removed; a null value omits the key. */
export const excludeWhenNullDirective: Directive = {
  name: '@excludeWhenNull',
  validate(value, at, check) {
    check.value(value, at)
  },
  compile(value, compiler, at) {
    const input = compiler.value(value, at)
    return {
      run: (data) => {
        const found = input(data)
        return found === null ? undefined : withoutNulls(found)
      },
      fresh: true
    }
  }
}
