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
  serverEventFields,
  value,
  withDefault
} from '../fields.js'
import { sendEvent, sendEvents } from '../send.js'

const action: ActionDefinition<Settings, Payload> = {
  title: 'Initiate Checkout',
  description: 'Send an InitiateCheckout event: a person started the checkout.',
  defaultSubscription: 'type = "track" and event = "Checkout Started"',
  fields: {
    ...serverEventFields,
    currency,
    value: withDefault(value, { '@path': '$.properties.revenue' }),
    content_ids,
    contents: withDefault(contents, contentsFromProducts),
    content_type: withDefault(content_type, 'product'),
    num_items,
    order_id,
    custom_data,
    ...dataProcessingFields,
    batch_size
  },
  perform: (request, data) => sendEvent(request, data, 'InitiateCheckout'),
  performBatch: (request, data) => sendEvents(request, data, 'InitiateCheckout')
}

export default action
