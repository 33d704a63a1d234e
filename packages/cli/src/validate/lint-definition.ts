/**
 * The runner of `destkit validate`'s checks over one definition.
 */
import type { Check, Finding } from './finding.js'
import { isPlainObject } from './definition-parts.js'
import { checkStructure } from './checks/structure.js'
import { checkActions } from './checks/actions.js'
import { checkDescriptions } from './checks/descriptions.js'
import { checkTriggers } from './checks/triggers.js'
import { checkPresets } from './checks/presets.js'
import { checkDefaults } from './checks/defaults.js'
import { checkBatchKeys } from './checks/batch-keys.js'
import { checkSecretSettings } from './checks/secret-settings.js'

/** The checks, in the order their findings are printed. */
export const CHECKS: readonly Check[] = [
  checkActions,
  checkTriggers,
  checkPresets,
  checkDefaults,
  checkBatchKeys,
  checkSecretSettings,
  checkDescriptions
]

/**
 * Every finding of every check on a definition, core's structural ones
 * included. A structural problem at a place that a specific check already
 * reported (a preset naming a missing action, say) is left out, so one problem
 * is one finding, under its specific code.
 *
 * @example
 * lintDefinition(definition).filter((finding) => finding.severity === 'error') // what makes `destkit validate` exit 1
 */
export function lintDefinition(definition: unknown): Finding[] {
  const structural = checkStructure(definition)
  // Core has already said everything there is to say about a definition that is not an object.
  if (!isPlainObject(definition)) return structural
  const specific = CHECKS.flatMap((check) => check(definition))
  const places = new Set(specific.map((finding) => finding.place))
  return [...structural.filter((finding) => !places.has(finding.place)), ...specific]
}
