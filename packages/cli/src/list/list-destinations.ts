/**
 * `destkit list` as a plain function: the destinations the registry finds from
 * where the command runs (the workspace's packages and `node_modules`), and the
 * packages it could not list.
 */
import { createRegistry, type DestinationManifest, type RegistryProblem } from '@destkit/core'
import { workspaceRoot } from '../load/resolve-destinations.js'

export interface DestinationListing {
  destinations: DestinationManifest[]
  problems: RegistryProblem[]
}

/**
 * Reads package.json files only: no destination code is imported.
 *
 * @example
 * listDestinations().destinations.map((entry) => entry.slug) // ['amplitude', 'braze', …]
 */
export function listDestinations(cwd: string = process.cwd()): DestinationListing {
  const registry = createRegistry({ roots: [workspaceRoot(cwd)] })
  return { destinations: registry.list(), problems: registry.problems() }
}
