import type { ActionDefinition } from '@destkit/core'
import type { Settings } from '../generated-types.js'
import type { Payload } from './generated-types.js'
import { ingestionHost, sendProfileUpdates } from '../common.js'
import { profileProperties } from './profile-properties.js'

const action: ActionDefinition<Settings, Payload> = {
  title: 'Identify User',
  description: "Set properties on a user's profile with the Ingestion API `/engage` endpoint (`$set`).",
  defaultSubscription: 'type = "identify"',
  fields: {
    distinct_id: {
      label: 'Distinct ID',
      description: 'The user whose profile is set (`$distinct_id`).',
      type: 'string',
      required: true,
      default: {
        '@if': {
          exists: { '@path': '$.userId' },
          then: { '@path': '$.userId' },
          else: { '@path': '$.anonymousId' }
        }
      }
    },
    ip: {
      label: 'IP Address',
      description:
        "The IP address of the user, which Mixpanel uses to geolocate the profile (`$ip`). Without it, the profile's location is left unchanged.",
      type: 'string',
      default: { '@path': '$.context.ip' }
    },
    email: {
      label: 'Email',
      description: "The user's email address (`$email`).",
      type: 'string',
      default: { '@path': '$.traits.email' }
    },
    name: {
      label: 'Name',
      description: "The user's full name (`$name`).",
      type: 'string',
      default: { '@path': '$.traits.name' }
    },
    first_name: {
      label: 'First Name',
      description: "The user's first name (`$first_name`).",
      type: 'string',
      default: {
        '@if': {
          exists: { '@path': '$.traits.first_name' },
          then: { '@path': '$.traits.first_name' },
          else: { '@path': '$.traits.firstName' }
        }
      }
    },
    last_name: {
      label: 'Last Name',
      description: "The user's last name (`$last_name`).",
      type: 'string',
      default: {
        '@if': {
          exists: { '@path': '$.traits.last_name' },
          then: { '@path': '$.traits.last_name' },
          else: { '@path': '$.traits.lastName' }
        }
      }
    },
    phone: {
      label: 'Phone',
      description: "The user's phone number (`$phone`).",
      type: 'string',
      default: { '@path': '$.traits.phone' }
    },
    avatar: {
      label: 'Avatar',
      description: "The URL of the user's picture (`$avatar`).",
      type: 'string',
      default: { '@path': '$.traits.avatar' }
    },
    created: {
      label: 'Created At',
      description: 'When the user was created (`$created`).',
      type: 'datetime',
      default: {
        '@if': {
          exists: { '@path': '$.traits.created_at' },
          then: { '@path': '$.traits.created_at' },
          else: { '@path': '$.traits.createdAt' }
        }
      }
    },
    user_properties: {
      label: 'User Properties',
      description: 'Properties to set on the profile, overwriting existing values.',
      type: 'object',
      default: { '@path': '$.traits' }
    }
  },
  perform: (request, { settings, payload }) => {
    const update: Record<string, unknown> = {
      $token: settings.projectToken,
      $distinct_id: payload.distinct_id,
      $set: profileProperties(payload)
    }
    if (payload.ip) update.$ip = payload.ip
    // Without an IP, ip=0 keeps Mixpanel from geolocating the profile to the server sending the request.
    const searchParams: Record<string, string> = payload.ip ? { verbose: '1' } : { verbose: '1', ip: '0' }
    return sendProfileUpdates(request, `${ingestionHost(settings.region)}/engage`, [update], searchParams)
  }
}

export default action
