/**
 * The human-readable output of `destkit validate`: each destination with its
 * findings, one line each, then the totals.
 */
import type { ValidationReport } from './validate-destinations.js'

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`

/**
 * @example
 * formatReport({ destinations: [{ slug: 'acme', packageName: 'acme', directory: '.', findings: [] }], errors: 0, warnings: 0 })
 * // 'acme: no findings\n\nValidated 1 destination: 0 errors, 0 warnings.'
 */
export function formatReport(report: ValidationReport): string {
  const lines: string[] = []
  for (const destination of report.destinations) {
    if (destination.findings.length === 0) {
      lines.push(`${destination.slug}: no findings`)
      continue
    }
    const errors = destination.findings.filter((finding) => finding.severity === 'error').length
    const warnings = destination.findings.length - errors
    lines.push(
      `${destination.slug} (${destination.directory}): ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`
    )
    for (const finding of destination.findings) {
      lines.push(`  ${finding.severity.padEnd(7)} ${finding.place}  ${finding.message} [${finding.code}]`)
    }
  }
  lines.push(
    '',
    `Validated ${plural(report.destinations.length, 'destination')}: ${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')}.`
  )
  return lines.join('\n')
}
