import { removeUndefined, type ActionDefinition } from '@destkit/core'
import type { Settings } from '../generated-types.js'
import type { Payload } from './generated-types.js'
import { deviceId, userId } from '../fields.js'
import { postIdentification } from '../identify-request.js'

const action: ActionDefinition<Settings, Payload> = {
  title: 'Group Identify User',
  description:
    "Set a group's properties through the Group Identify API and, when the event names a user or device, put that user in the group through the Identify API. Needs the Amplitude Accounts add-on.",
  defaultSubscription: 'type = "group"',
  fields: {
    group_type: {
      label: 'Group Type',
      description: 'The kind of group in Amplitude, for example "company" or "org id".',
      type: 'string',
      required: true,
      default: 'company'
    },
    group_value: {
      label: 'Group Value',
      description: 'The group, as a value of the group type.',
      type: 'string',
      required: true,
      default: { '@path': '$.groupId' }
    },
    group_properties: {
      label: 'Group Properties',
      description:
        'Properties to set on the group. Either plain properties or only Amplitude operations ($set, $setOnce, $add, $append, $unset…).',
      type: 'object',
      default: { '@path': '$.traits' }
    },
    user_id: {
      ...userId,
      description:
        'The user to put in the group. Without a User ID or Device ID, only the group properties are set.'
    },
    device_id: {
      ...deviceId,
      description: "The user's device, to put in the group when there is no User ID."
    }
  },
  perform: async (request, { settings, payload }) => {
    if (payload.user_id || payload.device_id) {
      // The user joins the group first, so the group exists when its properties are set.
      const membership = removeUndefined({
        user_id: payload.user_id ?? undefined,
        device_id: payload.device_id,
        groups: { [payload.group_type]: payload.group_value }
      })
      await postIdentification(request, settings, '/identify', membership as Record<string, unknown>)
    }
    return postIdentification(request, settings, '/groupidentify', {
      group_type: payload.group_type,
      group_value: payload.group_value,
      group_properties: payload.group_properties ?? {}
    })
  }
}

export default action
