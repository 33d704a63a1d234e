/**
 * The body of `POST /<actionId>` (and of its preview): `{ payload | event,
 * mapping, settings, auth }`, checked member by member.
 *
 * - `event`: a Segment event (or an array of them: the batch path); the mapping
 *   defaults to the action's default mapping (its fields' defaults).
 * - `payload`: data that is already the action's payload (or an array of them);
 *   without a mapping each of the action's fields is read from it as is, with a
 *   mapping it is what the mapping reads from (as an event would be).
 */
import type { AuthTokens, InputField, JSONObject } from '@destkit/core'
import { ApiError } from './api-error.js'

/** An action request, checked. */
export interface ActionInput {
  /** What the mapping is resolved against: one item, or several for the batch path. */
  events: JSONObject[]
  /** Whether the body gave an array (the batch path). */
  batch: boolean
  /** The mapping to use: the one given, else as described above. */
  mapping: JSONObject
  settings: Record<string, unknown>
  auth?: AuthTokens
}

/** What is needed of the action. */
export interface ActionShape {
  fields: Record<string, InputField>
  defaultMapping: JSONObject
}

/**
 * @example
 * parseActionInput({ event: { type: 'track', event: 'Signed Up' } }, action)
 * // { events: [{ type: 'track', event: 'Signed Up' }], batch: false, mapping: action.defaultMapping, settings: {} }
 */
export function parseActionInput(body: unknown, action: ActionShape): ActionInput {
  const members = bodyObject(body)
  const hasPayload = members.payload !== undefined
  const hasEvent = members.event !== undefined
  if (hasPayload && hasEvent) {
    throw invalidRequest('The body has both "payload" and "event": give one of them.')
  }
  if (!hasPayload && !hasEvent) {
    throw invalidRequest(
      'The body needs an "event" (a Segment event to map) or a "payload" (the action\'s payload as is).'
    )
  }
  const name = hasPayload ? 'payload' : 'event'
  const given = members[name]
  const batch = Array.isArray(given)
  const events = (batch ? given : [given]) as unknown[]
  if (batch && events.length === 0) throw invalidRequest(`"${name}" is an empty array: give at least one.`)
  events.forEach((item, index) => {
    if (!isObject(item)) {
      throw invalidRequest(
        `"${name}${batch ? `[${index}]` : ''}" must be an object${batch ? '' : ' or an array of objects'}.`
      )
    }
  })
  const mapping = members.mapping
  if (mapping !== undefined && mapping !== null && !isObject(mapping)) {
    throw invalidRequest('"mapping" must be an object.')
  }
  return {
    events: events as JSONObject[],
    batch,
    mapping: isObject(mapping)
      ? (mapping as JSONObject)
      : hasPayload
        ? passThroughMapping(action.fields)
        : action.defaultMapping,
    settings: parseSettings(members.settings),
    ...optionalAuth(members.auth)
  }
}

/**
 * The mapping that reads each of the action's fields from the data as is.
 *
 * @example
 * passThroughMapping({ email: { label: 'Email', type: 'string' } }) // { email: { '@path': "$['email']" } }
 */
export function passThroughMapping(fields: Record<string, InputField>): JSONObject {
  const mapping: JSONObject = {}
  for (const key of Object.keys(fields)) {
    // Bracketed, so a key with dots is one segment; a key with `']` cannot be bracketed.
    mapping[key] = { '@path': key.includes("']") ? `$.${key}` : `$['${key}']` }
  }
  return mapping
}

/**
 * `settings` of a body: an object, or `{}` when absent.
 *
 * @example
 * parseSettings(undefined) // {}
 */
export function parseSettings(value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return {}
  if (!isObject(value)) throw invalidRequest('"settings" must be an object.')
  return value as Record<string, unknown>
}

/**
 * `auth` of a body: OAuth tokens, or nothing when absent.
 *
 * @example
 * optionalAuth({ accessToken: 'a' }) // { auth: { accessToken: 'a' } }
 */
export function optionalAuth(value: unknown): { auth?: AuthTokens } {
  if (value === undefined || value === null) return {}
  if (!isObject(value)) throw invalidRequest('"auth" must be an object such as { "accessToken": "…" }.')
  const auth = value as Record<string, unknown>
  for (const key of ['accessToken', 'refreshToken', 'refreshTokenUrl', 'clientId', 'clientSecret']) {
    if (auth[key] !== undefined && typeof auth[key] !== 'string') {
      throw invalidRequest(`"auth.${key}" must be a string.`)
    }
  }
  return { auth: { ...auth, accessToken: typeof auth.accessToken === 'string' ? auth.accessToken : '' } }
}

/**
 * The body as an object of members (400 for anything else).
 *
 * @example
 * bodyObject({ settings: {} }).settings // {}
 */
export function bodyObject(body: unknown): Record<string, unknown> {
  if (!isObject(body)) throw invalidRequest('The body must be a JSON object.')
  return body as Record<string, unknown>
}

/**
 * A malformed request (400).
 *
 * @example
 * throw invalidRequest('"mapping" must be an object.')
 */
export function invalidRequest(message: string): ApiError {
  return new ApiError(400, 'INVALID_REQUEST', message)
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
