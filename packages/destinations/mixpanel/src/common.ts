/**
 * What every Mixpanel action shares: the regional hosts, how imports authenticate, and the
 * normalisation of `time` and `$insert_id` that the Ingestion API validates.
 */
import { createHash } from 'node:crypto'
import { IntegrationError, type RequestClient } from '@destkit/core'
import type { Settings } from './generated-types.js'

/** Ingestion API hosts by data residency (`api`, `api-eu`, `api-in`). */
const ingestionHosts: Record<string, string> = {
  us: 'https://api.mixpanel.com',
  eu: 'https://api-eu.mixpanel.com',
  in: 'https://api-in.mixpanel.com'
}

/** Application API hosts by data residency, where the service account endpoints live. */
const appHosts: Record<string, string> = {
  us: 'https://mixpanel.com',
  eu: 'https://eu.mixpanel.com',
  in: 'https://in.mixpanel.com'
}

/**
 * The Ingestion API base URL for the project's region.
 *
 * @example
 * ingestionHost('eu') // 'https://api-eu.mixpanel.com'
 */
export function ingestionHost(region: string | undefined): string {
  return ingestionHosts[region ?? 'us'] ?? ingestionHosts.us
}

/**
 * The Application API base URL for the project's region.
 *
 * @example
 * appHost('in') // 'https://in.mixpanel.com'
 */
export function appHost(region: string | undefined): string {
  return appHosts[region ?? 'us'] ?? appHosts.us
}

/** Basic credentials of an `/import` request, and the `project_id` service accounts need. */
export interface ImportCredentials {
  username: string
  password: string
  projectId?: string
}

/**
 * The service account credentials when they are configured, checked for completeness.
 *
 * @example
 * serviceAccount({ projectToken: 't', serviceAccountUsername: 'sa.mp-service-account', serviceAccountSecret: 's', projectId: '1' })
 * // { username: 'sa.mp-service-account', password: 's', projectId: '1' }
 */
export function serviceAccount(settings: Settings): ImportCredentials | undefined {
  const { serviceAccountUsername, serviceAccountSecret, projectId } = settings
  if (!serviceAccountUsername && !serviceAccountSecret) return undefined
  if (!serviceAccountUsername || !serviceAccountSecret || !projectId) {
    throw new IntegrationError(
      'Service account authentication needs the service account username, its secret and the project ID.',
      'INVALID_SETTINGS',
      400
    )
  }
  return { username: serviceAccountUsername, password: serviceAccountSecret, projectId }
}

/**
 * How `/import` authenticates: a service account (with `project_id`), else the legacy project secret,
 * else the project token. The secret and the token go as the Basic username with an empty password.
 *
 * @example
 * importCredentials({ projectToken: 'tok' }) // { username: 'tok', password: '' }
 */
export function importCredentials(settings: Settings): ImportCredentials {
  const account = serviceAccount(settings)
  if (account) return account
  if (settings.apiSecret) return { username: settings.apiSecret, password: '' }
  return { username: settings.projectToken, password: '' }
}

/** Mixpanel rejects events dated before 1971-01-01; anything below this is taken to be in seconds. */
const secondsThreshold = 100_000_000_000

/**
 * A time as milliseconds since the epoch (what `properties.time` is sent in), or undefined when unreadable.
 *
 * @example
 * toMilliseconds('2026-10-30T14:22:05.118Z') // 1793370125118
 * toMilliseconds(1793370125) // 1793370125000
 */
export function toMilliseconds(time: string | number | undefined): number | undefined {
  if (time === undefined || time === '') return undefined
  if (typeof time === 'number') {
    if (!Number.isFinite(time)) return undefined
    return Math.round(time < secondsThreshold ? time * 1000 : time)
  }
  if (/^\d+(\.\d+)?$/.test(time)) return toMilliseconds(Number(time))
  const parsed = Date.parse(time)
  return Number.isNaN(parsed) ? undefined : parsed
}

const validInsertId = /^[A-Za-z0-9-]{1,36}$/

/**
 * A valid `$insert_id`: at most 36 alphanumeric characters or dashes. A longer or otherwise invalid id
 * (Segment message ids often are) becomes the first 36 hex characters of its SHA-256, as Mixpanel advises,
 * so retries of the same event still deduplicate. Without an id, the hash covers what makes the event unique.
 *
 * @example
 * insertId('3f1c9a52-1b2c-4d5e-8f90-123456789abc') // unchanged
 * insertId('ajs-next-1f6c2a9e8b3d4c7a9e0f1a2b3c4d5e6f') // 36 hex characters
 */
export function insertId(id: string | undefined, ...uniqueParts: unknown[]): string {
  if (id && validInsertId.test(id)) return id
  const seed = id ?? JSON.stringify(uniqueParts)
  return createHash('sha256').update(seed).digest('hex').slice(0, 36)
}

/** The verbose answer of `/engage` and `/groups`: status 1 on success, 0 with an error otherwise. */
interface VerboseAnswer {
  status?: number
  error?: string | null
}

/**
 * Sends profile updates to `/engage` or `/groups` with `verbose=1`: both answer 200 even when they drop
 * the update, so the body's `status` is what says whether it was accepted.
 *
 * @example
 * await sendProfileUpdates(request, 'https://api.mixpanel.com/groups', [update], { verbose: '1' })
 */
export async function sendProfileUpdates(
  request: RequestClient,
  url: string,
  updates: Record<string, unknown>[],
  searchParams: Record<string, string>
) {
  const response = await request<VerboseAnswer>(url, { method: 'post', searchParams, json: updates })
  const answer = response.data
  if (answer && typeof answer === 'object' && answer.status !== undefined && Number(answer.status) !== 1) {
    throw new IntegrationError(
      `Mixpanel did not accept the update: ${answer.error || 'no reason given'}.`,
      'MIXPANEL_REJECTED_UPDATE',
      400
    )
  }
  return response
}
