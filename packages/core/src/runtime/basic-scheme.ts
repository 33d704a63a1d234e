/**
 * The `basic` authentication scheme: the `username` and `password` settings
 * become HTTP Basic credentials of every request, under the destination's own
 * `extendRequest` (which may still set other credentials).
 */
import type { DestinationDefinition } from '../definition/types.js'
import type { RequestOptions } from '../http/types.js'

/**
 * The request options the `basic` scheme implies for `settings`, or `undefined` for other schemes.
 *
 * @example
 * basicSchemeOptions({ authentication: { scheme: 'basic', fields } } as never, { username: 'api', password: 's3cret' })
 * // { username: 'api', password: 's3cret' }
 */
export function basicSchemeOptions(
  definition: DestinationDefinition,
  settings: unknown
): RequestOptions | undefined {
  if (definition.authentication?.scheme !== 'basic' || typeof settings !== 'object' || settings === null) {
    return undefined
  }
  const { username, password } = settings as { username?: unknown; password?: unknown }
  return {
    ...(typeof username === 'string' && { username }),
    ...(typeof password === 'string' && { password })
  }
}
