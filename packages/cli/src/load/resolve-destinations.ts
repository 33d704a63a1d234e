/**
 * Which destination packages a command acts on: the slugs it was given
 * (resolved through the registry), the `--path` folders, or by default the
 * package in the current folder or every destination of the workspace.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve, sep } from 'node:path'
import { createRegistry } from '@destkit/core'
import { CliError } from '../util/cli-error.js'
import { didYouMean } from '@destkit/core'
import { readDestinationPackage, type DestinationPackage } from './destination-package.js'

export interface TargetOptions {
  slugs?: string[]
  paths?: string[]
  /** Where the command runs (default `process.cwd()`). */
  cwd?: string
}

/**
 * @example
 * resolveDestinations({ slugs: ['slack'] }) // [{ directory: '/repo/packages/destinations/slack', manifest, sourceEntry }]
 * resolveDestinations({}) // every destination package of the workspace, or the one in the current folder
 */
export function resolveDestinations(options: TargetOptions): DestinationPackage[] {
  const cwd = resolve(options.cwd ?? process.cwd())
  const paths = options.paths ?? []
  const slugs = options.slugs ?? []
  const targets = paths.map((path) => readDestinationPackage(resolve(cwd, path)))
  if (slugs.length > 0) {
    const listed = createRegistry({ roots: [workspaceRoot(cwd)] }).list()
    for (const slug of slugs) {
      const found = listed.find((entry) => entry.slug === slug)
      if (!found) {
        const suggestions = didYouMean(
          slug,
          listed.map((entry) => entry.slug)
        )
        const hint =
          suggestions.length > 0 ? ` (did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?)` : ''
        throw new CliError(
          `Unknown destination "${slug}"${hint}. Run \`destkit list\` to see the installed ones.`
        )
      }
      targets.push(readDestinationPackage(found.directory))
    }
  }
  // A package named twice (`--path . --path .`, or a slug and its folder) is acted on once.
  if (targets.length > 0) return [...new Map(targets.map((target) => [target.directory, target])).values()]
  if (isDestinationPackage(cwd)) return [readDestinationPackage(cwd)]
  const own = createRegistry({ roots: [workspaceRoot(cwd)] })
    .list()
    .filter((entry) => !entry.directory.split(sep).includes('node_modules'))
  if (own.length === 0) {
    throw new CliError(
      'No destination package here: run this in a destination package or a workspace that has some, or pass --path.'
    )
  }
  return own.map((entry) => readDestinationPackage(entry.directory))
}

function isDestinationPackage(directory: string): boolean {
  try {
    return 'destkit' in (JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as object)
  } catch {
    return false
  }
}

/** The nearest folder at or above `directory` whose package.json declares workspaces (else `directory`). */
export function workspaceRoot(directory: string): string {
  for (let current = directory; ;) {
    const file = join(current, 'package.json')
    if (existsSync(file)) {
      try {
        if ('workspaces' in (JSON.parse(readFileSync(file, 'utf8')) as object)) return current
      } catch {
        // An unreadable package.json is not a workspace root; keep looking up.
      }
    }
    const parent = resolve(current, '..')
    if (parent === current) return directory
    current = parent
  }
}
