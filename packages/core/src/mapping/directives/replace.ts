import { MAX_PATTERN_LENGTH, MAX_REPLACEMENT_LENGTH } from '../limits.js'
import type { Directive } from '../types.js'

type Replacer = (text: string) => string

/**
 * A literal replacement (the pattern is never a regular expression, and `$&`-style sequences in the
 * replacement are never expanded). Built once per mapping.
 */
function literalReplacer(
  pattern: string,
  replacement: string,
  global: boolean,
  ignoreCase: boolean
): Replacer {
  const insert = (): string => replacement
  if (!ignoreCase) {
    return global ? (text) => text.replaceAll(pattern, insert) : (text) => text.replace(pattern, insert)
  }
  const escaped = pattern.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')
  const matcher = new RegExp(escaped, global ? 'gi' : 'i')
  return (text) => text.replace(matcher, insert)
}

/**
 * `{ "@replace": { value, pattern, replacement?, pattern2?, replacement2?, global = true, ignorecase = false } }`:
 * literal replacement, up to two pairs. Numbers and booleans are stringified first; any other value
 * (null, missing, an object) gives `''`.
 */
export const replaceDirective: Directive = {
  name: '@replace',
  validate(value, at, check) {
    const options = check.options(value, at)
    if (!options) return
    const pattern = { min: 1, max: MAX_PATTERN_LENGTH }
    const replacement = { max: MAX_REPLACEMENT_LENGTH }
    if (check.required(options, 'pattern', at)) check.string(options.pattern, [...at, 'pattern'], pattern)
    if (options.replacement !== undefined)
      check.string(options.replacement, [...at, 'replacement'], replacement)
    if (options.pattern2 !== undefined) check.string(options.pattern2, [...at, 'pattern2'], pattern)
    if (options.replacement2 !== undefined)
      check.string(options.replacement2, [...at, 'replacement2'], replacement)
    if (check.required(options, 'value', at)) check.value(options.value, [...at, 'value'])
    if (options.global !== undefined) check.boolean(options.global, [...at, 'global'])
    if (options.ignorecase !== undefined) check.boolean(options.ignorecase, [...at, 'ignorecase'])
  },
  compile(value, compiler, at) {
    const options = value as Record<string, unknown>
    const global = options.global !== false
    const ignoreCase = options.ignorecase === true
    const replacers: Replacer[] = [
      literalReplacer(String(options.pattern), String(options.replacement ?? ''), global, ignoreCase)
    ]
    if (typeof options.pattern2 === 'string') {
      replacers.push(
        literalReplacer(options.pattern2, String(options.replacement2 ?? ''), global, ignoreCase)
      )
    }
    const input = compiler.read(options.value, [...at, 'value']).run
    return {
      run: (data) => {
        const found = input(data)
        // As in the compatible runtime, anything else (null, missing, objects) gives ''.
        if (typeof found !== 'string' && typeof found !== 'number' && typeof found !== 'boolean') return ''
        let text = String(found)
        for (const replace of replacers) text = replace(text)
        return text
      },
      fresh: true
    }
  }
}
