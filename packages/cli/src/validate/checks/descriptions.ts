import { finding, type Finding } from '../finding.js'
import { actionsOf, fieldsOf, settingsOf } from '../definition-parts.js'
import { place } from '../place.js'

const isBlank = (value: unknown): boolean => typeof value !== 'string' || value.trim() === ''

/**
 * Descriptions are what people read in the generated README and in a host's
 * UI: the destination, each action, each of its fields, and each setting need
 * one. (Sub-fields of object fields are left to the author.)
 *
 * @example
 * checkDescriptions({ name: 'X', actions: {} })[0].place // 'description'
 */
export function checkDescriptions(definition: Record<string, unknown>): Finding[] {
  const findings: Finding[] = []
  if (isBlank(definition.description)) {
    findings.push(
      finding(
        'missing-description',
        'description',
        'The destination has no description: add a paragraph saying what it sends and where.'
      )
    )
  }
  for (const group of settingsOf(definition)) {
    for (const [key, field] of group.fields) {
      if (!isBlank(field.description)) continue
      findings.push(
        finding(
          'missing-description',
          place(group.place, key, 'description'),
          `The ${group.noun} '${key}' has no description: say what it is and where to find it.`
        )
      )
    }
  }
  for (const [actionId, action] of actionsOf(definition)) {
    if (isBlank(action.description)) {
      findings.push(
        finding(
          'missing-description',
          place('actions', actionId, 'description'),
          `The action '${actionId}' has no description: say what it sends.`
        )
      )
    }
    for (const [key, field] of fieldsOf(action.fields)) {
      if (!isBlank(field.description)) continue
      findings.push(
        finding(
          'missing-description',
          place('actions', actionId, 'fields', key, 'description'),
          `The field '${key}' of action '${actionId}' has no description: say what it holds.`
        )
      )
    }
  }
  return findings
}
