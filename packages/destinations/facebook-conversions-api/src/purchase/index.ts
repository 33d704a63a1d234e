import type { ActionDefinition } from '@destkit/core'
import type { Settings } from '../generated-types.js'
import type { Payload } from './generated-types.js'
import {
  batch_size,
  content_ids,
  content_type,
  contents,
  contentsFromProducts,
  currency,
  custom_data,
  dataProcessingFields,
  num_items,
  order_id,
  required,
  serverEventFields,
  value,
  withDefault
} from '../fields.js'
import { sendEvent, sendEvents } from '../send.js'

const action: ActionDefinition<Settings, Payload> = {
  title: 'Purchase',
  description:
    'Send a Purchase event: a completed order, with its value and currency (both required by Meta).',
  defaultSubscription: 'type = "track" and event = "Order Completed"',
  fields: {
    ...serverEventFields,
    currency: required(currency),
    value: required(withDefault(value, { '@path': '$.properties.revenue' })),
    content_ids,
    contents: withDefault(contents, contentsFromProducts),
    content_type: withDefault(content_type, 'product'),
    num_items,
    order_id,
    custom_data,
    ...dataProcessingFields,
    batch_size
  },
  perform: (request, data) => sendEvent(request, data, 'Purchase'),
  performBatch: (request, data) => sendEvents(request, data, 'Purchase')
}

export default action
