import { copyClean } from '../copy-clean.js'
import type { Directive } from '../types.js'

/** `{ "@coalesce": [a, b, c] }` (destkit): the first value that is neither null, undefined nor `''`. */
export const coalesceDirective: Directive = {
  name: '@coalesce',
  validate(value, at, check) {
    if (check.array(value, at)) value.forEach((item, index) => check.value(item, [...at, index]))
  },
  compile(value, compiler, at) {
    // Array.from reads a hole as undefined (a candidate that never wins), where map would keep it a hole.
    const candidates = Array.from(value as unknown[], (item, index) => compiler.read(item, [...at, index]))
    return {
      run: (data) => {
        for (const candidate of candidates) {
          const found = candidate.run(data)
          if (found !== undefined && found !== null && found !== '')
            return candidate.fresh ? found : copyClean(found)
        }
        return undefined
      },
      fresh: true
    }
  }
}
