/**
 * What the Customer.io actions share: the regional Track API host, person identifiers, and Unix
 * timestamps (the Track API takes dates as seconds since the epoch).
 */
import { PayloadValidationError } from '@destkit/core'

/** Track API hosts by account region. */
const trackHosts: Record<string, string> = {
  us: 'https://track.customer.io',
  eu: 'https://track-eu.customer.io'
}

/**
 * The Track API base URL for the account's region.
 *
 * @example
 * trackHost('eu') // 'https://track-eu.customer.io'
 */
export function trackHost(region: string | undefined): string {
  return trackHosts[region ?? 'us'] ?? trackHosts.us
}

/** Anything below this is taken to be seconds already, anything above milliseconds. */
const secondsThreshold = 100_000_000_000

/**
 * A date as whole seconds since the epoch, or undefined when it cannot be read.
 *
 * @example
 * toUnixSeconds('2026-10-30T14:22:05.118Z') // 1793370125
 * toUnixSeconds(1793370125118) // 1793370125
 */
export function toUnixSeconds(value: string | number | undefined | null): number | undefined {
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined
    return Math.floor(value < secondsThreshold ? value : value / 1000)
  }
  if (/^\d+(\.\d+)?$/.test(value)) return toUnixSeconds(Number(value))
  const parsed = Date.parse(value)
  return Number.isNaN(parsed) ? undefined : Math.floor(parsed / 1000)
}

/** How the v2 API names one person: by `id`, or by `email` in workspaces that identify people by email. */
export type PersonIdentifiers = { id: string } | { email: string }

/**
 * The identifiers of a person: the ID when there is one, else the email; undefined when neither is set.
 * The v2 API takes exactly one identifier.
 *
 * @example
 * personIdentifiers({ id: '42', email: 'a@b.co' }) // { id: '42' }
 */
export function personIdentifiers(payload: { id?: string; email?: string }): PersonIdentifiers | undefined {
  if (payload.id) return { id: payload.id }
  if (payload.email) return { email: payload.email }
  return undefined
}

/**
 * The path segment naming a person in v1 URLs (`/customers/{identifier}`), URL-encoded.
 *
 * @example
 * customerPath({ email: 'ada@example.com' }) // 'ada%40example.com'
 */
export function customerPath(identifiers: PersonIdentifiers): string {
  return encodeURIComponent('id' in identifiers ? identifiers.id : identifiers.email)
}

/**
 * The identifiers of a payload that must name a person; throws when it names nobody.
 *
 * @example
 * requirePerson({ email: 'ada@example.com' }) // { email: 'ada@example.com' }
 */
export function requirePerson(payload: { id?: string; email?: string }): PersonIdentifiers {
  const identifiers = personIdentifiers(payload)
  if (!identifiers) throw new PayloadValidationError('Either the person ID or the email is required.')
  return identifiers
}
