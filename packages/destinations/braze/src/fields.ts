/**
 * Fields shared by the actions: who the object is about (Braze needs one of
 * external_id, user_alias, braze_id, email or phone) and the batch settings.
 */
import type { InputField } from '@destkit/core'

export const external_id: InputField = {
  label: 'External ID',
  description: 'Your identifier for the user, the same as the one your apps set with the Braze SDK.',
  type: 'string',
  default: { '@path': '$.userId' }
}

export const user_alias: InputField = {
  label: 'User Alias',
  description: 'An alternative identifier of the user: a name within a label you choose.',
  type: 'object',
  properties: {
    alias_name: {
      label: 'Alias Name',
      description: 'The alias of the user.',
      type: 'string',
      required: true
    },
    alias_label: { label: 'Alias Label', description: 'The kind of alias.', type: 'string', required: true }
  }
}

export const braze_id: InputField = {
  label: 'Braze ID',
  description: 'The identifier Braze gave the user.',
  type: 'string',
  allowNull: true
}

export const email: InputField = {
  label: 'Email',
  description: 'Identifies the user by email address when no other identifier is given.',
  type: 'string',
  format: 'email'
}

export const phone: InputField = {
  label: 'Phone',
  description: 'Identifies the user by phone number (E.164) when no other identifier is given.',
  type: 'string'
}

export const update_existing_only: InputField = {
  label: 'Update Existing Only',
  description:
    'Only update users that already exist in Braze; do not create new ones. Braze always behaves so for user aliases.',
  type: 'boolean',
  default: false
}

export const enable_batching: InputField = {
  label: 'Batch Data',
  description: 'When enabled, events are sent to Braze in batches.',
  type: 'boolean',
  default: true
}

export const batch_size: InputField = {
  label: 'Batch Size',
  description:
    'The largest number of objects in one request to /users/track: at most 75 (lower it to 50 on Braze’s Monthly Active Users CY 24-25 plans).',
  type: 'integer',
  minimum: 1,
  maximum: 75,
  default: 75
}
