import { fieldsWithBatchKeys, isDirective, suggestionSuffix, type ActionDefinition } from '@destkit/core'
import { finding, type Finding } from '../finding.js'
import { actionsOf, isPlainObject, presetLabel, presetsOf } from '../definition-parts.js'
import { place } from '../place.js'

/** The most fields `batch_keys` may name. */
export const MAX_BATCH_KEYS = 3

/** The default of an action's own `batch_keys` field, if it declares one. */
function defaultBatchKeys(action: Record<string, unknown>): unknown {
  return isPlainObject(action.fields) && isPlainObject(action.fields.batch_keys)
    ? action.fields.batch_keys.default
    : undefined
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

/** The findings for one literal list of batch keys. */
function batchKeyFindings(
  keys: unknown,
  fields: Record<string, unknown>,
  at: string,
  subject: string,
  actionId: string
): Finding[] {
  if (!Array.isArray(keys)) return []
  const names = keys.filter((key): key is string => typeof key === 'string')
  const findings: Finding[] = []
  for (const name of names) {
    if (Object.hasOwn(fields, name)) continue
    findings.push(
      finding(
        'unknown-batch-key',
        at,
        `${subject} name '${name}', which is not a field of action '${actionId}'${suggestionSuffix(name, Object.keys(fields))}.`
      )
    )
  }
  if (names.length > MAX_BATCH_KEYS) {
    findings.push(
      finding(
        'too-many-batch-keys',
        at,
        `${subject} name ${names.length} fields (${names.join(', ')}); at most ${MAX_BATCH_KEYS} are allowed.`
      )
    )
  }
  return findings
}

/**
 * `batch_keys` (the fields whose values must be equal for events to share a
 * batch request) names real fields of the action, at most 3 of them: in the
 * default of an action's `batch_keys` field, and in a preset's mapping that
 * sets `batch_keys` to a literal list. (A default that is not a list of strings
 * is `checkDefaults`'s finding.)
 *
 * @example
 * checkBatchKeys({ actions: { send: { fields: { url: {…}, batch_keys: { type: 'string', multiple: true, default: ['uri'] } } } } })[0].message
 * // "The batch keys of action 'send' name 'uri', which is not a field of action 'send' (did you mean 'url'?)."
 */
export function checkBatchKeys(definition: Record<string, unknown>): Finding[] {
  const findings: Finding[] = []
  const actions = new Map(actionsOf(definition))
  const fieldsOfAction = (action: Record<string, unknown>) =>
    isPlainObject(action.fields) ? fieldsWithBatchKeys(action as unknown as ActionDefinition<unknown>) : {}
  for (const [actionId, action] of actions) {
    const fields = fieldsOfAction(action)
    const keys = defaultBatchKeys(action)
    if (keys === undefined || isDirective(keys)) continue
    findings.push(
      ...batchKeyFindings(
        keys,
        fields,
        place('actions', actionId, 'fields', 'batch_keys', 'default'),
        `The batch keys of action '${actionId}'`,
        actionId
      )
    )
  }
  for (const [index, preset] of presetsOf(definition)) {
    const actionId = preset.partnerAction
    const action = typeof actionId === 'string' ? actions.get(actionId) : undefined
    if (action === undefined || !isPlainObject(preset.mapping)) continue
    // A preset made from the action's defaults repeats its batch keys: that problem is reported once, on the field.
    if (sameJson(preset.mapping.batch_keys, defaultBatchKeys(action))) continue
    findings.push(
      ...batchKeyFindings(
        preset.mapping.batch_keys,
        fieldsOfAction(action),
        place('presets', index, 'mapping', 'batch_keys'),
        `The batch keys of ${presetLabel(index, preset)}`,
        actionId as string
      )
    )
  }
  return findings
}
