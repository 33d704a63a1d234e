import type { Directive, Resolver } from '../types.js'

const nothing: Resolver = () => undefined

/** `exists`: anything but null and undefined. */
function exists(value: unknown): boolean {
  return value !== undefined && value !== null
}

/**
 * `blank` is true for null, undefined and `''` — and, as in the compatible runtime (which compares with
 * `''` loosely), for `0`, `false` and an empty array.
 */
function notBlank(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || value === 0 || value === false) return false
  return !(Array.isArray(value) && value.length === 0)
}

/**
 * `{ "@if": { "exists" | "blank": value, "then"?: …, "else"?: … } }`: the branch chosen by the condition;
 * a missing branch omits the key.
 */
export const ifDirective: Directive = {
  name: '@if',
  validate(value, at, check) {
    const options = check.options(value, at)
    if (!options) return
    if (options.exists === undefined && options.blank === undefined) {
      check.report(at, 'should have field "exists" or "blank" but it doesn\'t')
    }
    for (const key of ['exists', 'blank', 'then', 'else']) {
      if (options[key] !== undefined) check.value(options[key], [...at, key])
    }
  },
  compile(value, compiler, at) {
    const options = value as Record<string, unknown>
    const useExists = options.exists !== undefined
    const key = useExists ? 'exists' : 'blank'
    const subject = compiler.read(options[key], [...at, key]).run
    const test = useExists ? exists : notBlank
    const whenTrue = options.then === undefined ? nothing : compiler.value(options.then, [...at, 'then'])
    const whenFalse = options.else === undefined ? nothing : compiler.value(options.else, [...at, 'else'])
    return { run: (data) => (test(subject(data)) ? whenTrue(data) : whenFalse(data)), fresh: true }
  }
}
