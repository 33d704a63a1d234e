import { validateHeaderName, validateHeaderValue } from 'node:http'
import {
  PayloadValidationError,
  classifyError,
  isRetryableStatus,
  type ActionDestinationErrorResponseType,
  type ModifiedResponse,
  type RequestClient
} from '@destkit/core'
import { SIGNATURE_HEADER, signBody } from '../signature.js'
import type { Payload } from './generated-types.js'

/** What decides where and how a payload is sent, apart from its body. */
export interface WebhookTarget {
  url: string
  method: 'POST' | 'PUT' | 'PATCH'
  /** The mapping's headers, names lower-cased, values as strings. */
  headers: Record<string, string>
}

// Derived from the body by the HTTP client: a value from the mapping would contradict the body sent.
const bodyDerivedHeaders = new Set(['content-length', 'transfer-encoding'])

/**
 * The target of a payload, checked: an http(s) URL and headers node:http accepts.
 * Throws `PayloadValidationError` (not retryable) otherwise. Header values are left
 * out of messages: they are often credentials.
 *
 * @example
 * webhookTarget({ url: 'https://hooks.example.com/in', headers: { 'X-Team': 'growth' } })
 * // { url: 'https://hooks.example.com/in', method: 'POST', headers: { 'x-team': 'growth' } }
 */
export function webhookTarget(payload: Payload): WebhookTarget {
  let protocol: string
  try {
    protocol = new URL(payload.url).protocol
  } catch {
    throw new PayloadValidationError('The URL is not a valid absolute URL.')
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new PayloadValidationError(`The URL must use http or https, not "${protocol.slice(0, -1)}".`)
  }
  return { url: payload.url, method: payload.method ?? 'POST', headers: mappedHeaders(payload.headers) }
}

function mappedHeaders(headers: Payload['headers']): Record<string, string> {
  const result: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers ?? {})) {
    // A header mapped to a value the event does not have is simply not sent.
    if (value === undefined || value === null) continue
    const shownName = name.slice(0, 100)
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      const kind = Array.isArray(value)
        ? 'an array'
        : `a${typeof value === 'object' ? 'n' : ''} ${typeof value}`
      throw new PayloadValidationError(`The header '${shownName}' must be a string but it was ${kind}.`)
    }
    try {
      validateHeaderName(name)
    } catch {
      throw new PayloadValidationError(`'${shownName}' is not a valid header name.`)
    }
    try {
      validateHeaderValue(name, String(value))
    } catch {
      throw new PayloadValidationError(`The value of the header '${shownName}' is not a valid header value.`)
    }
    result[name.toLowerCase()] = String(value)
  }
  return result
}

/**
 * The headers sent: JSON content type (unless the mapping names another), the
 * mapping's headers, and the signature of the exact body when a secret is set —
 * which a mapped `X-Signature` cannot replace.
 *
 * @example
 * requestHeaders({ 'x-team': 'growth' }, '{"a":1}', 'secret')
 * // { 'content-type': 'application/json', 'x-team': 'growth', 'x-signature': '…' }
 */
export function requestHeaders(
  headers: Record<string, string>,
  body: string,
  sharedSecret: string | undefined
): Record<string, string> {
  const result: Record<string, string> = { 'content-type': 'application/json' }
  for (const [name, value] of Object.entries(headers)) {
    if (!bodyDerivedHeaders.has(name)) result[name] = value
  }
  if (sharedSecret) result[SIGNATURE_HEADER] = signBody(body, sharedSecret)
  return result
}

/**
 * Sends `data` as JSON to a target. The body is serialised here, once, and sent
 * as that string, so that the signature covers exactly the bytes on the wire.
 *
 * @example
 * await sendJson(request, webhookTarget(payload), payload.data ?? {}, settings.sharedSecret)
 */
export function sendJson(
  request: RequestClient,
  target: WebhookTarget,
  data: unknown,
  sharedSecret: string | undefined
): Promise<ModifiedResponse> {
  const body = JSON.stringify(data)
  return request(target.url, {
    method: target.method,
    headers: requestHeaders(target.headers, body, sharedSecret),
    body
  })
}

/** A group of batch payloads that share one target, by their indexes in the batch. */
export interface TargetGroup {
  target: WebhookTarget
  indexes: number[]
}

/**
 * Groups a batch's payloads by target (URL, method and headers), in order of
 * first appearance; payloads whose target is invalid are set apart with the reason.
 *
 * @example
 * groupByTarget([{ url: A }, { url: B }, { url: A }]) // groups: [{ A, indexes: [0, 2] }, { B, indexes: [1] }]
 */
export function groupByTarget(payloads: Payload[]): {
  groups: TargetGroup[]
  invalid: Array<{ index: number; error: unknown }>
} {
  const groups = new Map<string, TargetGroup>()
  const invalid: Array<{ index: number; error: unknown }> = []
  payloads.forEach((payload, index) => {
    let target: WebhookTarget
    try {
      target = webhookTarget(payload)
    } catch (error) {
      invalid.push({ index, error })
      return
    }
    const headers = Object.entries(target.headers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    const key = JSON.stringify([target.url, target.method, headers])
    const group = groups.get(key)
    if (group) group.indexes.push(index)
    else groups.set(key, { target, indexes: [index] })
  })
  return { groups: [...groups.values()], invalid }
}

/**
 * A batch entry for a failure, with a status that the runtime classifies the
 * same way as the error itself (retryable or not).
 *
 * @example
 * batchErrorEntry(new HTTPError(responseWithStatus429)) // { status: 429, errortype: 'TOO_MANY_REQUESTS', … }
 */
export function batchErrorEntry(error: unknown): ActionDestinationErrorResponseType {
  const classified = classifyError(error)
  const retryable = classified.status === 'retryable'
  const status =
    classified.httpStatus !== undefined && isRetryableStatus(classified.httpStatus) === retryable
      ? classified.httpStatus
      : retryable
        ? 503
        : 400
  return { status, errortype: classified.code, errormessage: classified.message }
}
