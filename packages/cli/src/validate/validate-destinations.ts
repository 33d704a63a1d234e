/**
 * `destkit validate` as a plain function: resolve the destinations, import each
 * one's definition from its TypeScript sources (so a fresh scaffold that was
 * never built works), and lint it.
 */
import { relative } from 'node:path'
import { importDefinition } from '../load/destination-package.js'
import { resolveDestinations, type TargetOptions } from '../load/resolve-destinations.js'
import { finding, type Finding } from './finding.js'
import { lintDefinition } from './lint-definition.js'

/** The findings of one destination package. */
export interface DestinationReport {
  slug: string
  packageName: string
  /** The package folder, relative to where the command ran. */
  directory: string
  findings: Finding[]
}

/** The findings of every destination validated, and their counts. */
export interface ValidationReport {
  destinations: DestinationReport[]
  errors: number
  warnings: number
}

/**
 * @example
 * const report = await validateDestinations({ slugs: ['slack'] })
 * report.errors // 0 when `destkit validate slack` would exit 0
 * await validateDestinations({ paths: ['./my-destination'] }, (slug, index, total) => console.error(`${index + 1}/${total} ${slug}`))
 */
export async function validateDestinations(
  options: TargetOptions,
  onProgress?: (slug: string, index: number, total: number) => void
): Promise<ValidationReport> {
  const targets = resolveDestinations(options)
  const cwd = options.cwd ?? process.cwd()
  const report: ValidationReport = { destinations: [], errors: 0, warnings: 0 }
  for (const [index, target] of targets.entries()) {
    onProgress?.(target.manifest.slug, index, targets.length)
    let findings: Finding[]
    try {
      findings = lintDefinition(await importDefinition(target))
    } catch (error) {
      // One package that does not import must not hide the findings of the others.
      const message = (error as Error).message
      findings = [finding('import-failed', 'src/index.ts', /[.!?]$/.test(message) ? message : `${message}.`)]
    }
    report.destinations.push({
      slug: target.manifest.slug,
      packageName: target.manifest.packageName,
      directory: relative(cwd, target.directory) || '.',
      findings
    })
    for (const found of findings) {
      if (found.severity === 'error') report.errors++
      else report.warnings++
    }
  }
  return report
}
