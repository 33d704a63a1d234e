/**
 * HubSpot stores contact and event property values as strings; it accepts
 * strings, numbers and booleans in JSON and refuses nested objects and arrays.
 */
import { PayloadValidationError, realTypeOf } from '@destkit/core'

/** A property value HubSpot accepts. */
export type PropertyValue = string | number | boolean

/**
 * The properties to send: `null` and `undefined` values are left out (HubSpot
 * clears a property with `''`, not with `null`), and an object or array value is
 * refused with a sentence naming its key.
 *
 * @example
 * scalarProperties({ plan: 'pro', seats: 3, note: null }, 'Other Properties') // { plan: 'pro', seats: 3 }
 */
export function scalarProperties(
  values: Record<string, unknown> | undefined,
  label: string
): Record<string, PropertyValue> {
  const result: Record<string, PropertyValue> = {}
  const refused: string[] = []
  for (const [key, value] of Object.entries(values ?? {})) {
    if (value === null || value === undefined) continue
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      result[key] = value
    } else {
      refused.push(`'${key}' is ${article(realTypeOf(value))}`)
    }
  }
  if (refused.length > 0) {
    throw new PayloadValidationError(
      `${label} must hold strings, numbers or booleans, which HubSpot stores as property values: ${refused.join(', ')}.`
    )
  }
  return result
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`
}
