/**
 * A destination package's manifest: the `destkit` field of its package.json,
 * which is all the registry reads to list it.
 */

/** What `registry.list()` returns for each destination. */
export interface DestinationManifest {
  /** The registry's key (`slack`), from the `destkit` field. */
  slug: string
  /** The display name (`Slack`). */
  name: string
  description: string
  /** The npm package name (`@destkit/destination-slack`). */
  packageName: string
  version: string
  /** The package's folder (its real path). */
  directory: string
}

const SLUG = /^[a-z0-9][a-z0-9-]*$/

/**
 * Reads the manifest out of a parsed package.json. Returns `undefined` when the
 * package has no `destkit` field (it is not a destination), or a string naming
 * what is wrong with the field.
 *
 * @example
 * manifestFromPackageJson({ name: '@acme/destination-crm', version: '1.0.0', destkit: { slug: 'acme-crm', name: 'Acme CRM' } }, '/app/node_modules/@acme/destination-crm')
 * // → { slug: 'acme-crm', name: 'Acme CRM', description: '', packageName: '@acme/destination-crm', version: '1.0.0', directory: … }
 */
export function manifestFromPackageJson(
  packageJson: Record<string, unknown>,
  directory: string
): DestinationManifest | string | undefined {
  const field = packageJson.destkit
  if (field === undefined) return undefined
  const packageName = typeof packageJson.name === 'string' ? packageJson.name : undefined
  if (!packageName) return 'its package.json has no "name"'
  if (typeof field !== 'object' || field === null || Array.isArray(field)) {
    return 'its "destkit" field must be an object with "slug" and "name"'
  }
  const { slug, name, description } = field as Record<string, unknown>
  if (typeof slug !== 'string' || !SLUG.test(slug)) {
    return `its "destkit.slug" must be lower-case letters, digits and dashes (got ${JSON.stringify(slug)})`
  }
  if (typeof name !== 'string' || name.trim() === '') return 'its "destkit.name" must be a non-empty string'
  if (description !== undefined && typeof description !== 'string') {
    return 'its "destkit.description" must be a string'
  }
  return {
    slug,
    name,
    description: description ?? (typeof packageJson.description === 'string' ? packageJson.description : ''),
    packageName,
    version: typeof packageJson.version === 'string' ? packageJson.version : '0.0.0',
    directory
  }
}
