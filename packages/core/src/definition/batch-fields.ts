import type { ActionDefinition, InputField } from './types.js'

/**
 * The reserved fields a host reads to batch. Declared automatically on actions
 * that have `performBatch` (without defaults, so a default mapping does not send
 * them); an action may declare its own to override them.
 */
export const reservedBatchFields: Readonly<Record<string, InputField>> = Object.freeze({
  enable_batching: {
    label: 'Batch Data',
    description: 'When enabled, events are sent in batches.',
    type: 'boolean'
  },
  batch_size: {
    label: 'Batch Size',
    description: 'The largest number of events in one batch request.',
    type: 'integer',
    minimum: 1
  },
  batch_keys: {
    label: 'Batch Keys',
    description: 'Fields whose values must be equal for events to share a batch request.',
    type: 'string',
    multiple: true,
    unsafe_hidden: true
  },
  batch_bytes: {
    label: 'Batch Bytes',
    description: 'The largest size of one batch request, in bytes.',
    type: 'integer',
    minimum: 1,
    unsafe_hidden: true
  }
})

/**
 * An action's fields with the reserved batch fields added when it has `performBatch`.
 *
 * @example
 * Object.keys(fieldsWithBatchKeys(action)) // [...action fields, 'enable_batching', 'batch_size', …]
 */
export function fieldsWithBatchKeys(action: ActionDefinition<any, any>): Record<string, InputField> {
  const fields = action.fields ?? {}
  if (typeof action.performBatch !== 'function') return fields
  return { ...reservedBatchFields, ...fields }
}
