import type { ActionDefinition } from '@destkit/core'
import type { Settings } from '../generated-types.js'
import type { Payload } from './generated-types.js'
import { trackHost } from '../common.js'

const action: ActionDefinition<Settings, Payload> = {
  title: 'Delete Person',
  description:
    'Delete a person and all their information from Customer.io (`DELETE /api/v1/customers/{identifier}`). Later data about them creates them again.',
  fields: {
    identifier: {
      label: 'Person Identifier',
      description:
        'The identifier of the person to delete: their ID, or their email in workspaces that identify people by email.',
      type: 'string',
      required: true,
      default: { '@path': '$.userId' }
    }
  },
  perform: (request, { settings, payload }) =>
    request(`${trackHost(settings.region)}/api/v1/customers/${encodeURIComponent(payload.identifier)}`, {
      method: 'delete'
    })
}

export default action
