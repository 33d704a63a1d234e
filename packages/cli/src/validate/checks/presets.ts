import { fieldsWithBatchKeys, suggestionSuffix, validateMapping, type ActionDefinition } from '@destkit/core'
import { finding, type Finding } from '../finding.js'
import {
  actionsOf,
  capitalize,
  describeValue,
  isPlainObject,
  presetLabel,
  presetsOf,
  ROOT_DIRECTIVE_KEY
} from '../definition-parts.js'
import { place, pointerKeys } from '../place.js'

/** The most presets a destination may offer. */
export const MAX_PRESETS = 50

/**
 * The place of a mapping problem: the pointer's keys after `presets[i].mapping`,
 * with array indexes written `[0]` (the pointer alone cannot tell `/items/0` of
 * an array from a key "0", the mapping can).
 */
function mappingPlace(index: number, mapping: unknown, pointer: string): string {
  const keys: Array<string | number> = []
  let node: unknown = mapping
  for (const key of pointerKeys(pointer)) {
    if (Array.isArray(node) && /^\d+$/.test(key)) {
      keys.push(Number(key))
      node = node[Number(key)]
    } else {
      keys.push(key)
      node = isPlainObject(node) && Object.hasOwn(node, key) ? node[key] : undefined
    }
  }
  return place('presets', index, 'mapping', ...keys)
}

/**
 * Presets are what a person gets when they set a destination up, so each must
 * work as written: it names a real action, its mapping validates
 * (`validateMapping`), and every key of its mapping is a field of that action
 * (the runtime would drop any other key). At most 50 presets. Their triggers
 * are `checkTriggers`'s.
 *
 * @example
 * checkPresets({ actions: { track: {…} }, presets: [{ name: 'Orders', subscribe: '…', partnerAction: 'trak' }] })[0].message
 * // "Preset \"Orders\" names the action 'trak', which this destination does not have (did you mean 'track'?)."
 */
export function checkPresets(definition: Record<string, unknown>): Finding[] {
  const findings: Finding[] = []
  const actions = new Map(actionsOf(definition))
  const presets = presetsOf(definition)
  if (Array.isArray(definition.presets) && definition.presets.length > MAX_PRESETS) {
    findings.push(
      finding(
        'too-many-presets',
        'presets',
        `The destination has ${definition.presets.length} presets, more than the ${MAX_PRESETS} allowed: keep the ones for the events people map first.`
      )
    )
  }
  for (const [index, preset] of presets) {
    const label = presetLabel(index, preset)
    const actionId = preset.partnerAction
    const action = typeof actionId === 'string' && actions.has(actionId) ? actions.get(actionId) : undefined
    if (action === undefined && isPlainObject(definition.actions)) {
      findings.push(
        finding(
          'unknown-preset-action',
          place('presets', index, 'partnerAction'),
          typeof actionId === 'string'
            ? `${capitalize(label)} names the action '${actionId}', which this destination does not have${suggestionSuffix(actionId, actions.keys())}.`
            : `${capitalize(label)} names no action: set its "partnerAction" to one of this destination's actions.`
        )
      )
    }
    const mapping = preset.mapping
    if (mapping === undefined) continue
    if (!isPlainObject(mapping)) {
      findings.push(
        finding(
          'invalid-preset-mapping',
          place('presets', index, 'mapping'),
          `The mapping of ${label} must be an object of fields but it is ${describeValue(mapping)}.`
        )
      )
      continue
    }
    const problems = validateMapping(mapping)
    for (const problem of problems) {
      findings.push(
        finding(
          'invalid-preset-mapping',
          mappingPlace(index, mapping, problem.pointer),
          `The mapping of ${label} is invalid: ${problem.message}`
        )
      )
    }
    if (action === undefined) continue
    const fields = isPlainObject(action.fields)
      ? fieldsWithBatchKeys(action as unknown as ActionDefinition<unknown>)
      : {}
    for (const key of Object.keys(mapping)) {
      if (key === ROOT_DIRECTIVE_KEY || Object.hasOwn(fields, key)) continue
      findings.push(
        finding(
          'unknown-mapping-field',
          place('presets', index, 'mapping', key),
          `The mapping of ${label} sets '${key}', which is not a field of action '${actionId as string}'${suggestionSuffix(key, Object.keys(fields))}.`
        )
      )
    }
  }
  return findings
}
