/** The shared sample events (../shared/fixtures beside the repository). */
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const repositoryRoot = fileURLToPath(new URL('..', import.meta.url))
const eventsDirectory = fileURLToPath(new URL('../../shared/fixtures/events/', import.meta.url))

/** Every fixture event by file name (without `.json`), freshly parsed. */
export function fixtureEvents(): Record<string, Record<string, any>> {
  return Object.fromEntries(
    readdirSync(eventsDirectory)
      .filter((name) => name.endsWith('.json'))
      .map((name) => [name.slice(0, -5), JSON.parse(readFileSync(eventsDirectory + name, 'utf8'))])
  )
}

/** The bundled destinations, by slug. */
export const BUNDLED_SLUGS = [
  'amplitude',
  'braze',
  'customerio',
  'facebook-conversions-api',
  'google-analytics-4',
  'hubspot',
  'mixpanel',
  'sendgrid-lists',
  'slack',
  'webhook'
]
