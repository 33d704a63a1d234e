/**
 * Registering a new action in a destination's `src/index.ts`: an import of
 * its folder, and its key in the definition's `actions` object. The file is
 * edited as text (keeping its formatting and comments), after a light scan
 * that blanks out comments and string contents so that nothing inside them
 * is mistaken for code.
 */
import { CliError } from '../util/cli-error.js'

/**
 * `source` with `import <actionId> from './<actionId>/index.js'` after its last
 * import and `<actionId>` added to its `actions: { … }` object. Throws a
 * `CliError` naming `file` when the file has no single `actions: { … }` object
 * or already uses the name.
 *
 * @example
 * registerAction("import a from './a/index.js'\n\nexport default { name: 'X', actions: { a } }\n", 'sendEvent', 'src/index.ts')
 * // "import a from './a/index.js'\nimport sendEvent from './sendEvent/index.js'\n\nexport default { name: 'X', actions: { a, sendEvent } }\n"
 */
export function registerAction(source: string, actionId: string, file: string): string {
  const code = codeMask(source)
  if (new RegExp(`(?<![\\w$.])${actionId}(?![\\w$])`).test(code)) {
    throw new CliError(
      `${file} already uses the name "${actionId}": pick another action name, or remove the old one first.`
    )
  }
  const objects = [...code.matchAll(/(?<![\w$.])actions\s*:\s*\{/g)]
  if (objects.length !== 1) {
    const found =
      objects.length === 0 ? 'no `actions: { … }` object' : 'more than one `actions: { … }` object'
    throw new CliError(
      `${file} has ${found}, so the action could not be registered: add \`${actionId}\` to the definition's actions by hand.`
    )
  }
  const open = objects[0].index + objects[0][0].length - 1
  const close = matchingBrace(code, open)
  if (close === undefined) {
    throw new CliError(
      `${file} has an \`actions: {\` without its closing brace, so the action could not be registered.`
    )
  }
  // The key first, then the import, found again in the edited text.
  const withKey = addKey(source, code, open, close, actionId)
  return addImport(withKey, codeMask(withKey), actionId)
}

/** Adds `key` as the last entry of the object literal between `open` and `close`. */
function addKey(source: string, code: string, open: number, close: number, key: string): string {
  const body = code.slice(open + 1, close)
  const lastIndex = lastSignificant(body)
  if (lastIndex === -1) {
    // An empty object: `{}` becomes `{ key }`, keeping any comment in it.
    const inside = source.slice(open + 1, close)
    if (!inside.includes('\n')) return `${source.slice(0, open + 1)} ${key} ${source.slice(close)}`
    const indent = lineIndent(source, close) + '  '
    const insertAt = source.lastIndexOf('\n', close)
    return `${source.slice(0, insertAt)}\n${indent}${key}${source.slice(insertAt)}`
  }
  const last = open + 1 + lastIndex
  const trailingComma = code[last] === ','
  const multiline = code.slice(last, close).includes('\n')
  if (!multiline) {
    const insertion = trailingComma ? ` ${key},` : `, ${key}`
    return source.slice(0, last + 1) + insertion + source.slice(last + 1)
  }
  // One entry per line: the new one goes on its own line after the last entry (and after a
  // comment that ends that line), indented like the first entry.
  const lineEnd = source.indexOf('\n', last)
  const indent = lineIndent(source, open + 1 + firstSignificant(body))
  let result = `${source.slice(0, lineEnd)}\n${indent}${key}${trailingComma ? ',' : ''}${source.slice(lineEnd)}`
  if (!trailingComma) result = result.slice(0, last + 1) + ',' + result.slice(last + 1)
  return result
}

/** Adds `import <id> from '<specifier>'` after the last import of the file, in the file's own style. */
function addImport(source: string, code: string, actionId: string): string {
  const imports = importStatements(source, code)
  const specifiers = imports.map((statement) => statement.specifier).filter((s) => s.startsWith('.'))
  const extension = specifiers.some((s) => s.endsWith('.ts'))
    ? '/index.ts'
    : specifiers.length > 0 && specifiers.every((s) => !/\.[cm]?[jt]s$/.test(s))
      ? ''
      : '/index.js'
  const last = imports.at(-1)
  const quote = last?.quote ?? "'"
  const statement = `import ${actionId} from ${quote}./${actionId}${extension}${quote}${last?.semicolon ? ';' : ''}`
  if (!last) return `${statement}\n${source}`
  // After the line of the last import, so that a comment ending that line stays with it.
  const lineEnd = source.indexOf('\n', last.end)
  const at = lineEnd === -1 ? source.length : lineEnd
  return `${source.slice(0, at)}\n${statement}${source.slice(at)}`
}

interface ImportStatement {
  specifier: string
  quote: string
  semicolon: boolean
  /** Just after the statement (and its semicolon). */
  end: number
}

/** The top-level `import … from '…'` and `import '…'` statements, in order. */
function importStatements(source: string, code: string): ImportStatement[] {
  const statements: ImportStatement[] = []
  for (const match of code.matchAll(/^[ \t]*import(?=[\s{*'"])/gm)) {
    // The module specifier is the first string after `import` (import clauses hold none).
    const opening = code.slice(match.index).search(/['"]/)
    if (opening === -1) continue
    const start = match.index + opening
    const quote = code[start]
    const closing = code.indexOf(quote, start + 1)
    if (closing === -1) continue
    let end = closing + 1
    // Import attributes: `with { type: 'json' }`.
    const attributes = /^\s*(?:with|assert)\s*\{/.exec(code.slice(end))
    if (attributes) end = (matchingBrace(code, end + attributes[0].length - 1) ?? end) + 1
    const semicolon = /^[ \t]*;/.exec(code.slice(end))
    if (semicolon) end += semicolon[0].length
    statements.push({
      specifier: source.slice(start + 1, closing),
      quote,
      semicolon: semicolon !== null,
      end
    })
  }
  return statements
}

/** The index of the `}` that closes the `{` at `open`, in masked code. */
function matchingBrace(code: string, open: number): number | undefined {
  let depth = 0
  for (let i = open; i < code.length; i++) {
    if (code[i] === '{') depth++
    else if (code[i] === '}' && --depth === 0) return i
  }
  return undefined
}

function lastSignificant(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) if (!/\s/.test(text[i])) return i
  return -1
}

function firstSignificant(text: string): number {
  return text.search(/\S/)
}

/** The leading whitespace of the line that holds `index`. */
function lineIndent(source: string, index: number): string {
  const start = source.lastIndexOf('\n', index - 1) + 1
  return /^[ \t]*/.exec(source.slice(start))![0]
}

/**
 * `source` with comments and the contents of strings and template literals
 * replaced by spaces (line breaks and quote marks kept), so offsets match the
 * source. Regular expression literals are not recognised: a definition file
 * rarely has one, and one without quotes or braces does no harm.
 *
 * @example
 * codeMask("a: 'x{' // y") // "a: '  '     "
 */
export function codeMask(source: string): string {
  const out = source.split('')
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n' && out[k] !== '\r') out[k] = ' '
  }
  const skipString = (start: number): number => {
    const quote = source[start]
    let i = start + 1
    while (i < source.length && source[i] !== quote && source[i] !== '\n') i += source[i] === '\\' ? 2 : 1
    blank(start + 1, Math.min(i, source.length))
    return i + 1
  }
  // A template literal, with its `${ … }` expressions (which may hold strings and templates).
  const skipTemplate = (start: number): number => {
    let i = start + 1
    while (i < source.length && source[i] !== '`') {
      if (source[i] === '\\') i += 2
      else if (source[i] === '$' && source[i + 1] === '{') {
        let depth = 1
        i += 2
        while (i < source.length && depth > 0) {
          const c = source[i]
          if (c === '{') depth++
          else if (c === '}') depth--
          if (depth === 0) break
          if (c === "'" || c === '"') i = skipString(i)
          else if (c === '`') i = skipTemplate(i)
          else i++
        }
        i++
      } else i++
    }
    blank(start + 1, Math.min(i, source.length))
    return i + 1
  }
  let i = 0
  while (i < source.length) {
    const c = source[i]
    const next = source[i + 1]
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i)
      const stop = end === -1 ? source.length : end
      blank(i, stop)
      i = stop
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2)
      const stop = end === -1 ? source.length : end + 2
      blank(i, stop)
      i = stop
    } else if (c === "'" || c === '"') i = skipString(i)
    else if (c === '`') i = skipTemplate(i)
    else i++
  }
  return out.join('')
}
