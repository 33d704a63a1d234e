/**
 * `destkit serve` as a plain function: resolve the destinations, import each,
 * listen, and watch their sources. A definition that does not import at start
 * is reported and served as unavailable (503) until a save fixes it.
 */
import type { DestinationDefinition } from '@destkit/core'
import { CliError } from '../util/cli-error.js'
import { resolveDestinations, type TargetOptions } from '../load/resolve-destinations.js'
import { RESERVED_NAMES, routePrefix } from './routes.js'
import {
  createServedDestination,
  type DefinitionLoader,
  type ServedDestination
} from './served-destination.js'
import { startServer } from './server.js'
import { watchDestination } from './watcher.js'

/** What to serve and how. */
export interface ServeOptions extends TargetOptions {
  host: string
  /** 0 picks a free port. */
  port: number
  /** Reload a definition when its sources change (default true). */
  watch?: boolean
  /** Where progress and reload reports go (stderr in the command). */
  log: (line: string) => void
  /** How definitions are imported (tests). */
  load?: DefinitionLoader
}

/** A running `serve`. */
export interface ServeHandle {
  url: string
  destinations: Array<{ slug: string; routePrefix: string; error?: string }>
  close(): Promise<void>
}

/**
 * @example
 * const handle = await startServe({ paths: ['./my-destination'], host: '127.0.0.1', port: 0, log: console.error })
 * handle.url // 'http://127.0.0.1:40123/'
 */
export async function startServe(options: ServeOptions): Promise<ServeHandle> {
  const targets = resolveDestinations(options)
  const seen = new Map<string, string>()
  for (const target of targets) {
    const other = seen.get(target.manifest.slug)
    if (other !== undefined && other !== target.directory) {
      throw new CliError(
        `Two destinations have the slug "${target.manifest.slug}" (${other} and ${target.directory}): serve one of them.`
      )
    }
    seen.set(target.manifest.slug, target.directory)
  }
  const unique = targets.filter(
    (target, index) => targets.findIndex((other) => other.directory === target.directory) === index
  )
  const served = unique.map((target) => createServedDestination(target, options.load))
  const slugs = served.map((one) => one.slug)
  for (const one of served) {
    const result = await one.reload()
    if (result.ok) reportConflicts(one, options.log)
    else options.log(`Error: ${result.error.message} (serving ${one.slug} as unavailable until it imports).`)
  }
  const server = await startServer({ destinations: served, host: options.host, port: options.port })
  const stops =
    options.watch === false
      ? []
      : served.map((one) =>
          watchOrWarn(one, options.log, (result, file) => {
            const where = file ? ` after a change to src/${file}` : ''
            if (result.ok) {
              options.log(`Reloaded ${one.slug} (revision ${result.revision})${where}.`)
              reportConflicts(one, options.log)
            } else {
              const kept = one.current()
                ? 'still serving the last good definition'
                : 'not available until it imports'
              options.log(`Error: ${result.error.message} (${one.slug}: ${kept}).`)
            }
          })
        )
  return {
    url: server.url,
    destinations: served.map((one) => ({
      slug: one.slug,
      routePrefix: routePrefix(one.slug, slugs),
      ...(one.failure() && { error: one.failure()!.message })
    })),
    async close() {
      for (const stop of stops) stop()
      await server.close()
    }
  }
}

/** Watches a destination; when the system refuses (no inotify watches left), serving goes on without hot reload. */
function watchOrWarn(
  served: ServedDestination,
  log: (line: string) => void,
  onReload: Parameters<typeof watchDestination>[1]
): () => void {
  try {
    return watchDestination(served, onReload)
  } catch (error) {
    log(
      `Warning: cannot watch ${served.target.directory}/src (${(error as Error).message}): hot reload is off for ${served.slug}.`
    )
    return () => undefined
  }
}

/** Routes an action cannot have: its id is a reserved name, or a dynamic field shadows the preview. */
function reportConflicts(served: ServedDestination, log: (line: string) => void): void {
  const definition = served.current()?.definition as DestinationDefinition
  for (const [id, action] of Object.entries(definition.actions)) {
    if (RESERVED_NAMES.has(id)) {
      log(`Warning: the action '${id}' of ${served.slug} is shadowed by the route of the same name.`)
    }
    if (Object.hasOwn(action.dynamicFields ?? {}, 'preview')) {
      log(
        `Warning: the dynamic field 'preview' of '${id}' (${served.slug}) takes the place of its preview route.`
      )
    }
  }
}
