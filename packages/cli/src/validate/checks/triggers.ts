import { findTriggerWarnings, parseTrigger } from '@destkit/core'
import { finding, type Finding } from '../finding.js'
import { actionsOf, capitalize, presetLabel, presetsOf } from '../definition-parts.js'
import { place } from '../place.js'

/** A sentence ends with one full stop, whatever the message it quotes ends with. */
const sentence = (text: string): string => (/[.!?]$/.test(text) ? text : `${text}.`)

/** The findings for one trigger text: why it does not parse, or what may surprise in it. */
function triggerFindings(text: string, at: string, subject: string): Finding[] {
  const parsed = parseTrigger(text)
  if (parsed.error) {
    // The parser's message names the position (`… at position 17`).
    return [finding('invalid-trigger', at, sentence(`${subject} does not parse: ${parsed.error.message}`))]
  }
  return findTriggerWarnings(text).map((warning) =>
    finding('trigger-warning', at, sentence(`${subject} may not mean what it says: ${warning.message}`))
  )
}

/**
 * Every trigger parses with core's trigger parser: each action's
 * `defaultSubscription` and each automatic preset's `subscribe` (which an
 * automatic preset must have). A trigger that parses but that core's
 * `findTriggerWarnings` flags (`and` mixed with `or` without parentheses, a
 * value that never matches…) is a warning.
 *
 * @example
 * checkTriggers({ actions: { track: { defaultSubscription: 'type = ' } } })[0].message
 * // "The default trigger of action 'track' does not parse: Expected a value after '=' at position 5 but found the end of the trigger."
 */
export function checkTriggers(definition: Record<string, unknown>): Finding[] {
  const findings: Finding[] = []
  for (const [actionId, action] of actionsOf(definition)) {
    // A trigger that is not a string is core's structural finding.
    if (typeof action.defaultSubscription !== 'string') continue
    findings.push(
      ...triggerFindings(
        action.defaultSubscription,
        place('actions', actionId, 'defaultSubscription'),
        `The default trigger of action '${actionId}'`
      )
    )
  }
  for (const [index, preset] of presetsOf(definition)) {
    if (preset.type === 'specificEvent') continue
    const at = place('presets', index, 'subscribe')
    const label = presetLabel(index, preset)
    if (typeof preset.subscribe !== 'string') {
      findings.push(
        finding(
          'invalid-trigger',
          at,
          `${capitalize(label)} has no trigger: set "subscribe" to one, such as type = "track" and event = "Order Completed".`
        )
      )
      continue
    }
    findings.push(...triggerFindings(preset.subscribe, at, `The trigger of ${label}`))
  }
  return findings
}
