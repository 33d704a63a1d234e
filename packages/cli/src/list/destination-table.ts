/**
 * The table `destkit list` prints: one row per installed destination, columns
 * padded to their widest cell.
 */
import type { DestinationManifest } from '@destkit/core'

const HEADERS = ['SLUG', 'NAME', 'VERSION', 'PACKAGE'] as const

/**
 * @example
 * formatDestinationTable([{ slug: 'slack', name: 'Slack', version: '0.1.0', packageName: '@destkit/destination-slack', … }])
 * // 'SLUG   NAME   VERSION  PACKAGE\nslack  Slack  0.1.0    @destkit/destination-slack'
 */
export function formatDestinationTable(
  destinations: ReadonlyArray<Pick<DestinationManifest, 'slug' | 'name' | 'version' | 'packageName'>>
): string {
  const rows: string[][] = [
    [...HEADERS],
    ...destinations.map((entry) => [entry.slug, entry.name, entry.version, entry.packageName])
  ]
  const widths = HEADERS.map((_, column) => Math.max(...rows.map((row) => row[column].length)))
  return rows
    .map((row) =>
      row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]))).join('  ')
    )
    .join('\n')
}
