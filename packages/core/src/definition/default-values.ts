import type { InputField } from './types.js'
import type { JSONObject, JSONValue } from '../util/json.js'
import { setOwnProperty } from '../util/set-own-property.js'

/**
 * The mapping made of the fields' defaults (fields without a default are left out).
 *
 * @example
 * defaultValues({ email: { label: 'Email', type: 'string', default: { '@path': '$.traits.email' } } })
 * // { email: { '@path': '$.traits.email' } }
 */
export function defaultValues(fields: Record<string, InputField>): JSONObject {
  const mapping: JSONObject = {}
  for (const [key, field] of Object.entries(fields)) {
    // A field may be called `__proto__`: it must become a key of the mapping, not its prototype.
    if (field.default !== undefined) setOwnProperty(mapping, key, structuredClone(field.default) as JSONValue)
  }
  return mapping
}
