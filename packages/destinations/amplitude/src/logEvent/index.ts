import type { ActionDefinition } from '@destkit/core'
import type { Settings } from '../generated-types.js'
import type { Payload } from './generated-types.js'
import { deviceFields, deviceId, groups, locationFields, userId } from '../fields.js'
import { sendEvent, sendEventBatch } from './send.js'

const action: ActionDefinition<Settings, Payload> = {
  title: 'Log Event',
  description:
    'Send an event to Amplitude through the HTTP V2 API (or the Batch Event Upload API), with its event and user properties, revenue and device details.',
  defaultSubscription: 'type = "track"',
  fields: {
    event_type: {
      label: 'Event Type',
      description: 'The name of the event.',
      type: 'string',
      required: true,
      default: { '@path': '$.event' }
    },
    user_id: userId,
    device_id: deviceId,
    time: {
      label: 'Timestamp',
      description: 'When the event happened. Sent to Amplitude as milliseconds since the epoch.',
      type: 'datetime',
      default: { '@path': '$.timestamp' }
    },
    event_properties: {
      label: 'Event Properties',
      description: 'Properties of the event.',
      type: 'object',
      default: { '@path': '$.properties' }
    },
    user_properties: {
      label: 'User Properties',
      description:
        'Properties of the user, set on the user from this event on. Amplitude operations such as $set or $setOnce may be used.',
      type: 'object',
      default: { '@path': '$.context.traits' }
    },
    groups,
    insert_id: {
      label: 'Insert ID',
      description:
        'A unique identifier of the event. Amplitude ignores an event whose insert ID it has seen in the past 7 days, so retries never count twice.',
      type: 'string',
      default: { '@path': '$.messageId' }
    },
    session_id: {
      label: 'Session ID',
      description:
        'The start time of the session in milliseconds since the epoch, to group events into a session (-1 for no session).',
      type: 'integer',
      default: { '@path': '$.integrations.Amplitude.session_id' }
    },
    event_id: {
      label: 'Event ID',
      description: 'An increasing counter that tells apart events of the same user with the same timestamp.',
      type: 'integer'
    },
    revenue: {
      label: 'Revenue',
      description:
        'Revenue of the event (negative for refunds). When Price is sent too, Amplitude uses price × quantity instead.',
      type: 'number',
      default: { '@path': '$.properties.revenue' }
    },
    price: {
      label: 'Price',
      description: 'The price of the item purchased (negative for refunds).',
      type: 'number',
      default: { '@path': '$.properties.price' }
    },
    quantity: {
      label: 'Quantity',
      description: 'The quantity of the item purchased (1 when unset).',
      type: 'integer',
      default: { '@path': '$.properties.quantity' }
    },
    productId: {
      label: 'Product ID',
      description: 'An identifier of the item purchased. Needs Price and Quantity, or Revenue.',
      type: 'string',
      default: { '@path': '$.properties.product_id' }
    },
    revenueType: {
      label: 'Revenue Type',
      description: 'The type of revenue, for example "Refund". Needs Price and Quantity, or Revenue.',
      type: 'string',
      default: { '@path': '$.properties.revenueType' }
    },
    ...deviceFields,
    ...locationFields,
    location_lat: {
      label: 'Latitude',
      description: 'The latitude of the user.',
      type: 'number',
      default: { '@path': '$.context.location.latitude' }
    },
    location_lng: {
      label: 'Longitude',
      description: 'The longitude of the user.',
      type: 'number',
      default: { '@path': '$.context.location.longitude' }
    },
    ip: {
      label: 'IP Address',
      description:
        'The IP address of the user, which Amplitude uses to look up the location. "$remote" uses the address of the request.',
      type: 'string',
      default: { '@path': '$.context.ip' }
    },
    idfa: { label: 'IDFA', description: '(iOS) The Identifier for Advertisers.', type: 'string' },
    idfv: { label: 'IDFV', description: '(iOS) The Identifier for Vendor.', type: 'string' },
    adid: {
      label: 'Google Advertising ID',
      description: '(Android) The Google Play advertising ID.',
      type: 'string'
    },
    android_id: {
      label: 'Android ID',
      description: '(Android) The Android ID (not the advertising ID).',
      type: 'string'
    },
    library: {
      label: 'Library',
      description: "The library that sent the event, shown in Amplitude as the event's library.",
      type: 'string'
    },
    use_batch_endpoint: {
      label: 'Use Batch Endpoint',
      description:
        "Send through the Batch Event Upload API (/batch), which allows more events per second for one user or device and requests up to 20 MB, instead of the HTTP V2 API (/2/httpapi). The first event's value applies to a whole batch.",
      type: 'boolean',
      default: false
    },
    min_id_length: {
      label: 'Minimum ID Length',
      description:
        "The shortest User ID and Device ID Amplitude accepts (5 when unset). The first event's value applies to a whole batch.",
      type: 'integer',
      minimum: 1
    },
    enable_batching: {
      label: 'Batch Data',
      description: 'When enabled, events are sent to Amplitude in batches.',
      type: 'boolean',
      default: true
    },
    batch_size: {
      label: 'Batch Size',
      description:
        'The largest number of events in one request. Amplitude takes up to 2,000 events per request; requests are also kept under 1 MB (20 MB for the Batch API).',
      type: 'integer',
      minimum: 1,
      maximum: 2000,
      default: 500
    }
  },
  perform: (request, { settings, payload }) => sendEvent(request, settings, payload),
  performBatch: (request, { settings, payload }) => sendEventBatch(request, settings, payload)
}

export default action
