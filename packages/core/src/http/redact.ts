/**
 * Masking secrets in text and headers, so summaries, logs and errors never
 * show a credential.
 */
import type { ResponseHeaders } from './types.js'

/** What a masked secret is replaced with. */
export const REDACTED = '[REDACTED]'

/** Masks every known secret in a text. */
export type Redactor = (text: string) => string

/** Header names that always hold credentials. */
const credentialHeaders: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
  'apikey'
])

/** Parts of header names that suggest a credential (`x-auth-token`, `x-client-secret`…). */
const credentialNamePattern = /key|token|secret|password|auth|credential|signature/i

/**
 * Compiles a redactor for the given secret values. Each value is masked as is,
 * URL-encoded, form-encoded and JSON-escaped, and so is its HTTP Basic form
 * (`base64(a:b)` for every pair of secrets, and with an empty user or password).
 * Empty values are ignored. Compile once per configuration; the returned
 * function does one regular-expression pass.
 *
 * @example
 * const redact = createRedactor([settings.apiKey])
 * redact(`https://api.example.com/?key=${settings.apiKey}`) // 'https://api.example.com/?key=[REDACTED]'
 */
export function createRedactor(secrets: readonly string[]): Redactor {
  const values = [...new Set(secrets.filter((secret) => typeof secret === 'string' && secret !== ''))]
  if (values.length === 0) return (text) => text
  const forms = new Set<string>()
  for (const value of values) {
    for (const form of encodedForms(value)) forms.add(form)
    for (const form of urlForms(value)) forms.add(form)
    forms.add(base64(`${value}:`))
    forms.add(base64(`:${value}`))
    for (const other of values) forms.add(base64(`${value}:${other}`))
  }
  // Longest first, so a secret that contains another is masked whole.
  const alternatives = [...forms]
    .filter((form) => form !== '')
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
  const pattern = new RegExp(alternatives.join('|'), 'g')
  return (text) => (typeof text === 'string' ? text.replace(pattern, REDACTED) : text)
}

/**
 * Whether a header name suggests a credential: `authorization`, `cookie`,
 * `x-api-key`… or any name containing key, token, secret, password or auth.
 *
 * @example
 * isCredentialHeader('X-Auth-Token') // true
 * isCredentialHeader('content-type') // false
 */
export function isCredentialHeader(name: string): boolean {
  const lower = name.toLowerCase()
  return credentialHeaders.has(lower) || credentialNamePattern.test(lower)
}

/**
 * Returns plain, lower-cased headers with credential headers masked (keeping an
 * auth scheme such as `Bearer` visible) and every other value run through `redactor`.
 *
 * @example
 * redactHeaders({ Authorization: 'Bearer abc', Accept: 'application/json' }, createRedactor([]))
 * // → { authorization: 'Bearer [REDACTED]', accept: 'application/json' }
 */
export function redactHeaders(
  headers: Record<string, string | string[] | number | undefined> | ResponseHeaders,
  redactor: Redactor
): Record<string, string> {
  const entries: Iterable<[string, unknown]> = isHeadersObject(headers) ? headers : Object.entries(headers)
  const result: Record<string, string> = {}
  for (const [name, raw] of entries) {
    if (raw === undefined || raw === null) continue
    const value = Array.isArray(raw) ? raw.join(', ') : String(raw)
    result[name.toLowerCase()] = isCredentialHeader(name) ? maskCredential(value) : redactor(value)
  }
  return result
}

/**
 * Masks the credentials of a URL: the user info, then every secret (also in the
 * query string, where secrets are URL-encoded).
 *
 * @example
 * redactUrl('https://user:pw@api.example.com/?token=abc', createRedactor(['abc']))
 * // → 'https://[REDACTED]:[REDACTED]@api.example.com/?token=[REDACTED]'
 */
export function redactUrl(url: string, redactor: Redactor): string {
  let text = url
  // User info needs an `@`: without one there is nothing to parse for.
  if (!url.includes('@')) return redactor(text)
  try {
    const parsed = new URL(url)
    if (parsed.username || parsed.password) {
      if (parsed.username) parsed.username = REDACTED
      if (parsed.password) parsed.password = REDACTED
      // The URL class percent-encodes the brackets; show the marker plainly.
      text = parsed.toString().replaceAll(encodeURIComponent(REDACTED), REDACTED)
    }
  } catch {
    // Not a URL: mask the secrets in it all the same.
  }
  return redactor(text)
}

function maskCredential(value: string): string {
  const scheme = /^(basic|bearer|token|digest|oauth)\s+\S/i.exec(value)
  return scheme ? `${scheme[1]} ${REDACTED}` : REDACTED
}

function encodedForms(value: string): string[] {
  return [
    value,
    encodeURIComponent(value),
    new URLSearchParams({ v: value }).toString().slice(2),
    JSON.stringify(value).slice(1, -1)
  ]
}

/**
 * A secret URL (a webhook, a URL with a key in its path) is printed normalised
 * (`new URL(...).href`, host lower-cased) or without its query: mask those forms
 * too, and its path alone when it is long enough to be the secret part.
 */
function urlForms(value: string): string[] {
  if (!/^https?:\/\//i.test(value)) return []
  let parsed: URL
  try {
    parsed = new URL(value)
  } catch {
    return []
  }
  const forms = [parsed.href, `${parsed.origin}${parsed.pathname}`]
  if (parsed.pathname.length >= 8) forms.push(parsed.pathname)
  return forms
}

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64')
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function isHeadersObject(headers: object): headers is ResponseHeaders {
  return typeof (headers as ResponseHeaders).get === 'function' && Symbol.iterator in headers
}
