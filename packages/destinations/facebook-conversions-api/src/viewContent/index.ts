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
  title: 'View Content',
  description: 'Send a ViewContent event: a person viewed a product or another page that matters to you.',
  defaultSubscription: 'type = "track" and event = "Product Viewed"',
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
  perform: (request, data) => sendEvent(request, data, 'ViewContent'),
  performBatch: (request, data) => sendEvents(request, data, 'ViewContent')
}

export default action
