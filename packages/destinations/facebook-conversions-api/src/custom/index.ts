import type { ActionDefinition } from '@destkit/core'
import type { Settings } from '../generated-types.js'
import type { Payload } from './generated-types.js'
import {
  batch_size,
  content_category,
  content_ids,
  content_name,
  content_type,
  contents,
  currency,
  custom_data,
  dataProcessingFields,
  event_name,
  num_items,
  order_id,
  serverEventFields,
  value
} from '../fields.js'
import { sendEvent, sendEvents } from '../send.js'

const action: ActionDefinition<Settings, Payload> = {
  title: 'Custom Event',
  description:
    'Send any event by name: another standard event (Lead, CompleteRegistration, Subscribe…) or a custom one.',
  defaultSubscription: 'type = "track"',
  fields: {
    event_name,
    ...serverEventFields,
    currency,
    value,
    content_ids,
    contents,
    content_type,
    content_name,
    content_category,
    num_items,
    order_id,
    custom_data,
    ...dataProcessingFields,
    batch_size
  },
  perform: (request, data) => sendEvent(request, data, data.payload.event_name),
  performBatch: (request, data) => sendEvents(request, data, (payload) => payload.event_name ?? '')
}

export default action
