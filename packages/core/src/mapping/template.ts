/**
 * `@template` strings: `Hi {{traits.first_name}}` and `{{{a.b}}}` placeholders. The template is cut into
 * fixed text and pre-compiled paths once; rendering joins them. Missing and null values render as `''`;
 * nothing is HTML-escaped. Substituted values are never scanned again for placeholders.
 */
import { isPlainObject } from './copy-clean.js'
import { compilePath, type PathGetter } from './paths.js'

/**
 * Compiles a template to a function of the data.
 *
 * @example
 * const greet = compileTemplate('Hi {{traits.first_name}}!')
 * greet({ traits: { first_name: 'Ada' } }) // 'Hi Ada!'
 */
export function compileTemplate(template: string): (data: unknown) => string {
  const texts: string[] = []
  const getters: PathGetter[] = []
  let last = 0
  for (const { start, end, path } of placeholders(template)) {
    texts.push(template.slice(last, start))
    getters.push(compilePath(path))
    last = end
  }
  const tail = template.slice(last)
  if (getters.length === 0) return () => tail
  texts.push(tail)
  return (data) => {
    let text = texts[0]
    for (let i = 0; i < getters.length; i++) text += toText(getters[i](data)) + texts[i + 1]
    return text
  }
}

/** One placeholder of a template: where it starts and ends, and the path inside it (trimmed). */
interface Placeholder {
  start: number
  end: number
  path: string
}

/**
 * The placeholders of a template, left to right, in one linear pass. The result is the one the regular
 * expression `/\{\{\{([^}]+)\}\}\}|\{\{([^}]+)\}\}/g` gives, without its rescans: at each `{{` the
 * expression reads up to the first `}` that follows, so that position is found once and reused by
 * every `{{` before it (a run of unclosed `{{` costs one search, not one per `{{`).
 *
 * @example
 * placeholders('a {{ b }} {{{c}}}') // [{ start: 2, end: 9, path: 'b' }, { start: 10, end: 17, path: 'c' }]
 */
export function placeholders(template: string): Placeholder[] {
  const found: Placeholder[] = []
  // The first `}` at or after the position last searched from; valid while it is not behind the `{{`.
  let close = -1
  let from = 0
  for (;;) {
    const open = template.indexOf('{{', from)
    if (open === -1) break
    if (close < open + 2) {
      close = template.indexOf('}', open + 2)
      // No `}` left: no later `{{` can be closed either.
      if (close === -1) break
    }
    if (
      template.charCodeAt(open + 2) === OPEN_BRACE &&
      close > open + 3 &&
      template.startsWith('}}}', close)
    ) {
      found.push({ start: open, end: close + 3, path: template.slice(open + 3, close).trim() })
      from = close + 3
    } else if (close > open + 2 && template.charCodeAt(close + 1) === CLOSE_BRACE) {
      found.push({ start: open, end: close + 2, path: template.slice(open + 2, close).trim() })
      from = close + 2
    } else {
      from = open + 1
    }
  }
  return found
}

const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d

/**
 * How a value reads inside a template: like JavaScript string conversion, without ever calling a method
 * found on the data (an event may carry a `toString` key).
 *
 * @example
 * toText(null) // ''
 * toText([1, 'a']) // '1,a'
 */
export function toText(value: unknown): string {
  if (value === undefined || value === null) return ''
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return value.map(toText).join(',')
  if (isPlainObject(value)) return '[object Object]'
  return String(value)
}
