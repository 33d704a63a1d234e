/**
 * Conditional `required` (`{ match, conditions }`) as JSON Schema `if`/`then`.
 * A condition names another field with a dotted key (`address.country` reaches
 * into an object field) and compares it with `is` / `is_not`.
 */
import type { Condition, DependsOnConditions } from '../definition/types.js'
import type { JsonSchema } from './types.js'

/** A field that becomes required when its conditions hold, relative to the schema that checks it. */
export interface ConditionalRequirement {
  /** Keys from the checking schema down to the required field (`['address', 'city']`). */
  path: string[]
  /** The labels of the objects along `path` (all but the last key), for error sentences. */
  parentLabels: string[]
  conditions: DependsOnConditions
}

// Matches nothing: a condition this schema cannot see (the sync mode) never makes a field required.
const never: JsonSchema = { not: {} }

/** A schema that matches when the value at `path` is present and matches `valueSchema`. */
function presentAt(path: string[], valueSchema: JsonSchema): JsonSchema {
  let schema = valueSchema
  for (let index = path.length - 1; index >= 0; index--) {
    const key = path[index]
    schema = { required: [key], properties: { [key]: schema } }
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

/** The `then` part: every object along the path, and the field itself, must be present. */
function requiredAt(requirement: ConditionalRequirement, reason: string): JsonSchema {
  const { path, parentLabels } = requirement
  let schema: JsonSchema = { required: [path[path.length - 1]], $comment: reason }
  if (path.length > 1) schema.title = parentLabels[parentLabels.length - 1]
  for (let index = path.length - 2; index >= 0; index--) {
    const outer: JsonSchema = {
      required: [path[index]],
      properties: { [path[index]]: schema },
      $comment: reason
    }
    if (index > 0) outer.title = parentLabels[index - 1]
    schema = outer
  }
  return schema
}

/**
 * Turns a conditional requirement into an `if`/`then` pair. The `then` carries
 * the reason in `$comment`, which the error sentences quote.
 *
 * @example
 * requirementToIfThen({ path: ['email'], parentLabels: [],
 *   conditions: { conditions: [{ fieldKey: 'channel', operator: 'is', value: 'email' }] } })
 * // { if: { required: ['channel'], properties: { channel: { const: 'email' } } },
 * //   then: { required: ['email'], $comment: `when 'channel' is "email"` } }
 */
export function requirementToIfThen(requirement: ConditionalRequirement): JsonSchema {
  const { conditions } = requirement
  const tests = conditions.conditions.map(conditionToSchema)
  let test: JsonSchema
  if (tests.length === 1) test = tests[0]
  else if (tests.length === 0) test = never
  else test = conditions.match === 'any' ? { anyOf: tests } : { allOf: tests }
  return { if: test, then: requiredAt(requirement, describeConditions(conditions)) }
}
