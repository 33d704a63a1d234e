/**
 * Writing rendered template files into a package folder.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { CliError } from '../util/cli-error.js'

/**
 * Writes `files` (by path relative to `directory`) and returns their absolute
 * paths. Unless `overwrite`, checks first that none exists, and writes nothing
 * if one does.
 *
 * @example
 * writeRenderedFiles('/tmp/acme', new Map([['src/index.ts', '…']]), { overwrite: false }) // ['/tmp/acme/src/index.ts']
 */
export function writeRenderedFiles(
  directory: string,
  files: Map<string, string>,
  options: { overwrite: boolean }
): string[] {
  const paths = [...files.keys()].map((path) => join(directory, path))
  if (!options.overwrite) {
    const existing = paths.find((path) => existsSync(path))
    if (existing) {
      throw new CliError(
        `${relative(process.cwd(), existing) || existing} already exists: nothing was written.`
      )
    }
  }
  for (const [path, contents] of files) {
    const target = join(directory, path)
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, contents)
  }
  return paths
}
