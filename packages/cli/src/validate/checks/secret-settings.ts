import { finding, type Finding } from '../finding.js'
import { settingsOf } from '../definition-parts.js'
import { place } from '../place.js'

/** Words of a setting name that say it holds a secret. */
const SECRET_WORDS = new Set(['key', 'token', 'secret', 'password', 'passwd'])

/**
 * The words of a setting name: camelCase, snake_case, kebab-case and spaces
 * all split (`apiKey`, `api_key`, `API-Key` → api, key), and a lower-case run
 * ending in a secret word counts too (`apikey`, `accesstoken`).
 *
 * @example
 * looksSecret('apiKey') // true
 * looksSecret('keyword') // false
 * looksSecret('region') // false
 */
export function looksSecret(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
  return words.some(
    (word) =>
      SECRET_WORDS.has(word) ||
      /^(api|access|auth|private|secret|client|app|refresh|bearer|signing)(key|token|secret|password)s?$/.test(
        word
      )
  )
}

/**
 * A setting named like a secret (key, token, secret, password) must be
 * `type: 'password'`: that type is what keeps its value out of every output,
 * log and error (the CLI, the event tester and the engine redact by it).
 *
 * @example
 * checkSecretSettings({ authentication: { scheme: 'custom', fields: { apiKey: { label: 'API Key', type: 'string' } } } })[0].place
 * // 'authentication.fields.apiKey.type'
 */
export function checkSecretSettings(definition: Record<string, unknown>): Finding[] {
  const findings: Finding[] = []
  for (const group of settingsOf(definition)) {
    for (const [key, field] of group.fields) {
      // Only a string can hold a secret (a boolean `useApiKey` cannot); other types are core's to check.
      if (field.type !== 'string' || !looksSecret(key)) continue
      findings.push(
        finding(
          'secret-setting-not-password',
          place(group.place, key, 'type'),
          `The ${group.noun} '${key}' looks like a secret but its type is 'string': make it type 'password' so its value never appears in output or logs.`
        )
      )
    }
  }
  return findings
}
