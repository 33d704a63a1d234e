// Written for the public Destination Actions format: only the import below was renamed.
import type { ActionDefinition } from '@destkit/core'
import { IntegrationError } from '@destkit/core'
import type { Settings } from '../generated-types'
import type { Payload } from './generated-types'

const action: ActionDefinition<Settings, Payload> = {
  title: 'Send',
  description: 'Send an event to Pinger.',
  defaultSubscription: 'type = "track"',
  fields: {
    name: {
      label: 'Event Name',
      description: 'The name of the event.',
      type: 'string',
      required: true,
      default: { '@path': '$.event' }
    },
    userId: {
      label: 'User ID',
      description: 'The user ID.',
      type: 'string',
      default: { '@path': '$.userId' }
    },
    properties: {
      label: 'Properties',
      description: 'Event properties.',
      type: 'object',
      default: { '@path': '$.properties' }
    },
    sandbox: {
      label: 'Sandbox',
      description: 'Send to the sandbox.',
      type: 'boolean',
      default: false
    }
  },
  perform: (request, { payload }) => {
    if (payload.name === 'forbidden') {
      throw new IntegrationError('This event name is reserved.', 'RESERVED_NAME', 400)
    }
    return request('https://api.pinger.test/v2/events', {
      method: 'post',
      searchParams: payload.sandbox ? { sandbox: 'true' } : undefined,
      json: {
        event: payload.name,
        user_id: payload.userId,
        properties: payload.properties
      }
    })
  }
}

export default action
