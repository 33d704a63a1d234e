/**
 * Which values of a configuration are secret: settings of type `password`,
 * OAuth tokens and client secrets, Basic-auth passwords. Outcomes, errors and
 * printed requests mask every one of them.
 */
import type { AuthTokens, GlobalSetting, InputField } from '../definition/types.js'
import { isCredentialHeader, REDACTED } from '../http/redact.js'

/** Secrets shorter than this are not masked inside other text (too many false hits). */
const minimumSecretLength = 4

/**
 * The secret values of a destination's settings and tokens.
 *
 * @example
 * collectSecrets({ apiKey: { label: 'API Key', type: 'password' } }, { apiKey: 'sk_live_1' }) // ['sk_live_1']
 */
export function collectSecrets(
  settingsFields: Record<string, GlobalSetting> | undefined,
  settings: unknown,
  auth?: AuthTokens
): string[] {
  const secrets = new Set<string>()
  const values = (settings ?? {}) as Record<string, unknown>
  for (const [key, field] of Object.entries(settingsFields ?? {})) {
    if (field.type === 'password' || field.format === 'password' || key === 'password')
      add(secrets, values[key])
  }
  if (auth) {
    add(secrets, auth.accessToken)
    add(secrets, auth.refreshToken)
    add(secrets, auth.clientSecret)
  }
  return [...secrets]
}

function add(secrets: Set<string>, value: unknown): void {
  if (typeof value === 'string' && value.length >= minimumSecretLength) secrets.add(value)
  else if (typeof value === 'number') secrets.add(String(value))
}

/**
 * A function that masks the `password`-typed fields of a payload (top level and
 * nested object properties), and the credential headers (`Authorization`,
 * `X-Api-Key`…) inside a free-form object field named like `headers`, planned
 * once per action. Returns the payload itself when the action has no such field.
 *
 * @example
 * const mask = createPayloadMasker({ token: { label: 'Token', type: 'password' } })
 * mask({ token: 'abc', name: 'x' }) // { token: '[REDACTED]', name: 'x' }
 */
export function createPayloadMasker(fields: Record<string, InputField>): (payload: unknown) => unknown {
  const secretKeys: string[] = []
  const nested: Array<[string, (value: unknown) => unknown]> = []
  for (const [key, field] of Object.entries(fields)) {
    if (field.type === 'password' || field.format === 'password') secretKeys.push(key)
    else if (field.type === 'object' && field.properties) {
      const inner = createPayloadMasker(field.properties as Record<string, InputField>)
      if (inner !== identity) nested.push([key, inner])
    } else if (field.type === 'object' && HEADERS_FIELD.test(key)) {
      // Headers typed into a mapping (a webhook's) often carry a token.
      nested.push([key, maskCredentialHeaders])
    }
  }
  if (secretKeys.length === 0 && nested.length === 0) return identity
  return (payload) => {
    if (typeof payload !== 'object' || payload === null) return payload
    if (Array.isArray(payload)) return payload.map((item) => maskObject(item))
    return maskObject(payload)
  }

  function maskObject(value: unknown): unknown {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) }
    for (const key of secretKeys) if (copy[key] !== undefined && copy[key] !== null) copy[key] = REDACTED
    for (const [key, inner] of nested) {
      const child = copy[key]
      if (Array.isArray(child)) copy[key] = child.map(inner)
      else if (child !== undefined) copy[key] = inner(child)
    }
    return copy
  }
}

const identity = (payload: unknown): unknown => payload

/** A free-form object field holding HTTP headers. */
const HEADERS_FIELD = /headers$/i

function maskCredentialHeaders(headers: unknown): unknown {
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) return headers
  const copy: Record<string, unknown> = { ...(headers as Record<string, unknown>) }
  for (const name of Object.keys(copy)) {
    if (isCredentialHeader(name) && copy[name] !== undefined && copy[name] !== null) copy[name] = REDACTED
  }
  return copy
}

/**
 * The values a payload masker replaced: the secrets of one payload, so that the
 * request body and error message of its Outcome are masked too.
 *
 * @example
 * maskedValues({ token: 'abcd', name: 'x' }, { token: '[REDACTED]', name: 'x' }) // ['abcd']
 */
export function maskedValues(original: unknown, masked: unknown): string[] {
  const found = new Set<string>()
  collectMasked(original, masked, found)
  return [...found]
}

function collectMasked(original: unknown, masked: unknown, found: Set<string>): void {
  if (masked === REDACTED && original !== REDACTED) {
    add(found, original)
  } else if (
    typeof masked === 'object' &&
    masked !== null &&
    typeof original === 'object' &&
    original !== null
  ) {
    for (const key of Object.keys(masked)) {
      collectMasked(
        (original as Record<string, unknown>)[key],
        (masked as Record<string, unknown>)[key],
        found
      )
    }
  }
}
