/**
 * The URL a request goes to: `prefixUrl` joined with the path, then the
 * `searchParams` applied.
 */
import type { SearchParams } from './types.js'

/**
 * Joins `prefixUrl` and `url` with exactly one slash (a leading slash on `url`
 * is accepted, unlike got, where it is an error; an absolute `url` is used as is),
 * then replaces the query string with `searchParams` when they are not empty.
 * Object values that are `null`/`undefined` are skipped.
 *
 * @example
 * resolveRequestUrl('users/42', { prefixUrl: 'https://api.example.com/v2', searchParams: { fields: 'email', page: undefined } })
 * // → 'https://api.example.com/v2/users/42?fields=email'
 */
export function resolveRequestUrl(
  url: string,
  options: { prefixUrl?: string; searchParams?: SearchParams }
): string {
  // An absolute URL (a pagination link, a token endpoint) is used as it is.
  const joined = options.prefixUrl && !ABSOLUTE_URL.test(url) ? joinUrl(options.prefixUrl, url) : url
  const parsed = new URL(joined)
  if (options.searchParams !== undefined && options.searchParams !== null) {
    const query = searchParamsToString(options.searchParams)
    // Empty search parameters leave the URL's own query alone (compatible).
    if (query !== '') parsed.search = query
  }
  return parsed.toString()
}

/**
 * Serialises search parameters as a query string without the leading `?`.
 *
 * @example
 * searchParamsToString({ q: 'a b', limit: 10, cursor: null }) // 'q=a+b&limit=10'
 * searchParamsToString('?q=1')                                // 'q=1'
 */
export function searchParamsToString(searchParams: SearchParams): string {
  if (typeof searchParams === 'string') return searchParams.replace(/^\?/, '')
  if (searchParams instanceof URLSearchParams) return searchParams.toString()
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(searchParams)) {
    if (value === undefined || value === null) continue
    params.append(key, String(value))
  }
  return params.toString()
}

const ABSOLUTE_URL = /^[a-z][a-z\d+.-]*:/i

function joinUrl(prefix: string, path: string): string {
  if (path === '') return prefix
  return `${prefix.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`
}
