/**
 * What is prepared once per action when a `Destination` is constructed: its
 * fields (with the reserved batch fields), its payload validator and its
 * default mapping.
 */
import type { ActionDefinition, InputField } from '../definition/types.js'
import { fieldsWithBatchKeys } from '../definition/batch-fields.js'
import { defaultValues } from '../definition/default-values.js'
import { createPayloadValidator, type Validator } from '../schema/index.js'
import type { JSONObject } from '../util/json.js'

/** An action ready to run. */
export interface CompiledAction {
  id: string
  definition: ActionDefinition<any, any>
  fields: Record<string, InputField>
  /** Cleans and validates a payload (never mutates it). */
  validatePayload: Validator
  /** The mapping made of the fields' defaults. */
  defaultMapping: JSONObject
}

/**
 * Prepares an action once.
 *
 * @example
 * const action = compileAction('postMessage', definition.actions.postMessage)
 * action.validatePayload({ text: 'hi' }).valid // true
 */
export function compileAction(id: string, definition: ActionDefinition<any, any>): CompiledAction {
  const fields = fieldsWithBatchKeys(definition)
  return {
    id,
    definition,
    fields,
    validatePayload: createPayloadValidator(fields),
    defaultMapping: defaultValues(fields)
  }
}
