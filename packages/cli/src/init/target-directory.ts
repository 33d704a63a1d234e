/**
 * Where `destkit init` may write: a folder that does not exist yet or is
 * empty, or any folder with `--force`.
 */
import { readdirSync, statSync } from 'node:fs'
import { CliError } from '../util/cli-error.js'

/**
 * Throws a `CliError` when `directory` is a file, or a folder with anything in
 * it and `force` is off.
 *
 * @example
 * checkTargetDirectory('/tmp/new-destination', { force: false }) // fine when missing or empty
 */
export function checkTargetDirectory(directory: string, options: { force: boolean }): void {
  let entries: string[]
  try {
    if (!statSync(directory).isDirectory()) {
      throw new CliError(`${directory} is a file, not a folder: pick another --directory.`)
    }
    entries = readdirSync(directory)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
    throw error
  }
  if (entries.length > 0 && !options.force) {
    throw new CliError(
      `The folder ${directory} is not empty: pick another --directory, or pass --force to write the destination into it.`
    )
  }
}
