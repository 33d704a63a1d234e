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
  contentsFromProduct,
  currency,
  custom_data,
  dataProcessingFields,
  serverEventFields,
  value,
  withDefault
} from '../fields.js'
import { sendEvent, sendEvents } from '../send.js'

const action: ActionDefinition<Settings, Payload> = {
  title: 'Add to Cart',
  description: 'Send an AddToCart event: a product was added to the shopping cart.',
  defaultSubscription: 'type = "track" and event = "Product Added"',
  fields: {
    ...serverEventFields,
    currency,
    value: withDefault(value, { '@path': '$.properties.price' }),
    content_ids,
    contents: withDefault(contents, contentsFromProduct),
    content_type: withDefault(content_type, 'product'),
    content_name: withDefault(content_name, { '@path': '$.properties.name' }),
    content_category: withDefault(content_category, { '@path': '$.properties.category' }),
    custom_data,
    ...dataProcessingFields,
    batch_size
  },
  perform: (request, data) => sendEvent(request, data, 'AddToCart'),
  performBatch: (request, data) => sendEvents(request, data, 'AddToCart')
}

export default action
