import {
  MultiStatusResponse,
  PayloadValidationError,
  type ActionDefinition,
  type JSONLikeObject,
  type RequestClient,
  batchErrorEntry
} from '@destkit/core'
import type { Settings } from '../generated-types.js'
import type { Payload } from './generated-types.js'
import { customerPath, personIdentifiers, toUnixSeconds, trackHost } from '../common.js'
import { sendV2Batch, type PendingEntry } from '../v2-batch.js'

/** The body shared by the v1 event endpoints: `name`, `type`, `data` and a Unix `timestamp`. */
function eventBody(payload: Payload): Record<string, unknown> {
  const timestamp = toUnixSeconds(payload.timestamp)
  return {
    name: payload.name,
    type: payload.event_type ?? 'event',
    ...(payload.data && { data: payload.data }),
    ...(timestamp !== undefined && { timestamp })
  }
}

/** Sends an event to the v1 API: to the person when identified, as an anonymous event otherwise. */
function sendEvent(request: RequestClient, settings: Settings, payload: Payload) {
  const host = trackHost(settings.region)
  const identifiers = personIdentifiers(payload)
  if (identifiers) {
    return request(`${host}/api/v1/customers/${customerPath(identifiers)}/events`, {
      method: 'post',
      json: eventBody(payload)
    })
  }
  if (!payload.anonymous_id) {
    throw new PayloadValidationError('The person ID, the email or the anonymous ID is required.')
  }
  return request(`${host}/api/v1/events`, {
    method: 'post',
    json: { ...eventBody(payload), anonymous_id: payload.anonymous_id }
  })
}

const action: ActionDefinition<Settings, Payload> = {
  title: 'Track Event',
  description:
    'Send an event, a page view or a screen view for a person, or for an anonymous visitor, to Customer.io.',
  defaultSubscription: 'type = "track"',
  fields: {
    id: {
      label: 'Person ID',
      description:
        'The identifier of the person who performed the event. Without it (and without an email), the event is sent as an anonymous event.',
      type: 'string',
      default: { '@path': '$.userId' }
    },
    email: {
      label: 'Email',
      description:
        'The email of the person, used to identify them when there is no person ID (workspaces that identify people by email).',
      type: 'string',
      default: { '@path': '$.context.traits.email' }
    },
    anonymous_id: {
      label: 'Anonymous ID',
      description:
        'The anonymous ID of the visitor. Events of unidentified visitors are sent with it, so Customer.io can merge them into the person once they are identified.',
      type: 'string',
      default: { '@path': '$.anonymousId' }
    },
    name: {
      label: 'Event Name',
      description:
        'The name of the event. For page views, the URL of the page; for screen views, the name of the screen.',
      type: 'string',
      required: true,
      default: { '@path': '$.event' }
    },
    event_type: {
      label: 'Event Type',
      description: 'The kind of event: a custom event, a page view or a mobile screen view.',
      type: 'string',
      choices: [
        { label: 'Event', value: 'event' },
        { label: 'Page view', value: 'page' },
        { label: 'Screen view', value: 'screen' }
      ],
      default: 'event'
    },
    data: {
      label: 'Event Data',
      description: 'Data of the event, which messages can reference with Liquid.',
      type: 'object',
      default: { '@path': '$.properties' }
    },
    timestamp: {
      label: 'Timestamp',
      description: 'When the event happened, sent as a Unix timestamp.',
      type: 'datetime',
      default: { '@path': '$.timestamp' }
    },
    enable_batching: {
      label: 'Batch Data',
      description:
        'When enabled, events are sent in batches through the Track v2 batch endpoint (anonymous events are still sent one by one).',
      type: 'boolean',
      default: true
    },
    batch_size: {
      label: 'Batch Size',
      description:
        "The largest number of events in one batch request. Requests are also split to stay under Customer.io's 500 KB limit.",
      type: 'integer',
      minimum: 1,
      maximum: 1000,
      default: 100
    }
  },

  perform: (request, { settings, payload }) => sendEvent(request, settings, payload),

  performBatch: async (request, { settings, payload }) => {
    const results = new MultiStatusResponse()
    const pending: PendingEntry[] = []
    const anonymous: number[] = []
    payload.forEach((item, index) => {
      const identifiers = personIdentifiers(item)
      if (!identifiers) {
        anonymous.push(index)
        return
      }
      const timestamp = toUnixSeconds(item.timestamp)
      pending.push({
        index,
        entry: {
          type: 'person',
          identifiers,
          action: item.event_type ?? 'event',
          name: item.name,
          ...(timestamp !== undefined && { timestamp }),
          ...(item.data && { attributes: item.data })
        }
      })
    })

    await sendV2Batch(request, settings, pending, results, pending.length === payload.length)

    // The v2 API only knows identified people: anonymous events go to the v1 endpoint one by one.
    for (const index of anonymous) {
      try {
        const response = await sendEvent(request, settings, payload[index])
        results.setSuccessResponseAtIndex(index, {
          status: response.status,
          sent: eventBody(payload[index]) as JSONLikeObject,
          body: 'accepted'
        })
      } catch (error) {
        results.setErrorResponseAtIndex(index, batchErrorEntry(error))
      }
    }
    return results
  }
}

export default action
