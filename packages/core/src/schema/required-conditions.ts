/**
 * Conditional `required` (`{ match, conditions }`) as JSON Schema `if`/`then`.
 * A condition names a sibling field of the same object (at the root: another
 * field of the action), with a dotted key reaching into a sibling object field
 * (`address.country`), and compares it with `is` / `is_not`.
 */
import type { Condition, DependsOnConditions } from '../definition/types.js'
import type { JsonSchema } from './types.js'

// Matches nothing: a condition this schema cannot see (the sync mode) never makes a field required.
const never: JsonSchema = { not: {} }

/**
 * A schema that matches when the value at `path` is present and matches `valueSchema`.
 * The objects along a dotted path must be objects: `required` says nothing about an
 * array, so without it a list would match any condition on one of its keys.
 */
function presentAt(path: string[], valueSchema: JsonSchema): JsonSchema {
  let schema = valueSchema
  for (let index = path.length - 1; index >= 0; index--) {
    const key = path[index]
    // A computed key: `__proto__` is then an own property, not the prototype.
    schema = { required: [key], properties: { [key]: schema } }
    if (index > 0) schema.type = 'object'
  }
  return schema
}

function conditionToSchema(condition: Condition): JsonSchema {
  if (condition.type === 'syncMode') return never
  const path = condition.fieldKey.split('.')
  const notNull: JsonSchema = { not: { type: 'null' } }
  if (condition.value === undefined) {
    // `is` undefined: the field is absent or null; `is_not` undefined: it has a value.
    return condition.operator === 'is' ? { not: presentAt(path, notNull) } : presentAt(path, notNull)
  }
  const equals: JsonSchema = Array.isArray(condition.value)
    ? { enum: condition.value }
    : { const: condition.value }
  // Like the peer runtime, `is_not` holds only when the field is present with another value.
  return presentAt(path, condition.operator === 'is' ? equals : { not: equals })
}

function describeCondition(condition: Condition): string {
  const verb = condition.operator === 'is' ? 'is' : 'is not'
  if (condition.type === 'syncMode') return `the sync mode ${verb} ${JSON.stringify(condition.value)}`
  const subject = `'${condition.fieldKey}'`
  if (condition.value === undefined) return `${subject} ${verb} empty`
  if (Array.isArray(condition.value)) {
    const oneOf = condition.value.map((value) => JSON.stringify(value)).join(', ')
    return `${subject} ${condition.operator === 'is' ? 'is one of' : 'is none of'} ${oneOf}`
  }
  return `${subject} ${verb} ${JSON.stringify(condition.value)}`
}

/**
 * Says when a conditional requirement applies, for error sentences.
 *
 * @example
 * describeConditions({ conditions: [{ fieldKey: 'channel', operator: 'is', value: 'email' }] })
 * // `when 'channel' is "email"`
 */
export function describeConditions(conditions: DependsOnConditions): string {
  const joiner = conditions.match === 'any' ? ' or ' : ' and '
  return `when ${conditions.conditions.map(describeCondition).join(joiner)}`
}

/**
 * Turns a field's conditional requirement into an `if`/`then` pair for the schema of
 * the object that holds the field: conditions name the field's siblings (a dotted key
 * reaches into a sibling object field). The `then` carries the reason in `$comment`,
 * which the error sentences quote, and the annotations of the holding object
 * (`scope`: its title, and whether it is an item of a `multiple` field), so a
 * sentence names it.
 *
 * @example
 * requirementToIfThen('email', { conditions: [{ fieldKey: 'channel', operator: 'is', value: 'email' }] })
 * // { if: { required: ['channel'], properties: { channel: { const: 'email' } } },
 * //   then: { required: ['email'], $comment: `when 'channel' is "email"` } }
 */
export function requirementToIfThen(
  key: string,
  conditions: DependsOnConditions,
  scope: JsonSchema = {}
): JsonSchema {
  const tests = conditions.conditions.map(conditionToSchema)
  let test: JsonSchema
  if (tests.length === 1) test = tests[0]
  else if (tests.length === 0) test = never
  else test = conditions.match === 'any' ? { anyOf: tests } : { allOf: tests }
  return { if: test, then: { required: [key], $comment: describeConditions(conditions), ...scope } }
}
