/**
 * A trigger in words, for UIs: "Event type is Track and Event name is Order Completed".
 */
import type { FieldPath, TriggerNode, TriggerValue } from './ast.js'
import { TRIGGER_ROOT_FIELDS } from './fields.js'

/**
 * Describes a trigger tree in words.
 *
 * @example
 * describeTrigger(parseTrigger('type = "track" and event = "Order Completed"').ast!)
 * // 'Event type is Track and Event name is Order Completed'
 */
export function describeTrigger(node: TriggerNode): string {
  switch (node.kind) {
    case 'and':
    case 'or':
      return node.children.map(describeOperand).join(` ${node.kind} `)
    case 'not':
      return `not (${describeTrigger(node.child)})`
    case 'in': {
      const values = node.values.map((value) => describeValue(node.field, value))
      const list =
        values.length === 1 ? values[0] : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`
      return `${describeField(node.field)} is ${values.length === 1 ? '' : 'one of '}${list}`
    }
    case 'text': {
      const verb = TEXT_VERBS[node.test][node.negated ? 1 : 0]
      return `${describeField(node.field)} ${verb} ${describeValue(node.field, node.value)}`
    }
    case 'compare':
      return `${describeField(node.field)} ${describeComparison(node.operator, node.field, node.value)}`
  }
}

const TEXT_VERBS = {
  contains: ['contains', 'does not contain'],
  startsWith: ['starts with', 'does not start with'],
  endsWith: ['ends with', 'does not end with']
} as const

function describeOperand(node: TriggerNode): string {
  return node.kind === 'and' || node.kind === 'or' ? `(${describeTrigger(node)})` : describeTrigger(node)
}

function describeComparison(operator: string, field: FieldPath, value: TriggerValue): string {
  if (value === null) return operator === '=' ? 'does not exist' : 'exists'
  if (typeof value === 'boolean') return `is ${operator === '=' ? '' : 'not '}${value}`
  const shown = describeValue(field, value)
  switch (operator) {
    case '=':
      return `is ${shown}`
    case '!=':
      return `is not ${shown}`
    case '<':
      return `is less than ${shown}`
    case '<=':
      return `is at most ${shown}`
    case '>':
      return `is greater than ${shown}`
    default:
      return `is at least ${shown}`
  }
}

function describeField(field: FieldPath): string {
  const label = TRIGGER_ROOT_FIELDS[field.root]?.label ?? field.root
  return field.path.length === 0 ? label : `${label} ${field.path.join('.')}`
}

function describeValue(field: FieldPath, value: string | number): string {
  if (value === '') return '(empty)'
  // Event types read better capitalised: "Event type is Track".
  if (field.root === 'type' && typeof value === 'string')
    return value.charAt(0).toUpperCase() + value.slice(1)
  return String(value)
}
