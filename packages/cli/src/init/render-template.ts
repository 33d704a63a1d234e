/**
 * Rendering template folders: every `__TOKEN__` in a file's path and contents
 * is replaced with its value. Tokens are plain identifiers so that the
 * templates stay valid code that eslint and prettier accept as they are.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { extname, join, posix } from 'node:path'
import { CliError } from '../util/cli-error.js'

/** Token values by token name without the underscores: `{ NAME: 'Acme', SLUG: 'acme' }`. */
export type TemplateValues = Record<string, string>

/** Upper-case words joined by single underscores, between double underscores: `__ACTION_ID__`. */
const TOKEN = /__([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)__/g

/** Files stored under another name, so that no tool treats them as the repository's own. */
const RENAMED: Record<string, string> = { _gitignore: '.gitignore' }

/**
 * Renders template folders into one set of files, by path relative to the
 * package; a later folder's file replaces an earlier one's of the same path.
 *
 * @example
 * renderLayers(['/repo/templates/destination/_common', '/repo/templates/destination/minimal'], { NAME: 'Acme', SLUG: 'acme', … })
 * // Map { 'package.json' => '{\n  "name": "destkit-destination-acme", …', 'src/index.ts' => … }
 */
export function renderLayers(layers: string[], values: TemplateValues): Map<string, string> {
  const files = new Map<string, string>()
  for (const layer of layers) {
    for (const relative of listFiles(layer)) {
      const source = join(layer, relative)
      const target = renderPath(relative, values, source)
      files.set(target, renderContents(readFileSync(source, 'utf8'), values, target, source))
    }
  }
  return files
}

/**
 * A template file's path with its tokens replaced (and stored names restored).
 *
 * @example
 * renderPath('src/__ACTION_ID__/index.ts', { ACTION_ID: 'sendEvent' }) // 'src/sendEvent/index.ts'
 */
export function renderPath(relative: string, values: TemplateValues, source = relative): string {
  const segments = relative.split(/[\\/]/).map((segment) => RENAMED[segment] ?? segment)
  return substitute(segments.join('/'), values, (value) => value, source)
}

/**
 * A template file's contents with its tokens replaced, each value escaped for
 * where it stands: inside single-quoted strings in TypeScript and JavaScript,
 * inside double-quoted strings in JSON, as it is anywhere else.
 *
 * @example
 * renderContents("name: '__NAME__'", { NAME: "O'Brien Ads" }, 'src/index.ts') // "name: 'O\\'Brien Ads'"
 */
export function renderContents(
  text: string,
  values: TemplateValues,
  targetPath: string,
  source = targetPath
): string {
  return substitute(text, values, escaperFor(targetPath), source)
}

function escaperFor(path: string): (value: string) => string {
  switch (extname(path)) {
    case '.ts':
    case '.mts':
    case '.cts':
    case '.js':
    case '.mjs':
    case '.cjs':
      return (value) => value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")
    case '.json':
      return (value) => JSON.stringify(value).slice(1, -1)
    default:
      return (value) => value
  }
}

function substitute(
  text: string,
  values: TemplateValues,
  escape: (value: string) => string,
  source: string
): string {
  return text.replace(TOKEN, (_token, name: string) => {
    const value = values[name]
    // A token without a value is a mistake in the template, not in what the user typed.
    if (value === undefined) {
      throw new CliError(
        `The template file ${source} uses __${name}__, which has no value (known: ${Object.keys(values).join(', ')}).`
      )
    }
    return escape(value)
  })
}

/** Every file under `directory`, as paths relative to it with `/` separators, sorted. */
function listFiles(directory: string, prefix = ''): string[] {
  const files: string[] = []
  for (const entry of readdirSync(join(directory, prefix), { withFileTypes: true })) {
    const relative = prefix ? posix.join(prefix, entry.name) : entry.name
    if (entry.isDirectory()) files.push(...listFiles(directory, relative))
    else if (entry.isFile()) files.push(relative)
  }
  return files.sort()
}
