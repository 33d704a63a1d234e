/**
 * The trigger language: which events a mapping receives.
 * See spec/triggers.md.
 */
export type * from './ast.js'
export { parseTrigger, MAX_TRIGGER_LENGTH, MAX_TRIGGER_TEXT_LENGTH, MAX_TRIGGER_DEPTH } from './parse.js'
export type { ParseTriggerResult, TriggerSyntaxError } from './parse.js'
export { compileTrigger } from './compile.js'
export { formatTrigger } from './format.js'
export { describeTrigger } from './describe.js'
export { findTriggerWarnings } from './find-trigger-warnings.js'
export type { TriggerWarning } from './find-trigger-warnings.js'
export { parseFql, validate, toFqlSubscription } from './fql-compat.js'
export type {
  FqlCondition,
  FqlFieldCondition,
  FqlGroupCondition,
  FqlOperator,
  FqlPropertyCondition,
  FqlSubscription
} from './fql-compat.js'
export { TriggerError } from './trigger-error.js'
export { TRIGGER_ROOT_FIELDS } from './fields.js'
