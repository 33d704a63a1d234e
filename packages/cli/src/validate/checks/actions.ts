import { finding, type Finding } from '../finding.js'
import { isPlainObject } from '../definition-parts.js'

/**
 * A destination must have at least one action: without one it can deliver
 * nothing. (`actions` that is not an object at all is core's structural finding.)
 *
 * @example
 * checkActions({ name: 'X', actions: {} })[0].code // 'no-actions'
 */
export function checkActions(definition: Record<string, unknown>): Finding[] {
  if (!isPlainObject(definition.actions) || Object.keys(definition.actions).length > 0) return []
  return [
    finding(
      'no-actions',
      'actions',
      'The destination has no actions: add at least one to "actions" (`destkit generate:action <name>` does it).'
    )
  ]
}
