import type { ActionDefinition } from '@destkit/core'
import type { Settings } from '../generated-types.js'
import type { Payload } from './generated-types.js'
import { batchFields, identityFields, paramsField } from '../fields.js'
import { limits, snakeCase } from '../limits.js'
import { buildEvent, collect, collectBatch, type BuiltEvent } from '../measurement-protocol.js'

const build = (settings: Settings, payload: Payload): BuiltEvent =>
  buildEvent(settings, payload, payload.normalize_name === false ? payload.name : snakeCase(payload.name))

const action: ActionDefinition<Settings, Payload> = {
  title: 'Send Event',
  description: 'Send a custom event with its parameters to Google Analytics 4.',
  defaultSubscription: 'type = "track"',
  fields: {
    name: {
      label: 'Event Name',
      description: `The event's name in Google Analytics: letters, digits and underscores, starting with a letter, at most ${limits.nameLength} characters, and not a name Google reserves (such as session_start).`,
      type: 'string',
      required: true,
      default: { '@path': '$.event' }
    },
    normalize_name: {
      label: 'Normalize Event Name',
      description:
        "Write the name in GA4's snake_case style before sending: lower-case, with spaces and punctuation as underscores (`Signed Up` → `signed_up`). Turn off to send the name exactly as mapped.",
      type: 'boolean',
      default: true
    },
    params: paramsField('Parameters of the event.', { '@path': '$.properties' }),
    ...identityFields,
    ...batchFields
  },
  perform: (request, { settings, payload }) => collect(request, settings, [build(settings, payload)]),
  performBatch: (request, { settings, payload }) =>
    collectBatch(request, settings, payload, (item) => build(settings, item))
}

export default action
