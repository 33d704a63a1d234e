/**
 * Reading the JSON inputs of `destkit send` (event, settings, mapping, auth)
 * from a file or standard input, with errors that name the input, the file and
 * the place of a syntax error.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { locateJsonError } from '@destkit/core'
import { CliError } from '../util/cli-error.js'

/** Where an input comes from: a file path, or `-` for standard input. */
export interface JsonInputSource {
  /** What the input is, for messages: `event`, `settings`, `mapping`, `auth`. */
  what: string
  /** A file path, or `-` for standard input. */
  path: string
  /** Where relative paths start (default `process.cwd()`). */
  cwd?: string
  /** Reads standard input to the end (default: `process.stdin`). */
  readStdin?: () => Promise<string>
}

/**
 * Reads a JSON object from a file or standard input. Refuses, with a sentence
 * naming the input and the file, a missing or unreadable file, text that is not
 * JSON (with its line and column) and JSON that is not an object.
 *
 * @example
 * const settings = await readJsonObject({ what: 'settings', path: './settings.json' })
 * const event = await readJsonObject({ what: 'event', path: '-' }) // from standard input
 */
export async function readJsonObject(source: JsonInputSource): Promise<Record<string, unknown>> {
  const fromStdin = source.path === '-'
  const input = fromStdin ? `The ${source.what} on standard input` : `The ${source.what} file ${source.path}`
  let text: string
  if (fromStdin) {
    text = await (source.readStdin ?? readProcessStdin)()
  } else {
    try {
      text = readFileSync(resolve(source.cwd ?? process.cwd(), source.path), 'utf8')
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      const reason =
        code === 'ENOENT'
          ? 'no such file'
          : code === 'EISDIR'
            ? 'it is a folder'
            : code === 'EACCES'
              ? 'permission denied'
              : (error as Error).message
      throw new CliError(`Cannot read the ${source.what} file ${source.path}: ${reason}.`)
    }
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    const problem = locateJsonError(text)
    const place = problem
      ? `${problem.reason} at ${lineAndColumn(text, problem.position)}`
      : (error as Error).message
    throw new CliError(`${input} is not valid JSON: ${place}.`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CliError(`${input} must hold a JSON object, not ${kindOf(value)}.`)
  }
  return value as Record<string, unknown>
}

/** `line L, column C` (both from 1) of a character index. */
function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position)
  const line = before.split('\n').length
  const column = position - before.lastIndexOf('\n')
  return `line ${line}, column ${column}`
}

function kindOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return `a ${typeof value}`
}

async function readProcessStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    throw new CliError(
      'Nothing to read on standard input: pipe the JSON in, or pass a file path instead of -.'
    )
  }
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer))
  return Buffer.concat(chunks).toString('utf8')
}
