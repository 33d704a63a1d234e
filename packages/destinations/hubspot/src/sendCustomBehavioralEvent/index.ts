import type { ActionDefinition } from '@destkit/core'
import { MultiStatusResponse, PayloadValidationError } from '@destkit/core'
import { EVENT_BATCH_LIMIT, HUBSPOT_API } from '../hubspot-api.js'
import type { Settings } from '../generated-types.js'
import type { Payload } from './generated-types.js'
import { asSent, occurrenceOf, type Occurrence } from './occurrence.js'

const action: ActionDefinition<Settings, Payload> = {
  title: 'Send Custom Behavioral Event',
  description:
    'Record an occurrence of a custom event defined in HubSpot, linked to a contact by email, user token or record ID.',
  defaultSubscription: 'type = "track"',
  fields: {
    eventName: {
      label: 'Event Name',
      description:
        "The event's fully qualified name, `pe{HubID}_{name}` (e.g. `pe123456_order_completed`), as shown in HubSpot or returned by the event definitions API. The event must be defined in HubSpot first.",
      type: 'string',
      required: true,
      placeholder: 'pe123456_order_completed'
    },
    email: {
      label: 'Email',
      description: "The contact's email address, to link the occurrence to that contact.",
      type: 'string',
      format: 'email',
      category: 'identifier',
      default: {
        '@if': {
          exists: { '@path': '$.properties.email' },
          then: { '@path': '$.properties.email' },
          else: { '@path': '$.context.traits.email' }
        }
      }
    },
    utk: {
      label: 'User Token',
      description:
        "The visitor's HubSpot user token (the `hubspotutk` cookie), to link the occurrence to that visitor.",
      type: 'string',
      category: 'identifier'
    },
    objectId: {
      label: 'Object ID',
      description:
        'The ID of the HubSpot record the occurrence belongs to (e.g. a contact ID). Required for events whose primary object is not the contact.',
      type: 'string',
      category: 'identifier'
    },
    occurredAt: {
      label: 'Occurred At',
      description:
        'When the event happened, as an ISO 8601 date-time or a Unix timestamp in milliseconds. HubSpot uses the time it receives the event when this is empty.',
      type: 'datetime',
      default: { '@path': '$.timestamp' }
    },
    uuid: {
      label: 'Occurrence ID',
      description:
        'A unique ID for this occurrence. HubSpot accepts the first occurrence with a given ID within a year and rejects the others; it generates a random one when this is empty.',
      type: 'string'
    },
    properties: {
      label: 'Event Properties',
      description:
        "The occurrence's properties, keyed by the internal names of the event's properties in HubSpot. Values must be strings, numbers or booleans; empty values are left out.",
      type: 'object',
      defaultObjectUI: 'keyvalue'
    },
    batch_size: {
      label: 'Batch Size',
      description:
        'The largest number of occurrences sent in one batch request. HubSpot accepts 500 at most.',
      type: 'integer',
      minimum: 1,
      maximum: EVENT_BATCH_LIMIT,
      default: EVENT_BATCH_LIMIT,
      unsafe_hidden: true
    }
  },

  perform: (request, { payload }) =>
    request(`${HUBSPOT_API}/events/v3/send`, { method: 'post', json: occurrenceOf(payload) }),

  performBatch: async (request, { payload }) => {
    const results = new MultiStatusResponse()
    const sent: Array<{ index: number; occurrence: Occurrence }> = []
    payload.forEach((item, index) => {
      try {
        sent.push({ index, occurrence: occurrenceOf(item) })
      } catch (error) {
        if (!(error instanceof PayloadValidationError)) throw error
        results.setErrorResponseAtIndex(index, {
          status: 400,
          errortype: 'PAYLOAD_VALIDATION_FAILED',
          errormessage: error.message
        })
      }
    })
    if (sent.length === 0) return results

    // HubSpot answers the whole batch with 204, or refuses it as a whole: an HTTP error
    // propagates and every event of the request shares its outcome.
    const response = await request(`${HUBSPOT_API}/events/v3/send/batch`, {
      method: 'post',
      json: { inputs: sent.map((item) => item.occurrence) }
    })
    for (const { index, occurrence } of sent) {
      results.setSuccessResponseAtIndex(index, {
        status: response.status,
        sent: asSent(occurrence),
        body: 'accepted'
      })
    }
    return results
  }
}

export default action
