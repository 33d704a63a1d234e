/**
 * The `$set` object of a profile update: the user's properties, plus Mixpanel's reserved profile
 * properties (`$email`, `$name`…) that its UI and messaging features read.
 */
import type { Payload } from './generated-types.js'

/** The reserved profile property each field fills. */
const reservedNames = {
  email: '$email',
  name: '$name',
  first_name: '$first_name',
  last_name: '$last_name',
  phone: '$phone',
  avatar: '$avatar',
  created: '$created'
} as const

/**
 * The properties to `$set` for a payload.
 *
 * @example
 * profileProperties({ distinct_id: 'u1', email: 'a@b.co', user_properties: { plan: 'pro' } })
 * // { plan: 'pro', $email: 'a@b.co' }
 */
export function profileProperties(payload: Payload): Record<string, unknown> {
  const properties: Record<string, unknown> = { ...payload.user_properties }
  for (const [field, name] of Object.entries(reservedNames)) {
    const value = payload[field as keyof typeof reservedNames]
    if (value === undefined || value === null || value === '') continue
    // Mixpanel reads dates as ISO 8601 strings; a number here is a Unix timestamp.
    properties[name] = field === 'created' ? toIsoDate(value) : value
  }
  return properties
}

function toIsoDate(value: string | number): string | number {
  if (typeof value === 'string') return value
  const date = new Date(value < 100_000_000_000 ? value * 1000 : value)
  return Number.isNaN(date.getTime()) ? value : date.toISOString()
}
