/**
 * Writing generated files, or with `--check` only telling which ones are stale.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { GeneratedFile } from './types.js'

/**
 * Writes the files whose contents differ from what is on disk (or, with
 * `check`, writes nothing) and returns the paths that differ.
 *
 * @example
 * const stale = writeGeneratedFiles(files, { check: true }) // [] when everything is up to date
 */
export function writeGeneratedFiles(files: GeneratedFile[], options: { check: boolean }): string[] {
  const changed: string[] = []
  for (const file of files) {
    let current: string | undefined
    try {
      current = readFileSync(file.path, 'utf8')
    } catch {
      current = undefined
    }
    if (current === file.contents) continue
    changed.push(file.path)
    if (!options.check) {
      mkdirSync(dirname(file.path), { recursive: true })
      writeFileSync(file.path, file.contents)
    }
  }
  return changed
}
