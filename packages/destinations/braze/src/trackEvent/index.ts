import { removeUndefined, type ActionDefinition } from '@destkit/core'
import type { Settings } from '../generated-types.js'
import type { Payload } from './generated-types.js'
import {
  batch_size,
  braze_id,
  email,
  enable_batching,
  external_id,
  phone,
  update_existing_only,
  user_alias
} from '../fields.js'
import { userIdentifiers } from '../identifiers.js'
import { toIsoTime } from '../time.js'
import { entryFor, trackBatch, trackObjects } from '../track.js'

/**
 * The Braze event object of a payload.
 *
 * @example
 * eventObject({ external_id: 'user1234', name: 'Signed Up', time: '2026-10-30T14:22:05.118Z' }, settings)
 * // { external_id: 'user1234', name: 'Signed Up', time: '2026-10-30T14:22:05.118Z' }
 */
function eventObject(payload: Payload, settings: Settings): Record<string, unknown> {
  return removeUndefined({
    ...userIdentifiers(payload),
    app_id: settings.appId || undefined,
    name: payload.name,
    time: toIsoTime(payload.time),
    properties: payload.properties,
    _update_existing_only: payload.update_existing_only || undefined
  })
}

const action: ActionDefinition<Settings, Payload> = {
  title: 'Track Event',
  description: 'Record a custom event on a user in Braze, with its properties.',
  defaultSubscription: 'type = "track"',
  fields: {
    external_id,
    user_alias,
    braze_id,
    email,
    phone,
    name: {
      label: 'Event Name',
      description: 'The name of the custom event.',
      type: 'string',
      required: true,
      default: { '@path': '$.event' }
    },
    time: {
      label: 'Time',
      description: 'When the event happened (sent as ISO 8601).',
      type: 'datetime',
      required: true,
      default: { '@path': '$.timestamp' }
    },
    properties: {
      label: 'Event Properties',
      description: 'Properties of the event. Names must not start with "$".',
      type: 'object',
      default: { '@path': '$.properties' }
    },
    update_existing_only,
    enable_batching,
    batch_size
  },
  perform: (request, { settings, payload }) =>
    trackObjects(request, settings, 'events', [eventObject(payload, settings)]),
  performBatch: (request, { settings, payload }) => {
    const entries = payload.map((item) => entryFor(() => [eventObject(item, settings)]))
    return trackBatch(request, settings, 'events', entries, payload[0]?.batch_size)
  }
}

export default action
