export {
  createRegistry,
  type Registry,
  type RegistryOptions,
  type RegistryProblem
} from './create-registry.js'
export { manifestFromPackageJson, type DestinationManifest } from './manifest.js'
export { packageEntry } from './package-entry.js'
export { discoverPackages, workspaceDirectories } from './discover.js'
export { RegistryError, type RegistryErrorCode } from './registry-error.js'
