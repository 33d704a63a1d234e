/**
 * `@template` strings: `Hi {{traits.first_name}}` and `{{{a.b}}}` placeholders. The template is cut into
 * fixed text and pre-compiled paths once; rendering joins them. Missing and null values render as `''`;
 * nothing is HTML-escaped. Substituted values are never scanned again for placeholders.
 */
import { isPlainObject } from './copy-clean.js'
import { compilePath, type PathGetter } from './paths.js'

const PLACEHOLDER = /\{\{\{([^}]+)\}\}\}|\{\{([^}]+)\}\}/g

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
  for (const match of template.matchAll(PLACEHOLDER)) {
    texts.push(template.slice(last, match.index))
    getters.push(compilePath((match[1] ?? match[2]).trim()))
    last = match.index + match[0].length
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
