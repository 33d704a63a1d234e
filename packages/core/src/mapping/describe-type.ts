/**
 * The type of a value as a sentence needs it, with its article: `a string`, `an array`, `a directive`…
 *
 * @example
 * describeType(true) // 'a boolean'
 * describeType([]) // 'an array'
 * describeType({ '@path': 'x' }) // 'a directive'
 */
export function describeType(value: unknown): string {
  const type = typeName(value)
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`
}

/**
 * The type name used in validation messages (`null`, `array`, `date`, `directive`… rather than `object`).
 *
 * @example
 * typeName(null) // 'null'
 */
export function typeName(value: unknown): string {
  const type = Object.prototype.toString.call(value).slice(8, -1).toLowerCase()
  if (type === 'object' && Object.keys(value as object).some((key) => key.startsWith('@'))) return 'directive'
  return type
}
