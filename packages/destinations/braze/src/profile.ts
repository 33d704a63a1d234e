/**
 * Conversions of Segment trait values into the formats of Braze's standard
 * profile fields.
 */

const genders: Record<string, string> = {
  m: 'M',
  male: 'M',
  man: 'M',
  f: 'F',
  female: 'F',
  woman: 'F',
  o: 'O',
  other: 'O',
  n: 'N',
  'not applicable': 'N',
  p: 'P',
  'prefer not to say': 'P'
}

/**
 * Braze's gender code (M, F, O, N, P) for a code or a common word; null clears
 * the field, and a value Braze would not understand is left out.
 *
 * @example
 * toBrazeGender('Female') // 'F'
 * toBrazeGender('unknown value') // undefined
 */
export function toBrazeGender(value: string | null | undefined): string | null | undefined {
  if (value === null) return null
  if (value === undefined) return undefined
  return genders[value.trim().toLowerCase()]
}

/**
 * The ISO 639-1 language code of a locale ("en-GB" → "en"), as Braze wants it.
 *
 * @example
 * toLanguageCode('en-GB') // 'en'
 */
export function toLanguageCode(value: string | null | undefined): string | null | undefined {
  if (value === null || value === undefined) return value
  const match = /^([a-z]{2})(?:[-_]|$)/i.exec(value.trim())
  return match ? match[1].toLowerCase() : undefined
}
