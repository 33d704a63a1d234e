import type { ActionDefinition } from '@destkit/core'
import type { Settings } from '../generated-types.js'
import type { Payload } from './generated-types.js'
import { batchFields, identityFields, paramsField } from '../fields.js'
import { buildEvent, collect, collectBatch, type BuiltEvent } from '../measurement-protocol.js'

const build = (settings: Settings, payload: Payload): BuiltEvent =>
  buildEvent(settings, payload, 'page_view', {
    page_location: payload.page_location,
    page_title: payload.page_title,
    page_referrer: payload.page_referrer
  })

/** The page property of a Segment page call, else the same property of the event's page context. */
const pageValue = (key: string) => ({
  '@if': {
    exists: { '@path': `$.properties.${key}` },
    then: { '@path': `$.properties.${key}` },
    else: { '@path': `$.context.page.${key}` }
  }
})

const action: ActionDefinition<Settings, Payload> = {
  title: 'Page View',
  description: 'Send a page view to Google Analytics 4 as its `page_view` event.',
  defaultSubscription: 'type = "page"',
  fields: {
    page_location: {
      label: 'Page Location',
      description: 'The full URL of the page (Google keeps up to 1,000 characters).',
      type: 'string',
      format: 'uri',
      required: true,
      default: pageValue('url')
    },
    page_title: {
      label: 'Page Title',
      description: 'The title of the page (Google keeps up to 300 characters).',
      type: 'string',
      default: pageValue('title')
    },
    page_referrer: {
      label: 'Page Referrer',
      description: 'The URL of the page the user came from (Google keeps up to 420 characters).',
      type: 'string',
      default: pageValue('referrer')
    },
    params: paramsField('More parameters of the page view.'),
    ...identityFields,
    ...batchFields
  },
  perform: (request, { settings, payload }) => collect(request, settings, [build(settings, payload)]),
  performBatch: (request, { settings, payload }) =>
    collectBatch(request, settings, payload, (item) => build(settings, item))
}

export default action
