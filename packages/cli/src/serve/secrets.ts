/**
 * Keeping secrets out of serve's answers: the values of `password` settings,
 * OAuth tokens and client secrets, and `password` fields of a payload are
 * masked wherever they appear in an answer (a message, an echoed payload, a
 * request or response summary).
 */
import {
  collectSecrets,
  createPayloadMasker,
  maskedValues,
  type AuthTokens,
  type GlobalSetting,
  type InputField,
  type Redactor
} from '@destkit/core'

/** Secrets shorter than this are not masked inside other text (as the runtime does). */
const MINIMUM_SECRET_LENGTH = 4

/**
 * The secret values of a request, found as the runtime finds them (`password`
 * settings, tokens, the client secret, the `password` fields and credential headers
 * of the payloads), plus settings the definition does not declare (yet) whose name
 * says they are secret.
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
  const found = new Set(collectSecrets(settingsFields, settings, auth))
  for (const [key, value] of Object.entries(settings)) {
    if (!settingsFields?.[key] && /key|token|secret|password/i.test(key) && isLongEnough(value)) {
      found.add(String(value))
    }
  }
  if (payloadFields) {
    const mask = createPayloadMasker(payloadFields)
    for (const payload of payloads) for (const value of maskedValues(payload, mask(payload))) found.add(value)
  }
  return [...found]
}

function isLongEnough(value: unknown): boolean {
  return (
    (typeof value === 'string' || typeof value === 'number') && String(value).length >= MINIMUM_SECRET_LENGTH
  )
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
