/**
 * The routes of `destkit serve`, as a pure function of the method and the path,
 * so the routing rules can be tested without a server.
 *
 * One destination: its routes sit at the root (`POST /track`). Several: every
 * destination route is prefixed by its slug (`POST /slack/postMessage`), and the
 * root keeps the page and `GET /manifest` of them all. The reserved names
 * `manifest`, `authenticate` and `refreshAccessToken` win over an action of the
 * same id, and a dynamic field named `preview` wins over the preview route.
 */
import { didYouMean } from '@destkit/core'

/** What a request asks for. */
export type Route =
  | { kind: 'page' }
  /** `slug` undefined: every destination. */
  | { kind: 'manifest'; slug?: string }
  | { kind: 'authenticate'; slug: string }
  | { kind: 'refreshAccessToken'; slug: string }
  | { kind: 'action'; slug: string; actionId: string }
  | { kind: 'preview'; slug: string; actionId: string }
  | { kind: 'dynamicField'; slug: string; actionId: string; fieldKey: string }

/** The route, or why there is none. */
export type RouteMatch =
  | { route: Route }
  | { status: 404; code: 'NOT_FOUND' | 'DESTINATION_NOT_FOUND'; message: string }
  | { status: 405; code: 'METHOD_NOT_ALLOWED'; message: string; allow: string }

/** What the router knows about the destinations served. */
export interface RouteTable {
  /** The slugs served, in order. One slug: routes at the root. */
  slugs: readonly string[]
  /** The dynamic fields of an action as currently loaded (for the `preview` precedence rule). */
  dynamicFields?: (slug: string, actionId: string) => readonly string[]
}

/** Route names that are never action ids. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['manifest', 'authenticate', 'refreshAccessToken'])

/**
 * The path prefix of a destination's routes: `''` when it is served alone, `/<slug>` otherwise.
 *
 * @example
 * routePrefix('slack', ['slack']) // ''
 * routePrefix('slack', ['slack', 'braze']) // '/slack'
 */
export function routePrefix(slug: string, slugs: readonly string[]): string {
  return slugs.length === 1 ? '' : `/${encodeURIComponent(slug)}`
}

/**
 * Matches a request to a route.
 *
 * @example
 * matchRoute('POST', '/track', { slugs: ['acme'] }) // { route: { kind: 'action', slug: 'acme', actionId: 'track' } }
 * matchRoute('GET', '/acme/manifest', { slugs: ['acme', 'slack'] }) // { route: { kind: 'manifest', slug: 'acme' } }
 */
export function matchRoute(method: string, pathname: string, table: RouteTable): RouteMatch {
  let segments: string[]
  try {
    segments = pathname
      .split('/')
      .filter((segment) => segment !== '')
      .map((segment) => decodeURIComponent(segment))
  } catch {
    return notFound(`The path ${pathname} is not valid URL encoding.`)
  }
  if (segments.length === 0) return withMethod(method, 'GET', { kind: 'page' })
  if (table.slugs.length === 1) return matchDestination(method, table.slugs[0], segments, table, '')

  if (segments.length === 1 && segments[0] === 'manifest') {
    return withMethod(method, 'GET', { kind: 'manifest' })
  }
  const [slug, ...rest] = segments
  if (!table.slugs.includes(slug)) {
    const suggestions = didYouMean(slug, [...table.slugs])
    const hint = suggestions.length > 0 ? ` (did you mean "${suggestions[0]}"?)` : ''
    return {
      status: 404,
      code: 'DESTINATION_NOT_FOUND',
      message: `No destination "${slug}" is served here${hint}: the routes of each destination start with its slug (${table.slugs.map((s) => `/${s}/`).join(', ')}).`
    }
  }
  return matchDestination(method, slug, rest, table, `/${slug}`)
}

function matchDestination(
  method: string,
  slug: string,
  segments: string[],
  table: RouteTable,
  prefix: string
): RouteMatch {
  const [first, second, ...more] = segments
  if (first === undefined || more.length > 0) {
    return notFound(
      `No route ${method} ${prefix}/${segments.join('/')}: try GET ${prefix}/manifest for the routes of ${slug}.`
    )
  }
  if (second === undefined) {
    if (first === 'manifest') return withMethod(method, 'GET', { kind: 'manifest', slug })
    if (first === 'authenticate') return withMethod(method, 'POST', { kind: 'authenticate', slug })
    if (first === 'refreshAccessToken')
      return withMethod(method, 'POST', { kind: 'refreshAccessToken', slug })
    return withMethod(method, 'POST', { kind: 'action', slug, actionId: first })
  }
  if (second === 'preview' && !(table.dynamicFields?.(slug, first) ?? []).includes('preview')) {
    return withMethod(method, 'POST', { kind: 'preview', slug, actionId: first })
  }
  return withMethod(method, 'POST', { kind: 'dynamicField', slug, actionId: first, fieldKey: second })
}

function withMethod(method: string, expected: 'GET' | 'POST', route: Route): RouteMatch {
  if (method === expected || (expected === 'GET' && method === 'HEAD')) return { route }
  return {
    status: 405,
    code: 'METHOD_NOT_ALLOWED',
    message: `This route answers ${expected} only, not ${method}.`,
    allow: expected === 'GET' ? 'GET, HEAD' : 'POST'
  }
}

function notFound(message: string): RouteMatch {
  return { status: 404, code: 'NOT_FOUND', message }
}
