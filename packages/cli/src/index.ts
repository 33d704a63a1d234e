/**
 * @destkit/cli — the `destkit` command line, and the generators it runs, for
 * use from code as well.
 */
export { renderTypes, TYPES_BANNER, type GeneratedFile } from './generate/types.js'
export { renderReadme, DOCS_BANNER, type PackageFacts } from './generate/docs.js'
export { runGenerator, staleFilesError, type GeneratorReport } from './generate/run-generator.js'
export {
  readDestinationPackage,
  importDefinition,
  type DestinationPackage
} from './load/destination-package.js'
export { resolveDestinations, workspaceRoot } from './load/resolve-destinations.js'
export { CliError } from './util/cli-error.js'
