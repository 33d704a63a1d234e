/**
 * Safe readers for the parts of a definition the checks visit. A definition
 * under validation may be broken in any way (core's structural check reports
 * how), so every reader skips what is not the expected shape instead of
 * throwing.
 */

/** A plain object (not null, not an array). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The compatible root-directive key of a mapping: a key of the format, not a field. */
export const ROOT_DIRECTIVE_KEY = '__segment_internal_directive'

/** An action by id, when `actions` is an object. */
export function actionsOf(definition: Record<string, unknown>): Array<[string, Record<string, unknown>]> {
  if (!isPlainObject(definition.actions)) return []
  return Object.entries(definition.actions).filter((entry): entry is [string, Record<string, unknown>] =>
    isPlainObject(entry[1])
  )
}

/** The fields of an action or of a settings object, when they are objects. */
export function fieldsOf(fields: unknown): Array<[string, Record<string, unknown>]> {
  if (!isPlainObject(fields)) return []
  return Object.entries(fields).filter((entry): entry is [string, Record<string, unknown>] =>
    isPlainObject(entry[1])
  )
}

/** A set of settings: where it sits in the definition and its fields. */
export interface SettingsGroup {
  /** `authentication.fields` or `audienceFields`. */
  place: string
  fields: Array<[string, Record<string, unknown>]>
  /** How a finding names one of them: "setting" or "audience setting". */
  noun: string
}

/**
 * The destination's settings (`authentication.fields`) and audience settings (`audienceFields`).
 *
 * @example
 * settingsOf({ authentication: { scheme: 'custom', fields: { apiKey: {…} } } })[0].fields[0][0] // 'apiKey'
 */
export function settingsOf(definition: Record<string, unknown>): SettingsGroup[] {
  const groups: SettingsGroup[] = []
  const auth = definition.authentication
  if (isPlainObject(auth) && isPlainObject(auth.fields))
    groups.push({ place: 'authentication.fields', fields: fieldsOf(auth.fields), noun: 'setting' })
  if (isPlainObject(definition.audienceFields))
    groups.push({
      place: 'audienceFields',
      fields: fieldsOf(definition.audienceFields),
      noun: 'audience setting'
    })
  return groups
}

/** The presets with their index, when `presets` is an array (entries that are not objects skipped). */
export function presetsOf(definition: Record<string, unknown>): Array<[number, Record<string, unknown>]> {
  if (!Array.isArray(definition.presets)) return []
  return definition.presets
    .map((preset: unknown, index): [number, unknown] => [index, preset])
    .filter((entry): entry is [number, Record<string, unknown>] => isPlainObject(entry[1]))
}

/**
 * How a finding names a preset: by its name when it has one, else by its index.
 *
 * @example
 * presetLabel(0, { name: 'Track Calls' }) // 'preset "Track Calls"'
 * presetLabel(2, {}) // 'preset 2'
 */
export function presetLabel(index: number, preset: Record<string, unknown>): string {
  return typeof preset.name === 'string' && preset.name.trim() !== ''
    ? `preset ${JSON.stringify(preset.name)}`
    : `preset ${index}`
}

/** A sentence's first letter in upper case. */
export const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

/**
 * A value as a sentence names it.
 *
 * @example
 * describeValue('12') // 'the string "12"'
 * describeValue(3) // 'the number 3'
 * describeValue([1]) // 'an array'
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  switch (typeof value) {
    case 'string':
      return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`
    case 'number':
      return `the number ${value}`
    case 'boolean':
      return `the boolean ${value}`
    case 'object':
      return 'an object'
    default:
      return `a ${typeof value}`
  }
}
