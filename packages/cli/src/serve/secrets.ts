/**
 * Keeping secrets out of serve's answers: the values of `password` settings,
 * OAuth tokens and client secrets, and `password` fields of a payload are
 * masked wherever they appear in an answer (a message, an echoed payload, a
 * request or response summary).
 */
import type { AuthTokens, GlobalSetting, InputField, Redactor } from '@destkit/core'

/** Secrets shorter than this are not masked inside other text (as the runtime does). */
const MINIMUM_SECRET_LENGTH = 4

/**
 * The secret values of a request: `password` settings (and a setting named
 * `password`), the tokens and client secret of `auth`, and the `password`
 * fields of the payloads.
 *
 * @example
 * secretValues({ apiKey: { label: 'Key', type: 'password' } }, { apiKey: 'sk_1234' }) // ['sk_1234']
 */
export function secretValues(
  settingsFields: Record<string, GlobalSetting> | undefined,
  settings: Record<string, unknown>,
  auth?: AuthTokens,
  payloadFields?: Record<string, InputField>,
  payloads: readonly unknown[] = []
): string[] {
  const found = new Set<string>()
  for (const [key, field] of Object.entries(settingsFields ?? {})) {
    if (field.type === 'password' || field.format === 'password' || key === 'password')
      add(found, settings[key])
  }
  // A setting the definition does not declare (yet) but whose name says it is secret.
  for (const [key, value] of Object.entries(settings)) {
    if (!settingsFields?.[key] && /key|token|secret|password/i.test(key)) add(found, value)
  }
  if (auth) {
    add(found, auth.accessToken)
    add(found, auth.refreshToken)
    add(found, auth.clientSecret)
  }
  if (payloadFields) for (const payload of payloads) collectPasswordFields(payloadFields, payload, found)
  return [...found]
}

/**
 * A copy of a JSON value with every secret masked in every string.
 *
 * @example
 * redactValue({ message: 'key sk_1234 refused' }, createRedactor(['sk_1234'])) // { message: 'key [REDACTED] refused' }
 */
export function redactValue(value: unknown, redact: Redactor): unknown {
  if (typeof value === 'string') return redact(value)
  if (Array.isArray(value)) return value.map((item) => redactValue(item, redact))
  if (typeof value === 'object' && value !== null) {
    const copy: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) copy[key] = redactValue(item, redact)
    return copy
  }
  return value
}

function collectPasswordFields(
  fields: Record<string, InputField>,
  payload: unknown,
  found: Set<string>
): void {
  if (typeof payload !== 'object' || payload === null) return
  const items = Array.isArray(payload) ? payload : [payload]
  for (const item of items) {
    if (typeof item !== 'object' || item === null) continue
    const values = item as Record<string, unknown>
    for (const [key, field] of Object.entries(fields)) {
      if (field.type === 'password' || field.format === 'password') add(found, values[key])
      else if (field.properties) {
        collectPasswordFields(field.properties as Record<string, InputField>, values[key], found)
      }
    }
  }
}

function add(found: Set<string>, value: unknown): void {
  if (typeof value === 'string' && value.length >= MINIMUM_SECRET_LENGTH) found.add(value)
  else if (typeof value === 'number' && String(value).length >= MINIMUM_SECRET_LENGTH)
    found.add(String(value))
}
