/**
 * What `destkit validate` reports: findings, each with a code, a severity, the
 * place in the definition it is about, and one sentence saying what is wrong.
 */

/** An error fails `destkit validate` (exit 1); a warning is printed and does not. */
export type Severity = 'error' | 'warning'

/** One problem found in a destination definition. */
export interface Finding {
  /** A stable kebab-case name for the rule, such as `default-type-mismatch` (see `FINDING_CODES`). */
  code: FindingCode
  severity: Severity
  /** Where in the definition, as a dotted path: `actions.track.fields.revenue.default`, `presets[0].subscribe`. */
  place: string
  /** One sentence saying what is wrong (and, where it helps, what to do). */
  message: string
}

/**
 * Every rule of `destkit validate`, its severity and what it checks. Errors are
 * problems that break or endanger delivery (a definition that cannot run, a
 * trigger that cannot parse, a payload that will not validate, a secret that
 * could be printed); warnings are about documentation and triggers that parse
 * but may not mean what they say.
 */
export const FINDING_CODES = {
  'invalid-definition': { severity: 'error', summary: "core's structural check of the definition failed" },
  'import-failed': { severity: 'error', summary: 'the package could not be imported' },
  'no-actions': { severity: 'error', summary: 'the destination has no action' },
  'missing-description': {
    severity: 'warning',
    summary: 'the destination, an action, a field or a setting has no description'
  },
  'invalid-trigger': {
    severity: 'error',
    summary: "an action's defaultSubscription or a preset's subscribe does not parse"
  },
  'trigger-warning': { severity: 'warning', summary: 'a trigger parses but may not mean what it says' },
  'unknown-preset-action': { severity: 'error', summary: 'a preset names an action that does not exist' },
  'invalid-preset-mapping': { severity: 'error', summary: "a preset's mapping does not validate" },
  'unknown-mapping-field': {
    severity: 'error',
    summary: "a preset's mapping sets a key that is not a field"
  },
  'too-many-presets': { severity: 'error', summary: 'more than 50 presets' },
  'default-type-mismatch': { severity: 'error', summary: "a literal default is not of the field's type" },
  'default-not-a-choice': {
    severity: 'error',
    summary: "a literal default is not one of the field's choices"
  },
  'unknown-batch-key': { severity: 'error', summary: 'batch_keys names a field the action does not have' },
  'too-many-batch-keys': { severity: 'error', summary: 'batch_keys names more than 3 fields' },
  'secret-setting-not-password': {
    severity: 'error',
    summary: "a setting named like a secret (key, token, secret, password) is not type 'password'"
  }
} as const satisfies Record<string, { severity: Severity; summary: string }>

export type FindingCode = keyof typeof FINDING_CODES

/**
 * A finding with the severity of its code.
 *
 * @example
 * finding('no-actions', 'actions', 'The destination has no actions: add at least one to "actions".')
 * // { code: 'no-actions', severity: 'error', place: 'actions', message: '…' }
 */
export function finding(code: FindingCode, place: string, message: string): Finding {
  return { code, severity: FINDING_CODES[code].severity, place, message }
}

/** A check: reads a definition (of unknown shape: it may be broken) and returns its findings. */
export type Check = (definition: Record<string, unknown>) => Finding[]
