/**
 * The secret values among the inputs of `destkit send`, so that no message the
 * command prints — its own errors included — shows one.
 */
import type { AuthTokens, DestinationDefinition } from '@destkit/core'

/**
 * Settings of type `password` (or named `password`) and OAuth tokens and client
 * secrets, as given. The runtime masks the same values in what it reports; this
 * covers what the CLI says on its own.
 *
 * @example
 * inputSecrets(slackDefinition, { webhookUrl: 'https://hooks.slack.com/services/T/B/x' }) // ['https://hooks.slack.com/services/T/B/x']
 */
export function inputSecrets(
  definition: DestinationDefinition,
  settings: Record<string, unknown>,
  auth: Partial<AuthTokens> | undefined
): string[] {
  const secrets: string[] = []
  for (const [key, field] of Object.entries(definition.authentication?.fields ?? {})) {
    if (field.type === 'password' || field.format === 'password' || key === 'password')
      add(secrets, settings[key])
  }
  for (const key of ['accessToken', 'refreshToken', 'clientSecret'] as const) add(secrets, auth?.[key])
  return secrets
}

function add(secrets: string[], value: unknown): void {
  if (typeof value === 'string' && value !== '') secrets.push(value)
  else if (typeof value === 'number') secrets.push(String(value))
}
