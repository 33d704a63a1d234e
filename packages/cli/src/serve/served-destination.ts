/**
 * One destination as serve holds it: the last definition that imported and
 * checked, ready to run, and the failure of the last import when it failed.
 * A failed reload never replaces a working definition: serve goes on with the
 * last good one and says why the new one was refused.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { Destination, type DestinationDefinition, type ModifiedResponse } from '@destkit/core'
import type { DestinationPackage } from '../load/destination-package.js'
import { loadWithCore, type LoadedDestination } from '../load/load-with-core.js'

/** A definition that imported and checked. */
export interface LoadedDefinition {
  definition: DestinationDefinition
  destination: Destination
  /** 1 for the first load, then one more for each reload that succeeded. */
  revision: number
  loadedAt: string
}

/** Why the last import was refused. */
export interface LoadFailure {
  code: 'IMPORT_FAILED' | 'INVALID_DEFINITION'
  message: string
  at: string
}

/** What a reload did. */
export type ReloadResult = { ok: true; revision: number } | { ok: false; error: LoadFailure }

/** A destination served, reloadable. */
export interface ServedDestination {
  readonly target: DestinationPackage
  readonly slug: string
  /** The definition in use (the last good one); undefined until one imported. */
  current(): LoadedDefinition | undefined
  /** The failure of the last import, cleared by a successful one. */
  failure(): LoadFailure | undefined
  /** Imports the definition afresh; concurrent calls share one import. */
  reload(): Promise<ReloadResult>
  /** Runs `work`, collecting every HTTP response the destination receives meanwhile. */
  recording<T>(work: () => Promise<T>): Promise<{ value?: T; error?: unknown; responses: ModifiedResponse[] }>
}

/**
 * How a definition is imported (the tests pass their own): a definition alone runs on the
 * CLI's core; with the core its sources imported, it runs on that one, so the runtime
 * recognises the errors and `MultiStatusResponse`s the destination makes.
 */
export type DefinitionLoader = (
  target: DestinationPackage
) => Promise<DestinationDefinition | Pick<LoadedDestination, 'definition' | 'core'>>

/** The default loader: the sources and their core, from one module graph. */
const loadSources: DefinitionLoader = async (target) => {
  const loaded = await loadWithCore(target)
  await loaded.release()
  return loaded
}

/** The responses of the request being answered: concurrent requests each see only their own. */
const responsesOfRequest = new AsyncLocalStorage<ModifiedResponse[]>()

/**
 * Creates a served destination; call `reload()` to import it the first time.
 *
 * @example
 * const served = createServedDestination(readDestinationPackage('packages/destinations/slack'))
 * await served.reload() // { ok: true, revision: 1 }
 */
export function createServedDestination(
  target: DestinationPackage,
  load: DefinitionLoader = loadSources
): ServedDestination {
  let current: LoadedDefinition | undefined
  let failure: LoadFailure | undefined
  let revision = 0
  let inFlight: Promise<ReloadResult> | undefined
  let again = false

  const importOnce = async (): Promise<ReloadResult> => {
    let definition: DestinationDefinition
    let DestinationClass: typeof Destination = Destination
    try {
      const loaded = await load(target)
      if ('core' in loaded && 'definition' in loaded) {
        definition = loaded.definition
        DestinationClass = loaded.core.Destination
      } else {
        definition = loaded as DestinationDefinition
      }
    } catch (error) {
      failure = { code: 'IMPORT_FAILED', message: (error as Error).message, at: new Date().toISOString() }
      return { ok: false, error: failure }
    }
    let destination: Destination
    try {
      destination = new DestinationClass(definition)
    } catch (error) {
      failure = {
        code: 'INVALID_DEFINITION',
        message: `${target.sourceEntry} exports an invalid definition: ${(error as Error).message}`,
        at: new Date().toISOString()
      }
      return { ok: false, error: failure }
    }
    destination.onResponse = (response) => {
      responsesOfRequest.getStore()?.push(response)
    }
    revision += 1
    current = { definition, destination, revision, loadedAt: new Date().toISOString() }
    failure = undefined
    return { ok: true, revision }
  }

  // A change seen while an import runs may have been missed by it: import once more after it.
  const reload = (): Promise<ReloadResult> => {
    if (inFlight) {
      again = true
      return inFlight
    }
    inFlight = (async () => {
      let result: ReloadResult
      do {
        again = false
        result = await importOnce()
      } while (again)
      return result
    })().finally(() => {
      inFlight = undefined
    })
    return inFlight
  }

  return {
    target,
    slug: target.manifest.slug,
    current: () => current,
    failure: () => failure,
    reload,
    async recording(work) {
      const responses: ModifiedResponse[] = []
      try {
        const value = await responsesOfRequest.run(responses, work)
        return { value, responses }
      } catch (error) {
        return { error, responses }
      }
    }
  }
}
