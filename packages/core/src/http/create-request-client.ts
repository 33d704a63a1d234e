/**
 * The request client destinations receive: got underneath (its own retries
 * off — retrying is the runtime's job), fetch-like responses on top.
 */
import { createRequire } from 'node:module'
import type { Got } from 'got'
import { HTTPError } from '../errors/http-errors.js'
import { IntegrationError } from '../errors/errors.js'
import { ErrorCodes } from '../errors/error-codes.js'
import { basicAuthHeader } from './basic-auth.js'
import { createHeaders } from './headers.js'
import { mergeHeaders, mergeRequestOptions } from './merge-request-options.js'
import { normalizeRequestOptions } from './normalize-request-options.js'
import { parseResponseText } from './parse-response-data.js'
import { assertPublicUrl, publicOnlyLookup } from './private-network-guard.js'
import { encodeRequestBody } from './request-body.js'
import { resolveRequestUrl } from './request-url.js'
import { createSentRequest } from './sent-request.js'
import { readTransportResponse, type RawResponse, type TransportResponse } from './transport.js'
import { translateTransportError } from './translate-transport-error.js'
import type { ModifiedResponse, NormalizedRequestOptions, RequestClient, RequestOptions } from './types.js'

// `require`, not `import`: importing node:http as an ES module reads every export, and one of them
// loads Node's whole fetch implementation (undici) — about 13 ms of start-up for three functions.
const { STATUS_CODES, validateHeaderName, validateHeaderValue } = createRequire(import.meta.url)(
  'node:http'
) as typeof import('node:http')

/** Sent when neither the destination nor the call sets a `user-agent`. */
export const DEFAULT_USER_AGENT = 'destkit'

let transport: Got | undefined
let loadingTransport: Promise<Got> | undefined

/**
 * One got instance for every client: buffer bodies, no retries, errors handled here.
 * Imported on the first request, not with the module: got is most of the cost of
 * loading the runtime, and a host that lists, validates or configures destinations
 * without sending anything (the CLI, a registry) never needs it.
 */
function loadTransport(): Promise<Got> {
  loadingTransport ??= import('got').then(({ default: got }) => {
    transport = got.extend({
      retry: { limit: 0 },
      // A 301/302 after a POST is followed with a GET and no body, as fetch (and the compatible runtime) do.
      methodRewriting: true,
      throwHttpErrors: false,
      responseType: 'buffer',
      allowGetBody: true
    })
    return transport
  })
  return loadingTransport
}

/**
 * Creates a request client. Options merge left to right (see `mergeRequestOptions`);
 * the options of each call go on top. A non-2xx response throws `HTTPError` (unless
 * `throwHttpErrors: false`) after every `afterResponse` hook has seen it.
 *
 * @example
 * const request = createRequestClient({ prefixUrl: 'https://api.example.com/v1', headers: { authorization: `Bearer ${token}` } })
 * const response = await request('events', { method: 'post', json: { event: 'Order Completed' } })
 * response.data // the parsed JSON body
 */
export function createRequestClient(...options: RequestOptions[]): RequestClient {
  const defaults = mergeRequestOptions(...options)
  const request = (url: string, callOptions?: RequestOptions) =>
    sendRequest(url, mergeRequestOptions(defaults, callOptions))
  return request as RequestClient
}

async function sendRequest(url: string, merged: RequestOptions): Promise<ModifiedResponse> {
  const normalized = normalizeRequestOptions(merged)
  // Without hooks there is nothing to wait for: `normalizeRequestOptions` already gave fresh, lower-cased headers.
  const options = normalized.hooks?.beforeRequest?.length
    ? await runBeforeRequestHooks(normalized)
    : normalized
  const target = resolveTarget(url, options)
  const encoded = encodeRequestBody(options)
  // Tests written for the compatible runtime read `options.body` as well as `options.json`.
  if (options.json !== undefined) options.body = encoded.body
  const headers = wireHeaders(options, encoded.contentType)
  checkHeaders(headers)
  const request = createSentRequest({ url: target, method: options.method, headers, body: encoded.body })

  // An aborted signal stops here, before any connection is made.
  if (options.signal?.aborted) {
    throw await runBeforeErrorHooks(options, translateTransportError(options.signal.reason, target, options))
  }

  const guarded = options.blockPrivateNetworks === true
  // The guard refuses a scheme or a literal private address here; a name is checked where it is
  // resolved (`publicOnlyLookup` at connect time), so each request resolves it once, not twice.
  if (guarded) await assertPublicUrl(target, resolveNothing)
  if (options.transport) {
    // The transport is the network: resolving names (traffic of its own) is its business.
    let answer: TransportResponse
    try {
      answer = await options.transport({
        url: target,
        method: options.method,
        headers,
        ...(encoded.body !== undefined && { body: encoded.body }),
        ...(options.signal && { signal: options.signal })
      })
    } catch (error) {
      throw await runBeforeErrorHooks(options, translateTransportError(error, target, options))
    }
    return finishResponse(decorateResponse(readTransportResponse(answer, target), request, options), options)
  }

  // A refusal thrown by `beforeRedirect` is rethrown as is (got would wrap it).
  let redirectRefusal: { error: unknown } | undefined
  const beforeRedirect = guarded ? chainPublicUrlCheck(options.beforeRedirect) : options.beforeRedirect
  let raw: RawResponse
  // After the first request, no extra await: the transport is already there.
  const send = transport ?? (await loadTransport())
  try {
    raw = (await send(target, {
      method: options.method,
      headers,
      ...(encoded.body !== undefined && { body: encoded.body }),
      timeout: { request: options.timeout },
      followRedirect: options.followRedirect !== false,
      ...(options.maxRedirects !== undefined && { maxRedirects: options.maxRedirects }),
      ...(options.signal && { signal: options.signal }),
      // Checked again at connect time, so a name cannot resolve publicly above and privately here.
      ...(guarded && { dnsLookup: publicOnlyLookup as never }),
      // Only when there is one: got merges every hooks object it is given, per request.
      ...(beforeRedirect && {
        hooks: {
          beforeRedirect: [
            async (next) => {
              try {
                await beforeRedirect(new URL(String(next.url)))
              } catch (error) {
                redirectRefusal = { error }
                throw error
              }
            }
          ]
        }
      })
    })) as unknown as RawResponse
  } catch (error) {
    if (redirectRefusal) throw redirectRefusal.error
    const refusal = guarded && findPrivateNetworkRefusal(error)
    if (refusal) throw refusal
    throw await runBeforeErrorHooks(options, translateTransportError(error, target, options))
  }

  return finishResponse(decorateResponse(raw, request, options), options)
}

/** Runs the `afterResponse` hooks, then throws `HTTPError` for a non-2xx response (unless told not to). */
async function finishResponse(
  received: ModifiedResponse,
  options: NormalizedRequestOptions
): Promise<ModifiedResponse> {
  let response = received
  for (const hook of options.hooks?.afterResponse ?? []) {
    response = (await hook(response, options)) ?? response
  }
  // After the hooks, so that the runtime records every response, failures included.
  if (!response.ok && options.throwHttpErrors) {
    throw await runBeforeErrorHooks(options, new HTTPError(response))
  }
  return response
}

/** Resolves no name: the SSRF guard's checks of a URL, leaving names to the connect-time lookup. */
const resolveNothing = async (): Promise<string[]> => []

/** The redirect check of the SSRF guard, before the options' own. */
function chainPublicUrlCheck(
  beforeRedirect: RequestOptions['beforeRedirect']
): NonNullable<RequestOptions['beforeRedirect']> {
  return async (url) => {
    await assertPublicUrl(url, resolveNothing)
    await beforeRedirect?.(url)
  }
}

/** The guard's refusal from the connect-time lookup, which got wraps in a RequestError. */
function findPrivateNetworkRefusal(error: unknown): IntegrationError | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (current instanceof IntegrationError && current.code === ErrorCodes.PRIVATE_NETWORK_REFUSED)
      return current
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

/** `beforeRequest` hooks may change the options in place or return options to merge on top. */
async function runBeforeRequestHooks(options: NormalizedRequestOptions): Promise<NormalizedRequestOptions> {
  let current = options
  for (const hook of options.hooks?.beforeRequest ?? []) {
    const returned = await hook(current)
    if (returned && typeof returned === 'object') {
      // Hooks are already running; merging them again (in either spelling) would run them twice.
      const { hooks: _hooks, beforeRequest: _before, afterResponse: _after, ...changes } = returned
      current = normalizeRequestOptions(mergeRequestOptions(current, changes))
    }
  }
  // A hook may have added headers in any case.
  current.headers = mergeHeaders({}, current.headers)
  return current
}

async function runBeforeErrorHooks(options: NormalizedRequestOptions, error: Error): Promise<Error> {
  let current = error
  for (const hook of options.hooks?.beforeError ?? []) {
    current = (await hook(current)) ?? current
  }
  return current
}

function resolveTarget(url: string, options: NormalizedRequestOptions): string {
  try {
    return resolveRequestUrl(url, options)
  } catch {
    // The URL itself is left out of the message: it may hold a key.
    throw new IntegrationError('The request URL is not a valid absolute URL.', 'INVALID_URL', 400)
  }
}

/** The headers as sent: the options' headers plus what the body and Basic auth imply. */
function wireHeaders(
  options: NormalizedRequestOptions,
  contentType: string | undefined
): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = { accept: '*/*', 'user-agent': DEFAULT_USER_AGENT }
  if (contentType !== undefined) headers['content-type'] = contentType
  Object.assign(headers, options.headers)
  if (options.username || options.password) {
    headers.authorization = basicAuthHeader(options.username ?? '', options.password ?? '')
  }
  return headers
}

/**
 * Refuses a header node:http would refuse, before anything is sent and as a
 * `TypeError` (as fetch's `Headers` does), so that a destination can turn a bad
 * header taken from an event into a payload error. The value is left out of the
 * message: it may be a credential.
 */
function checkHeaders(headers: Record<string, string | string[]>): void {
  for (const [name, value] of Object.entries(headers)) {
    try {
      validateHeaderName(name)
    } catch {
      throw new TypeError(`'${name.slice(0, 100)}' is not a valid header name.`)
    }
    try {
      for (const item of Array.isArray(value) ? value : [value]) validateHeaderValue(name, item)
    } catch {
      throw new TypeError(`The value of the header '${name}' is not a valid header value.`)
    }
  }
}

function decorateResponse(
  raw: RawResponse,
  request: ModifiedResponse['request'],
  options: NormalizedRequestOptions
): ModifiedResponse {
  const headers = createHeaders(raw.headers)
  const body = Buffer.from(raw.body.buffer, raw.body.byteOffset, raw.body.byteLength)
  const status = raw.statusCode
  const content = body.toString('utf8')
  const response: ModifiedResponse = {
    status,
    statusText: raw.statusMessage || STATUS_CODES[status] || '',
    ok: status >= 200 && status < 300,
    url: raw.url,
    headers,
    content,
    data: parseResponseText(content, headers.get('content-type'), options.responseType, body),
    request,
    options,
    // fetch's body readers, for destination code written against fetch responses.
    json: async () => JSON.parse(content) as unknown,
    text: async () => content,
    arrayBuffer: async () =>
      body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer,
    clone: () => ({ ...response })
  }
  return response
}
