/**
 * A destination package as the authoring commands see it: its folder, its
 * manifest, and its definition imported from the TypeScript sources (so a fresh
 * scaffold works before it is ever built).
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { tsImport } from 'tsx/esm/api'
import { manifestFromPackageJson, type DestinationDefinition, type DestinationManifest } from '@destkit/core'
import { CliError } from '../util/cli-error.js'

export interface DestinationPackage {
  directory: string
  manifest: DestinationManifest
  /** `src/index.ts`. */
  sourceEntry: string
}

/**
 * Reads the package.json of a destination package folder.
 *
 * @example
 * readDestinationPackage('packages/destinations/slack').manifest.slug // 'slack'
 */
export function readDestinationPackage(directory: string): DestinationPackage {
  const absolute = resolve(directory)
  let packageJson: Record<string, unknown>
  try {
    packageJson = JSON.parse(readFileSync(join(absolute, 'package.json'), 'utf8')) as Record<string, unknown>
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it has no package.json' : (error as Error).message
    throw new CliError(`${absolute} is not a destination package: ${reason}.`)
  }
  const manifest = manifestFromPackageJson(packageJson, absolute)
  if (manifest === undefined) {
    throw new CliError(`${absolute} is not a destination package: its package.json has no "destkit" field.`)
  }
  if (typeof manifest === 'string')
    throw new CliError(`The package in ${absolute} is not usable: ${manifest}.`)
  const sourceEntry = join(absolute, 'src', 'index.ts')
  if (!existsSync(sourceEntry)) throw new CliError(`The destination package ${absolute} has no src/index.ts.`)
  return { directory: absolute, manifest, sourceEntry }
}

/**
 * Imports a destination's definition from its TypeScript sources. Each call
 * imports afresh, so a watcher sees edits.
 *
 * @example
 * const definition = await importDefinition(readDestinationPackage('packages/destinations/slack'))
 */
export async function importDefinition(destination: DestinationPackage): Promise<DestinationDefinition> {
  let module: { default?: unknown }
  try {
    module = (await tsImport(pathToFileURL(destination.sourceEntry).href, import.meta.url)) as {
      default?: unknown
    }
  } catch (error) {
    throw new CliError(`${destination.sourceEntry} failed to import: ${(error as Error).message}`, {
      cause: error
    })
  }
  const definition = module.default
  if (typeof definition !== 'object' || definition === null || !('actions' in definition)) {
    throw new CliError(`${destination.sourceEntry} does not default-export a destination definition.`)
  }
  return definition as DestinationDefinition
}
