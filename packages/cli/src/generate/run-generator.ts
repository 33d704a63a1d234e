/**
 * The shared flow of `generate:types` and `generate:docs`: resolve the targets,
 * render each one's files, then write them or (`--check`) report the stale ones.
 */
import { relative } from 'node:path'
import { CliError } from '../util/cli-error.js'
import { importDefinition, type DestinationPackage } from '../load/destination-package.js'
import { resolveDestinations, type TargetOptions } from '../load/resolve-destinations.js'
import type { DestinationDefinition } from '@destkit/core'
import type { GeneratedFile } from './types.js'
import { writeGeneratedFiles } from './write-files.js'

export type Render = (
  definition: DestinationDefinition,
  destination: DestinationPackage
) => Promise<GeneratedFile[]>

export interface GeneratorReport {
  destinations: string[]
  /** Files written, or with `check` the files that would change. */
  changed: string[]
}

/**
 * @example
 * const report = await runGenerator(render, { slugs: ['slack'], check: true })
 * report.changed // paths that are out of date
 */
export async function runGenerator(
  render: Render,
  options: TargetOptions & { check: boolean; what: string }
): Promise<GeneratorReport> {
  const targets = resolveDestinations(options)
  const report: GeneratorReport = { destinations: [], changed: [] }
  for (const target of targets) {
    const files = await render(await importDefinition(target), target)
    report.destinations.push(target.manifest.slug)
    report.changed.push(...writeGeneratedFiles(files, { check: options.check }))
  }
  return report
}

/**
 * With `--check`, the error for files that are out of date (none when all are current).
 * Commands print their report first, so `--json` output is there either way.
 *
 * @example
 * const stale = staleFilesError(report, { check: true, what: 'generate:types' })
 * if (stale) throw stale
 */
export function staleFilesError(
  report: GeneratorReport,
  options: { check: boolean; what: string; cwd?: string }
): CliError | undefined {
  if (!options.check || report.changed.length === 0) return undefined
  const cwd = options.cwd ?? process.cwd()
  const list = report.changed.map((path) => relative(cwd, path)).join(', ')
  return new CliError(
    `${report.changed.length === 1 ? 'One generated file is' : `${report.changed.length} generated files are`} out of date (${list}): run \`destkit ${options.what}\` and commit the result.`
  )
}
