import { removeUndefined, type ActionDefinition } from '@destkit/core'
import type { Settings } from '../generated-types.js'
import type { Payload } from './generated-types.js'
import { deviceFields, deviceId, groups, locationFields, userId } from '../fields.js'
import { requireUserOrDevice } from '../identity.js'
import { postIdentification } from '../identify-request.js'

const action: ActionDefinition<Settings, Payload> = {
  title: 'Identify User',
  description:
    "Set a user's properties in Amplitude through the Identify API, without sending an event, or tie a User ID to a Device ID.",
  defaultSubscription: 'type = "identify"',
  fields: {
    user_id: userId,
    device_id: deviceId,
    user_properties: {
      label: 'User Properties',
      description:
        'Properties to set on the user. Either plain properties (set as they are) or only Amplitude operations ($set, $setOnce, $add, $append, $prepend, $unset…), not both.',
      type: 'object',
      default: { '@path': '$.traits' }
    },
    groups,
    ...deviceFields,
    ...locationFields,
    start_version: {
      label: 'Start Version',
      description: 'The version of your application the user first used.',
      type: 'string'
    }
  },
  perform: (request, { settings, payload }) => {
    requireUserOrDevice(payload.user_id, payload.device_id)
    const identification = removeUndefined({ ...payload, user_id: payload.user_id ?? undefined })
    return postIdentification(request, settings, '/identify', identification as Record<string, unknown>)
  }
}

export default action
