/**
 * The HTTP Basic `Authorization` header value.
 */

/**
 * Builds `Basic base64(username:password)` (UTF-8, as browsers and most APIs expect).
 *
 * @example
 * basicAuthHeader('api', 's3cret') // 'Basic YXBpOnMzY3JldA=='
 */
export function basicAuthHeader(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`
}
