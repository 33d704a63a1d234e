/**
 * Merging request options: the destination's `extendRequest` result goes under
 * the options of each call, and both under whatever the runtime adds.
 */
import type {
  ModifiedResponse,
  NormalizedRequestOptions,
  RequestHeaders,
  RequestHooks,
  RequestOptions
} from './types.js'

type HeaderSource = RequestHeaders | Headers | undefined

/**
 * Merges request options, later ones winning. Headers merge case-insensitively
 * (keys lower-cased; a header set to `undefined` is removed), hooks concatenate
 * (the compatible top-level `beforeRequest`/`afterResponse` too), `searchParams`
 * replace, every other key is taken from the last option that sets it, and an
 * explicit `undefined` clears it (not `signal` or `timeout`).
 * `beforeRedirect` checks chain (each one runs, in order), so a later option can
 * never remove an earlier check such as the SSRF guard. For the same reason
 * `blockPrivateNetworks` stays on once any option turns it on, and the first
 * `transport` stays (a host's dry run is never turned into a real request).
 *
 * @example
 * mergeRequestOptions(
 *   { headers: { Authorization: 'Bearer a', 'X-Trace': '1' }, hooks: { afterResponse: [record] } },
 *   { headers: { authorization: 'Bearer b', 'x-trace': undefined }, hooks: { afterResponse: [log] } }
 * )
 * // → { headers: { authorization: 'Bearer b' }, hooks: { afterResponse: [record, log] } }
 */
export function mergeRequestOptions(...options: Array<RequestOptions | undefined>): RequestOptions {
  const merged: RequestOptions = {}
  let headers: Record<string, string | string[]> | undefined
  let hooks: RequestHooks | undefined
  for (const source of options) {
    if (source === undefined || source === null) continue
    for (const [key, value] of Object.entries(source)) {
      if (separatelyMerged.has(key)) continue
      // An explicit `undefined` clears what an earlier option set (compatible), except the
      // runtime's own `signal` and `timeout`, which a destination must not drop by accident.
      if (value !== undefined) (merged as Record<string, unknown>)[key] = value
      else if (key !== 'signal' && key !== 'timeout') delete (merged as Record<string, unknown>)[key]
    }
    if (source.headers !== undefined) headers = mergeHeaders(headers ?? {}, source.headers)
    if (source.hooks !== undefined) hooks = concatHooks(hooks ?? {}, source.hooks)
    const compatibleHooks = hooksFromCompatibleOptions(source)
    if (compatibleHooks) hooks = concatHooks(hooks ?? {}, compatibleHooks)
    if (source.beforeRedirect)
      merged.beforeRedirect = chainRedirectChecks(merged.beforeRedirect, source.beforeRedirect)
    if (source.blockPrivateNetworks === true) merged.blockPrivateNetworks = true
    if (source.transport && !merged.transport) merged.transport = source.transport
  }
  if (headers !== undefined) merged.headers = headers
  if (hooks !== undefined) merged.hooks = hooks
  return merged
}

/**
 * Merges `source` over `target` with lower-cased names; `undefined` removes a header.
 * Returns a new object.
 *
 * @example
 * mergeHeaders({ accept: 'text/plain' }, { Accept: 'application/json', 'X-Old': undefined })
 * // → { accept: 'application/json' }
 */
export function mergeHeaders(
  target: Record<string, string | string[]>,
  source: HeaderSource
): Record<string, string | string[]> {
  const result = { ...target }
  if (source === undefined || source === null) return result
  const entries: Array<[string, unknown]> =
    typeof Headers !== 'undefined' && source instanceof Headers
      ? [...source.entries()]
      : Object.entries(source)
  for (const [name, value] of entries) {
    const key = name.toLowerCase()
    if (value === undefined || value === null) delete result[key]
    else result[key] = Array.isArray(value) ? value.map(String) : String(value)
  }
  return result
}

/** Keys merged by their own rules rather than "the last one wins". */
const separatelyMerged: ReadonlySet<string> = new Set([
  'headers',
  'hooks',
  'beforeRedirect',
  'blockPrivateNetworks',
  'transport',
  'beforeRequest',
  'afterResponse'
])

/**
 * The compatible top-level `beforeRequest` / `afterResponse` options as hooks
 * (an after-response hook there is called as `(request, options, response)`).
 */
function hooksFromCompatibleOptions(source: RequestOptions): RequestHooks | undefined {
  const { beforeRequest, afterResponse } = source
  if (!beforeRequest?.length && !afterResponse?.length) return undefined
  return {
    ...(beforeRequest?.length && { beforeRequest }),
    ...(afterResponse?.length && {
      afterResponse: afterResponse.map(
        (hook) => (response: ModifiedResponse, options: NormalizedRequestOptions) =>
          hook(response.request, options, response)
      )
    })
  }
}

function concatHooks(target: RequestHooks, source: RequestHooks): RequestHooks {
  const result: RequestHooks = { ...target }
  if (source.beforeRequest) result.beforeRequest = [...(target.beforeRequest ?? []), ...source.beforeRequest]
  if (source.afterResponse) result.afterResponse = [...(target.afterResponse ?? []), ...source.afterResponse]
  if (source.beforeError) result.beforeError = [...(target.beforeError ?? []), ...source.beforeError]
  return result
}

type RedirectCheck = NonNullable<RequestOptions['beforeRedirect']>

function chainRedirectChecks(first: RedirectCheck | undefined, second: RedirectCheck): RedirectCheck {
  if (!first || first === second) return second
  return async (url) => {
    await first(url)
    await second(url)
  }
}
