/**
 * The destination registry: lists installed destination packages from their
 * package.json files alone, and imports one only when it is asked for.
 */
import { existsSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { DefinitionError } from '../definition/validate-definition.js'
import type { DestinationDefinition } from '../definition/types.js'
import { Destination } from '../runtime/destination.js'
import { didYouMean } from '../util/did-you-mean.js'
import { discoverPackages } from './discover.js'
import { manifestFromPackageJson, type DestinationManifest } from './manifest.js'
import { packageEntry } from './package-entry.js'
import { RegistryError } from './registry-error.js'

export interface RegistryOptions {
  /**
   * Folders whose workspace packages and `node_modules` are searched
   * (default: the current working directory).
   */
  roots?: string[]
  /** Destination package folders to include as well (a fresh scaffold, say); they win over installed copies of the same package. */
  packages?: string[]
  /** How to import a module URL (default: `import()`); a development tool may pass a TypeScript-aware loader. */
  importModule?: (url: string) => Promise<unknown>
}

/** A problem with one installed package; the others still list and load. */
export interface RegistryProblem {
  code: RegistryError['code']
  message: string
  directory: string
}

export interface Registry {
  /** Every destination found, sorted by slug. Reads package.json files only: no destination code runs. */
  list(): DestinationManifest[]
  /** Imports the destination with this slug (once; later calls share the result) and checks its definition. */
  load(slug: string): Promise<Destination>
  /** Packages that could not be listed (a bad `destkit` field, unreadable JSON, a slug claimed twice). */
  problems(): RegistryProblem[]
  /** Forgets what was found and loaded, so the next call looks at the disk again. */
  refresh(): void
}

interface Entry {
  manifest: DestinationManifest
  packageJson: Record<string, unknown>
  /** Other packages that claim the same slug. */
  rivals: DestinationManifest[]
}

interface Catalog {
  entries: Map<string, Entry>
  problems: RegistryProblem[]
}

/**
 * Creates a registry over the destination packages installed under `roots`
 * (workspaces and `node_modules`, third-party packages included) and the
 * folders in `packages`. Nothing is read until the first call.
 *
 * @example
 * const registry = createRegistry()
 * registry.list() // [{ slug: 'slack', name: 'Slack', packageName: '@destkit/destination-slack', … }, …]
 * const slack = await registry.load('slack') // imports @destkit/destination-slack only
 * const instance = slack.configure({ settings: {}, mappings: [...] })
 */
export function createRegistry(options: RegistryOptions = {}): Registry {
  const importModule = options.importModule ?? ((url: string) => import(url))
  let catalog: Catalog | undefined
  const loaded = new Map<string, Promise<Destination>>()

  const getCatalog = (): Catalog =>
    (catalog ??= buildCatalog(options.roots ?? [process.cwd()], options.packages ?? []))

  const load = (slug: string): Promise<Destination> => {
    const cached = loaded.get(slug)
    if (cached) return cached
    const pending = loadEntry(getCatalog(), slug, importModule)
    loaded.set(slug, pending)
    // A failed load is not cached: fixing the package and calling again must work.
    pending.catch(() => loaded.delete(slug))
    return pending
  }

  return {
    list: () => [...getCatalog().entries.values()].map((entry) => ({ ...entry.manifest })),
    load,
    problems: () => getCatalog().problems.map((problem) => ({ ...problem })),
    refresh: () => {
      catalog = undefined
      loaded.clear()
    }
  }
}

function buildCatalog(roots: string[], explicit: string[]): Catalog {
  const discovery = discoverPackages({ roots, explicit })
  const problems: RegistryProblem[] = discovery.unreadable.map((unreadable) => ({
    code: 'INVALID_DESTINATION_MANIFEST',
    message: `The package in ${unreadable.directory} cannot be read: ${unreadable.reason}.`,
    directory: unreadable.directory
  }))
  const entries = new Map<string, Entry>()
  const explicitNames = new Set<string>()
  for (const found of discovery.packages) {
    const manifest = manifestFromPackageJson(found.packageJson, found.directory)
    if (manifest === undefined) {
      if (found.origin === 'explicit') {
        problems.push({
          code: 'INVALID_DESTINATION_MANIFEST',
          message: `The package in ${found.directory} is not a destination: its package.json has no "destkit" field.`,
          directory: found.directory
        })
      }
      continue
    }
    if (typeof manifest === 'string') {
      const name = typeof found.packageJson.name === 'string' ? `"${found.packageJson.name}"` : 'package'
      problems.push({
        code: 'INVALID_DESTINATION_MANIFEST',
        message: `The ${name} in ${found.directory} cannot be listed: ${manifest}.`,
        directory: found.directory
      })
      continue
    }
    // A folder named explicitly replaces an installed copy of the same package.
    if (found.origin === 'explicit') explicitNames.add(manifest.packageName)
    else if (explicitNames.has(manifest.packageName)) continue
    const existing = entries.get(manifest.slug)
    if (existing) {
      existing.rivals.push(manifest)
      problems.push({
        code: 'DUPLICATE_DESTINATION_SLUG',
        message: duplicateMessage(existing.manifest, manifest),
        directory: manifest.directory
      })
      continue
    }
    entries.set(manifest.slug, { manifest, packageJson: found.packageJson, rivals: [] })
  }
  const sorted = new Map([...entries].sort(([a], [b]) => a.localeCompare(b)))
  return { entries: sorted, problems }
}

async function loadEntry(
  catalog: Catalog,
  slug: string,
  importModule: (url: string) => Promise<unknown>
): Promise<Destination> {
  const entry = catalog.entries.get(slug)
  if (!entry) throw unknownDestination(slug, [...catalog.entries.keys()])
  const { manifest, packageJson } = entry
  if (entry.rivals.length > 0) {
    throw new RegistryError('DUPLICATE_DESTINATION_SLUG', duplicateMessage(manifest, entry.rivals[0]))
  }
  const file = packageEntry(manifest.directory, packageJson)
  let module: unknown
  try {
    module = await importModule(pathToFileURL(file).href)
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error)
    const hint = existsSync(file) ? '' : ` Its entry ${file} does not exist: is the package built?`
    throw new RegistryError(
      'DESTINATION_IMPORT_FAILED',
      `The destination "${slug}" (${manifest.packageName}) failed to import: ${cause}.${hint}`,
      { cause: error }
    )
  }
  return destinationFromModule(module, manifest)
}

function destinationFromModule(module: unknown, manifest: DestinationManifest): Destination {
  const where = `The destination "${manifest.slug}" (${manifest.packageName})`
  let definition = (module as { default?: unknown } | null)?.default
  // A CommonJS build imported from ESM nests its `exports.default` one level down.
  if (isObject(definition) && !('actions' in definition) && isObject(definition.default)) {
    definition = definition.default
  }
  if (definition === undefined) {
    const names = isObject(module) ? Object.keys(module) : []
    const found = names.length > 0 ? `; it exports ${names.map((name) => `"${name}"`).join(', ')}` : ''
    throw new RegistryError(
      'NOT_A_DEFINITION',
      `${where} has no default export${found}. Export the destination definition as the default export.`
    )
  }
  if (!isObject(definition)) {
    throw new RegistryError(
      'NOT_A_DEFINITION',
      `${where} default-exports ${definition === null ? 'null' : `a ${typeof definition}`}, not a destination definition (an object with "name" and "actions").`
    )
  }
  try {
    return new Destination(definition as unknown as DestinationDefinition)
  } catch (error) {
    if (!(error instanceof DefinitionError)) throw error
    throw new RegistryError(
      'NOT_A_DEFINITION',
      `${where} default-exports an invalid definition: ${error.message}`,
      {
        cause: error
      }
    )
  }
}

function unknownDestination(slug: string, known: string[]): RegistryError {
  const suggestions = didYouMean(slug, known)
  const hint =
    suggestions.length > 0
      ? ` (did you mean ${suggestions.map((suggestion) => `"${suggestion}"`).join(' or ')}?)`
      : known.length === 0
        ? ': no destination packages are installed'
        : ''
  return new RegistryError(
    'UNKNOWN_DESTINATION',
    `Unknown destination "${slug}"${hint}. Installed destinations are listed by \`destkit list\`; a destination package has a "destkit" field in its package.json.`
  )
}

function duplicateMessage(first: DestinationManifest, second: DestinationManifest): string {
  return (
    `Two packages claim the destination slug "${first.slug}": ${first.packageName} (${first.directory}) ` +
    `and ${second.packageName} (${second.directory}). Uninstall one, or give one another slug.`
  )
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}
