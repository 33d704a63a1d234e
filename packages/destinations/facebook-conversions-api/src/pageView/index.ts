import type { ActionDefinition } from '@destkit/core'
import type { Settings } from '../generated-types.js'
import type { Payload } from './generated-types.js'
import { batch_size, custom_data, dataProcessingFields, serverEventFields } from '../fields.js'
import { sendEvent, sendEvents } from '../send.js'

const action: ActionDefinition<Settings, Payload> = {
  title: 'Page View',
  description: 'Send a PageView event for a page call.',
  defaultSubscription: 'type = "page"',
  fields: {
    ...serverEventFields,
    custom_data,
    ...dataProcessingFields,
    batch_size
  },
  perform: (request, data) => sendEvent(request, data, 'PageView'),
  performBatch: (request, data) => sendEvents(request, data, 'PageView')
}

export default action
