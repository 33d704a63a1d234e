import { MultiStatusResponse, type ActionDefinition } from '@destkit/core'
import type { Settings } from '../generated-types.js'
import type { Payload } from './generated-types.js'
import { customerPath, personIdentifiers, requirePerson, toUnixSeconds, trackHost } from '../common.js'
import { sendV2Batch, type PendingEntry } from '../v2-batch.js'

/** The attributes of a person update: the mapped attributes plus the reserved ones the fields name. */
function personAttributes(payload: Payload): Record<string, unknown> {
  const attributes: Record<string, unknown> = { ...payload.attributes }
  if (payload.email) attributes.email = payload.email
  if (payload.anonymous_id) attributes.anonymous_id = payload.anonymous_id
  const createdAt = toUnixSeconds(payload.created_at)
  if (createdAt !== undefined) attributes.created_at = createdAt
  return attributes
}

const action: ActionDefinition<Settings, Payload> = {
  title: 'Create or Update Person',
  description:
    'Add a person to Customer.io or update their attributes (`PUT /api/v1/customers/{identifier}`, or the Track v2 batch endpoint for batches).',
  defaultSubscription: 'type = "identify"',
  fields: {
    id: {
      label: 'Person ID',
      description:
        'The identifier of the person (`id`). Either this or the email is required; with both, the person is found by ID and the email is set as an attribute.',
      type: 'string',
      default: { '@path': '$.userId' }
    },
    email: {
      label: 'Email',
      description:
        "The person's email address. Identifies the person when there is no ID (workspaces that identify people by email).",
      type: 'string',
      format: 'email',
      default: { '@path': '$.traits.email' }
    },
    anonymous_id: {
      label: 'Anonymous ID',
      description:
        'The anonymous ID of the visitor, set as the `anonymous_id` attribute so Customer.io can merge their anonymous events into this person.',
      type: 'string',
      default: { '@path': '$.anonymousId' }
    },
    created_at: {
      label: 'Created At',
      description: 'When the person was created, sent as a Unix timestamp (`created_at`).',
      type: 'datetime',
      default: {
        '@if': {
          exists: { '@path': '$.traits.created_at' },
          then: { '@path': '$.traits.created_at' },
          else: { '@path': '$.traits.createdAt' }
        }
      }
    },
    attributes: {
      label: 'Attributes',
      description: 'Attributes to set on the person.',
      type: 'object',
      default: { '@path': '$.traits' }
    },
    timestamp: {
      label: 'Timestamp',
      description:
        'When the update happened, sent as a Unix timestamp so Customer.io applies updates in order.',
      type: 'datetime',
      default: { '@path': '$.timestamp' }
    },
    enable_batching: {
      label: 'Batch Data',
      description: 'When enabled, people are sent in batches through the Track v2 batch endpoint.',
      type: 'boolean',
      default: true
    },
    batch_size: {
      label: 'Batch Size',
      description:
        "The largest number of people in one batch request. Requests are also split to stay under Customer.io's 500 KB limit.",
      type: 'integer',
      minimum: 1,
      maximum: 1000,
      default: 100
    }
  },

  perform: (request, { settings, payload }) => {
    const identifiers = requirePerson(payload)
    const body = personAttributes(payload)
    const timestamp = toUnixSeconds(payload.timestamp)
    if (timestamp !== undefined) body._timestamp = timestamp
    return request(`${trackHost(settings.region)}/api/v1/customers/${customerPath(identifiers)}`, {
      method: 'put',
      json: body
    })
  },

  performBatch: async (request, { settings, payload }) => {
    const results = new MultiStatusResponse()
    const pending: PendingEntry[] = []
    payload.forEach((item, index) => {
      const identifiers = personIdentifiers(item)
      if (!identifiers) {
        results.setErrorResponseAtIndex(index, {
          status: 400,
          errortype: 'PAYLOAD_VALIDATION_FAILED',
          errormessage: 'Either the person ID or the email is required.'
        })
        return
      }
      const timestamp = toUnixSeconds(item.timestamp)
      pending.push({
        index,
        entry: {
          type: 'person',
          identifiers,
          action: 'identify',
          ...(timestamp !== undefined && { timestamp }),
          attributes: personAttributes(item)
        }
      })
    })
    // Rejected entries keep their own results, so a failed request must not be thrown over them.
    await sendV2Batch(request, settings, pending, results, pending.length === payload.length)
    return results
  }
}

export default action
