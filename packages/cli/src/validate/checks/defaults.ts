import { isDirective } from '@destkit/core'
import { finding, type Finding } from '../finding.js'
import { actionsOf, describeValue, fieldsOf, isPlainObject, settingsOf } from '../definition-parts.js'
import { place } from '../place.js'

/** Whether a literal (not a directive) is a value of a field type. */
function isOfType(value: unknown, type: unknown): boolean {
  switch (type) {
    case 'string':
    case 'text':
    case 'password':
      return typeof value === 'string'
    // A datetime is a date-like string or a number (epoch), as its schema allows.
    case 'datetime':
      return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
    case 'integer':
      return Number.isInteger(value)
    case 'boolean':
      return typeof value === 'boolean'
    case 'object':
      return isPlainObject(value)
    default:
      // An unknown type is core's structural finding: nothing to compare with.
      return true
  }
}

/** The values a field's `choices` allow (strings, numbers, or `{ label, value }`). */
function choiceValues(choices: unknown): unknown[] | undefined {
  if (!Array.isArray(choices)) return undefined
  return choices.map((choice: unknown) => (isPlainObject(choice) ? choice.value : choice))
}

/** A value by its kind alone, for a password's default: `a number (not shown: the field is a password)`. */
function describeKind(value: unknown): string {
  const kind =
    value === null
      ? 'null'
      : Array.isArray(value)
        ? 'an array'
        : typeof value === 'object'
          ? 'an object'
          : `a ${typeof value}`
  return `${kind} (not shown: the field is a password)`
}

/** What is wrong with one field's default, in words, with the code it belongs to; undefined when nothing. */
function defaultProblem(
  field: Record<string, unknown>
): { code: 'default-type-mismatch' | 'default-not-a-choice'; problem: string } | undefined {
  const value = field.default
  if (value === undefined || isDirective(value)) return undefined
  // A password's value is a secret even when it sits in a definition by mistake: never quote it.
  const secret = field.type === 'password'
  const show = (shown: unknown): string => (secret ? describeKind(shown) : describeValue(shown))
  // A default that is no JSON value at all (a function, NaN) is core's structural finding.
  if (!['string', 'number', 'boolean', 'object'].includes(typeof value)) return undefined
  if (typeof value === 'number' && !Number.isFinite(value)) return undefined
  const type = field.type
  const multiple = field.multiple === true
  const typeName = multiple ? `a list of ${String(type)}` : String(type)
  if (value === null) {
    if (field.allowNull === true) return undefined
    return {
      code: 'default-type-mismatch',
      problem: `is null, but the field's type is ${typeName} and it does not set allowNull`
    }
  }
  // A list's items are checked one by one; a directive among them is resolved per event.
  const items = multiple ? value : [value]
  if (!Array.isArray(items)) {
    return {
      code: 'default-type-mismatch',
      problem: `is ${show(value)}, but the field is ${typeName}`
    }
  }
  const literals = items.filter((item: unknown) => !isDirective(item))
  const wrong = literals.find(
    (item: unknown) => !isOfType(item, type) && !(item === null && field.allowNull === true)
  )
  if (wrong !== undefined) {
    const what = multiple ? `has an item that is ${show(wrong)}` : `is ${show(value)}`
    return { code: 'default-type-mismatch', problem: `${what}, but the field's type is ${typeName}` }
  }
  const allowed = choiceValues(field.choices)
  if (allowed === undefined) return undefined
  const outside = literals.find((item: unknown) => item !== null && !allowed.includes(item))
  if (outside === undefined) return undefined
  const list = allowed.map((choice) => JSON.stringify(choice)).join(', ')
  return {
    code: 'default-not-a-choice',
    problem: `${multiple ? 'has an item that is' : 'is'} ${secret ? show(outside) : JSON.stringify(outside)}, which is not one of the field's choices: ${list}`
  }
}

/**
 * A literal default must be a value of its field's type (and one of its
 * `choices`, when it has some): it is what every mapping made from the
 * defaults sends, so a wrong one fails (or is coerced) on every event. A
 * mapping directive (`{ "@path": "$.event" }`) is resolved per event and is
 * fine, in a list too. Checks the fields of every action and every setting.
 *
 * @example
 * checkDefaults({ actions: { track: { fields: { revenue: { type: 'number', default: '12' } } } } })[0].message
 * // "The default of field 'revenue' of action 'track' is the string \"12\", but the field's type is number."
 */
export function checkDefaults(definition: Record<string, unknown>): Finding[] {
  const findings: Finding[] = []
  for (const group of settingsOf(definition)) {
    for (const [key, field] of group.fields) {
      const found = defaultProblem(field)
      if (found === undefined) continue
      findings.push(
        finding(
          found.code,
          place(group.place, key, 'default'),
          `The default of ${group.noun} '${key}' ${found.problem}.`
        )
      )
    }
  }
  for (const [actionId, action] of actionsOf(definition)) {
    for (const [key, field] of fieldsOf(action.fields)) {
      const found = defaultProblem(field)
      if (found === undefined) continue
      findings.push(
        finding(
          found.code,
          place('actions', actionId, 'fields', key, 'default'),
          `The default of field '${key}' of action '${actionId}' ${found.problem}.`
        )
      )
    }
  }
  return findings
}
