/**
 * Regenerating one package's generated files after the CLI changed its
 * sources (a new scaffold, a new action): the same renderers as
 * `generate:types` and `generate:docs`.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { DestinationDefinition } from '@destkit/core'
import { importDefinition, readDestinationPackage } from '../load/destination-package.js'
import { withCoreResolvable } from '../init/core-link.js'
import { DOCS_BANNER, renderReadme } from './docs.js'
import { renderTypes } from './types.js'
import { writeGeneratedFiles } from './write-files.js'

export interface RegenerateOptions {
  /** `always` writes README.md; `if-generated` only replaces one that `generate:docs` wrote. */
  docs: 'always' | 'if-generated'
  /** Called with the imported definition before anything is written; throws to stop. */
  verify?: (definition: DestinationDefinition) => void
}

export interface RegenerateResult {
  definition: DestinationDefinition
  /** Generated files written (those whose contents changed). */
  changed: string[]
}

/**
 * Imports the package's definition and writes its types, and its README.
 *
 * @example
 * const { changed } = await regeneratePackage('/tmp/acme', { docs: 'always' })
 * // ['/tmp/acme/src/generated-types.ts', '/tmp/acme/src/sendEvent/generated-types.ts', '/tmp/acme/README.md']
 */
export async function regeneratePackage(
  directory: string,
  options: RegenerateOptions
): Promise<RegenerateResult> {
  const destination = readDestinationPackage(directory)
  return withCoreResolvable(destination.directory, async () => {
    const definition = await importDefinition(destination)
    options.verify?.(definition)
    const files = await renderTypes(definition, destination.directory)
    const readme = join(destination.directory, 'README.md')
    if (options.docs === 'always' || isGeneratedReadme(readme)) {
      files.push({
        path: readme,
        contents: renderReadme(definition, {
          packageName: destination.manifest.packageName,
          slug: destination.manifest.slug,
          description: destination.manifest.description
        })
      })
    }
    return { definition, changed: writeGeneratedFiles(files, { check: false }) }
  })
}

function isGeneratedReadme(path: string): boolean {
  try {
    return readFileSync(path, 'utf8').startsWith(DOCS_BANNER)
  } catch {
    return false
  }
}
