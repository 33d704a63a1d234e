/**
 * A fresh scaffold has no `node_modules` until `npm install`, yet `init` and
 * `generate:action` import its definition to generate its types. While they
 * do, `@destkit/core` is linked from the CLI's own dependencies, then removed.
 */
import { existsSync, mkdirSync, rmdirSync, rmSync, symlinkSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/**
 * Runs `run` with `@destkit/core` resolvable from `directory`, linking the
 * CLI's copy into `directory/node_modules` for the time of the call when the
 * package has none of its own (no install yet, no workspace around it).
 *
 * @example
 * const definition = await withCoreResolvable(scaffold, () => importDefinition(readDestinationPackage(scaffold)))
 */
export async function withCoreResolvable<T>(directory: string, run: () => Promise<T>): Promise<T> {
  if (resolvesCore(directory)) return run()
  const nodeModules = join(directory, 'node_modules')
  const scope = join(nodeModules, '@destkit')
  const created = [nodeModules, scope].filter((folder) => !existsSync(folder))
  const link = join(scope, 'core')
  mkdirSync(scope, { recursive: true })
  // 'junction' is what Windows allows without privileges; elsewhere the type is ignored.
  symlinkSync(coreDirectory(), link, 'junction')
  try {
    return await run()
  } finally {
    rmSync(link, { force: true })
    for (const folder of created.reverse()) {
      try {
        rmdirSync(folder)
      } catch {
        // Something else was put there meanwhile: leave it.
      }
    }
  }
}

function resolvesCore(directory: string): boolean {
  try {
    createRequire(join(directory, 'package.json')).resolve('@destkit/core/package.json')
    return true
  } catch {
    return false
  }
}

/** The folder of the `@destkit/core` the CLI itself runs with. */
function coreDirectory(): string {
  return dirname(createRequire(import.meta.url).resolve('@destkit/core/package.json'))
}
