import type { Directive, Resolver } from '../types.js'

const nothing: Resolver = () => undefined

/** `exists`: anything but null and undefined. */
function exists(value: unknown): boolean {
  return value !== undefined && value !== null
}

/**
 * `blank` is true for null, undefined and `''` — and, as in the compatible runtime (which compares the
 * value with `''` loosely, so by its text), for `0`, `false` and every array whose text is empty: `[]`,
 * `['']`, `[null]`, `[[]]`.
 */
function notBlank(value: unknown): boolean {
  if (value === 0 || value === false) return false
  return !hasEmptyText(value)
}

/**
 * Whether a value reads as `''`: null, undefined, `''`, or an array of no item or of one such item (two
 * items read as at least `,`). A loop, not recursion, so deeply nested arrays cost no stack.
 */
function hasEmptyText(value: unknown): boolean {
  let item = value
  while (Array.isArray(item)) {
    if (item.length !== 1) return item.length === 0
    item = item[0]
  }
  return item === undefined || item === null || item === ''
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
