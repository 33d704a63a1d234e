import type { ActionDefinition } from '@destkit/core'
import type { Settings } from '../generated-types.js'
import type { Payload } from './generated-types.js'
import { ingestionHost, sendProfileUpdates } from '../common.js'

const action: ActionDefinition<Settings, Payload> = {
  title: 'Group Identify User',
  description: "Set properties on a group's profile with the Ingestion API `/groups` endpoint (`$set`).",
  defaultSubscription: 'type = "group"',
  fields: {
    group_key: {
      label: 'Group Key',
      description:
        'The group key: the event property that identifies groups of this kind, as defined in your Mixpanel project settings (for example `company_id`).',
      type: 'string',
      required: true,
      default: 'company_id'
    },
    group_id: {
      label: 'Group ID',
      description: 'The identifier of the group (`$group_id`).',
      type: 'string',
      required: true,
      default: { '@path': '$.groupId' }
    },
    name: {
      label: 'Group Name',
      description: "The group's display name (`$name`).",
      type: 'string',
      default: { '@path': '$.traits.name' }
    },
    group_properties: {
      label: 'Group Properties',
      description: 'Properties to set on the group profile, overwriting existing values.',
      type: 'object',
      default: { '@path': '$.traits' }
    }
  },
  perform: (request, { settings, payload }) => {
    const properties: Record<string, unknown> = { ...payload.group_properties }
    if (payload.name) properties.$name = payload.name
    const update = {
      $token: settings.projectToken,
      $group_key: payload.group_key,
      $group_id: payload.group_id,
      $set: properties
    }
    return sendProfileUpdates(request, `${ingestionHost(settings.region)}/groups`, [update], { verbose: '1' })
  }
}

export default action
