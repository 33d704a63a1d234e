/**
 * Which action `destkit send` runs, with which trigger and mapping: the one
 * `--action` names, or else the one the destination itself would route the
 * event to — its first preset whose subscription matches, then its first
 * action whose default subscription matches.
 */
import type { Destination, JSONObject, SegmentEvent } from '@destkit/core'
import { CliError } from '../util/cli-error.js'
import type { CoreModule } from '../load/load-with-core.js'

/** What the user chose on the command line (each optional). */
export interface MappingChoice {
  actionId?: string
  trigger?: string
  mapping?: JSONObject
}

/** The mapping to configure, and how it was chosen. */
export interface ChosenMapping {
  actionId: string
  trigger: string
  mapping: JSONObject
  /** `action`: named by `--action`; `preset`: the named preset's; `subscription`: the action's default subscription. */
  chosenBy: 'action' | 'preset' | 'subscription'
  /** The preset's name, when `chosenBy` is `preset`. */
  preset?: string
}

/**
 * Chooses the mapping to run. `--trigger` and `--mapping` replace the chosen
 * trigger and mapping; without `--action` they do not take part in choosing.
 * Throws a `CliError` for an unknown action, an action with no default
 * subscription and no `--trigger`, and "No mapping matches this event" when
 * nothing routes the event.
 *
 * @example
 * chooseMapping(core, slack, event, {}) // { actionId: 'postToChannel', trigger: 'type = "track"', mapping: {…}, chosenBy: 'preset', preset: 'Post Track Event' }
 * chooseMapping(core, slack, event, { actionId: 'postToChannel', trigger: 'type = "identify"' })
 */
export function chooseMapping(
  core: CoreModule,
  destination: Destination,
  event: SegmentEvent,
  choice: MappingChoice
): ChosenMapping {
  const actions = destination.actions
  if (choice.actionId !== undefined) {
    const action = Object.hasOwn(actions, choice.actionId) ? actions[choice.actionId] : undefined
    if (!action) {
      throw new CliError(
        `'${choice.actionId}' is not an action of ${destination.name}${core.suggestionSuffix(choice.actionId, Object.keys(actions))}; its actions are ${Object.keys(actions).join(', ')}.`
      )
    }
    const trigger = choice.trigger ?? action.definition.defaultSubscription
    if (trigger === undefined || trigger.trim() === '') {
      throw new CliError(
        `The action '${choice.actionId}' of ${destination.name} has no default subscription: pass --trigger.`
      )
    }
    return {
      actionId: choice.actionId,
      trigger,
      mapping: choice.mapping ?? action.defaultMapping,
      chosenBy: 'action'
    }
  }

  for (const preset of destination.definition.presets ?? []) {
    if (preset.type === 'specificEvent' || !Object.hasOwn(actions, preset.partnerAction)) continue
    if (!matches(core, preset.subscribe, event)) continue
    return {
      actionId: preset.partnerAction,
      trigger: choice.trigger ?? preset.subscribe,
      mapping:
        choice.mapping ??
        (preset.mapping as JSONObject | undefined) ??
        actions[preset.partnerAction].defaultMapping,
      chosenBy: 'preset',
      preset: preset.name
    }
  }
  for (const [actionId, action] of Object.entries(actions)) {
    const subscription = action.definition.defaultSubscription
    if (subscription === undefined || !matches(core, subscription, event)) continue
    return {
      actionId,
      trigger: choice.trigger ?? subscription,
      mapping: choice.mapping ?? action.defaultMapping,
      chosenBy: 'subscription'
    }
  }
  throw new CliError(
    `No mapping matches this event: no preset or default subscription of ${destination.name} matches a${/^[aeiou]/.test(String(event.type)) ? 'n' : ''} ${String(event.type)} event. Choose an action with --action (and --trigger).`
  )
}

/** A trigger that does not parse matches nothing here; `destkit validate` reports it. */
function matches(core: CoreModule, trigger: string, event: SegmentEvent): boolean {
  try {
    return core.compileTrigger(trigger)(event)
  } catch {
    return false
  }
}
