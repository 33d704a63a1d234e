import type { ActionDefinition } from '@destkit/core'
import type { Settings } from '../generated-types.js'
import type { Payload } from './generated-types.js'

const action: ActionDefinition<Settings, Payload> = {
  title: '__ACTION_TITLE__',
  description: 'Send the name, user and properties of each matching event to the API.',
  defaultSubscription: 'type = "track"',
  fields: {
    event: {
      label: 'Event Name',
      description: 'The name of the event.',
      type: 'string',
      required: true,
      default: { '@path': '$.event' }
    },
    userId: {
      label: 'User ID',
      description: 'The ID of the user who did it.',
      type: 'string',
      default: { '@path': '$.userId' }
    },
    timestamp: {
      label: 'Timestamp',
      description: 'When the event happened.',
      type: 'datetime',
      default: { '@path': '$.timestamp' }
    },
    properties: {
      label: 'Properties',
      description: 'The properties of the event.',
      type: 'object',
      default: { '@path': '$.properties' }
    }
  },
  // Replace the URL and the body with what the vendor's API expects. The
  // destination's `extendRequest` adds the credentials to every request.
  perform: (request, { payload }) =>
    request('https://api.example.com/v1/events', {
      method: 'post',
      json: {
        event: payload.event,
        user_id: payload.userId,
        timestamp: payload.timestamp,
        properties: payload.properties
      }
    })
}

export default action
