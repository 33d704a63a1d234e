import { copyClean } from '../copy-clean.js'
import { isUnsafeKey } from '../paths.js'
import type { Directive } from '../types.js'

/** Drops prototype keys from decoded JSON, like every other value that reaches a payload. */
const withoutUnsafeKeys = (key: string, value: unknown): unknown => (isUnsafeKey(key) ? undefined : value)

/**
 * `{ "@json": { "mode": "encode" | "decode", "value": … } }`: `JSON.stringify`, or `JSON.parse` of a
 * string (a string that is not JSON is returned as it is; a non-string passes through). The mode is read
 * in any case, as validation accepts it (the compatible runtime omits the key for `Encode`).
 */
export const jsonDirective: Directive = {
  name: '@json',
  validate(value, at, check) {
    const options = check.options(value, at)
    if (!options) return
    if (check.required(options, 'value', at)) check.value(options.value, [...at, 'value'])
    if (check.required(options, 'mode', at)) check.oneOf(options.mode, [...at, 'mode'], ['encode', 'decode'])
  },
  compile(value, compiler, at) {
    const options = value as Record<string, unknown>
    const input = compiler.read(options.value, [...at, 'value']).run
    if (String(options.mode).toLowerCase() === 'encode') {
      return { run: (data) => JSON.stringify(input(data)), fresh: true }
    }
    return {
      run: (data) => {
        const found = input(data)
        if (typeof found !== 'string') return copyClean(found)
        try {
          return JSON.parse(found, withoutUnsafeKeys)
        } catch {
          return found
        }
      },
      fresh: true
    }
  }
}
