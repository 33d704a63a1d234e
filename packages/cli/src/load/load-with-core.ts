/**
 * Imports a destination's definition together with the `@destkit/core` its
 * sources use, from one module graph. The runtime tells errors apart by class
 * (`HTTPError`, `IntegrationError`, `MultiStatusResponse`): a definition
 * imported from its TypeScript sources sees its own copy of core, so the
 * `Destination` that runs it must come from that same copy, or an error the
 * destination throws would not be recognised.
 */
import { randomUUID } from 'node:crypto'
import { pathToFileURL } from 'node:url'
import type { DestinationDefinition } from '@destkit/core'
import type { DestinationPackage } from './destination-package.js'
import { CliError } from '../util/cli-error.js'

/** The core module, as the destination sees it. */
export type CoreModule = typeof import('@destkit/core')

/** A destination's definition and the core that runs it. */
export interface LoadedDestination {
  definition: DestinationDefinition
  core: CoreModule
  /** Drops the module graph's loader (the modules stay usable). */
  release(): Promise<void>
}

/**
 * @example
 * const { definition, core, release } = await loadWithCore(readDestinationPackage('packages/destinations/slack'))
 * const destination = new core.Destination(definition)
 */
export async function loadWithCore(target: DestinationPackage): Promise<LoadedDestination> {
  const { register } = await import('tsx/esm/api')
  // A fresh namespace per load: edits to the sources are seen, as with `importDefinition`.
  const api = register({ namespace: `destkit-${randomUUID()}` })
  const entry = pathToFileURL(target.sourceEntry).href
  try {
    let module: { default?: unknown }
    try {
      module = (await api.import(entry, import.meta.url)) as { default?: unknown }
    } catch (error) {
      throw new CliError(`${target.sourceEntry} failed to import: ${(error as Error).message}`, {
        cause: error
      })
    }
    const definition = module.default
    if (typeof definition !== 'object' || definition === null || !('actions' in definition)) {
      throw new CliError(`${target.sourceEntry} does not default-export a destination definition.`)
    }
    let core: CoreModule
    try {
      // Resolved from the destination's own entry: the copy its imports get.
      core = (await api.import('@destkit/core', entry)) as CoreModule
    } catch {
      // A definition that imports no core (plain objects only) runs on the CLI's own.
      core = await import('@destkit/core')
    }
    return { definition: definition as DestinationDefinition, core, release: () => api.unregister() }
  } catch (error) {
    await api.unregister()
    throw error
  }
}
