/**
 * Which file `import('<package>')` would load, worked out from a package.json
 * alone (its `exports` "." entry, else `main`, else `index.js`), so the
 * registry can import a package found anywhere on disk.
 */
import { join } from 'node:path'

/** Conditions tried in order, as Node does for `import()`. */
const CONDITIONS = ['import', 'node', 'default'] as const

/**
 * The absolute path of a package's main ES module entry.
 *
 * @example
 * packageEntry('/repo/packages/destinations/slack', { exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js' } } })
 * // → '/repo/packages/destinations/slack/dist/index.js'
 */
export function packageEntry(directory: string, packageJson: Record<string, unknown>): string {
  const exported = rootExport(packageJson.exports)
  if (exported !== undefined) return join(directory, exported)
  if (typeof packageJson.main === 'string' && packageJson.main !== '')
    return join(directory, packageJson.main)
  return join(directory, 'index.js')
}

function rootExport(exports: unknown): string | undefined {
  if (typeof exports === 'string') return exports
  if (typeof exports !== 'object' || exports === null) return undefined
  if (Array.isArray(exports)) {
    for (const candidate of exports) {
      const found = rootExport(candidate)
      if (found !== undefined) return found
    }
    return undefined
  }
  const map = exports as Record<string, unknown>
  const keys = Object.keys(map)
  // Either a subpath map ({ ".": …, "./x": … }) or the conditions of "." itself.
  if (keys.some((key) => key.startsWith('.'))) return '.' in map ? resolveConditions(map['.']) : undefined
  return resolveConditions(map)
}

function resolveConditions(target: unknown): string | undefined {
  if (typeof target === 'string') return target
  if (Array.isArray(target)) return rootExport(target)
  if (typeof target !== 'object' || target === null) return undefined
  const conditions = target as Record<string, unknown>
  for (const condition of CONDITIONS) {
    if (condition in conditions) {
      const found = resolveConditions(conditions[condition])
      if (found !== undefined) return found
    }
  }
  return undefined
}
