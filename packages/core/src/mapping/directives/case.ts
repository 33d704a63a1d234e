import type { Directive } from '../types.js'

/**
 * `{ "@case": { "operator": "lower" | "upper", "value": … } }`: changes a string's case; other values pass.
 * As in the compatible runtime, a `value` written as `''`, `0`, `false` or `null` omits the key.
 */
export const caseDirective: Directive = {
  name: '@case',
  validate(value, at, check) {
    const options = check.options(value, at)
    if (!options) return
    if (check.required(options, 'operator', at))
      check.oneOf(options.operator, [...at, 'operator'], ['lower', 'upper'])
    if (options.value !== undefined) check.value(options.value, [...at, 'value'])
  },
  compile(value, compiler, at) {
    const options = value as Record<string, unknown>
    if (!options.value) return { run: () => undefined, fresh: true }
    const input = compiler.value(options.value, [...at, 'value'])
    const upper = String(options.operator).toLowerCase() === 'upper'
    return {
      run: upper
        ? (data) => {
            const text = input(data)
            return typeof text === 'string' ? text.toUpperCase() : text
          }
        : (data) => {
            const text = input(data)
            return typeof text === 'string' ? text.toLowerCase() : text
          },
      fresh: true
    }
  }
}
