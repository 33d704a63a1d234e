import {
  HTTPError,
  IntegrationError,
  MultiStatusResponse,
  PayloadValidationError,
  type ActionDefinition,
  type JSONLikeObject,
  type RequestClient,
  batchErrorEntry,
  chunkByJsonBytes,
  jsonByteLength
} from '@destkit/core'
import type { Settings } from '../generated-types.js'
import type { Payload } from './generated-types.js'
import { importCredentials, ingestionHost } from '../common.js'
import { buildEvent, type MixpanelEvent } from './build-event.js'

/** `/import` accepts at most 2000 events per request. */
const maxEventsPerRequest = 2000
/** Each event must be smaller than 1 MB of uncompressed JSON. */
const maxEventBytes = 1_000_000
/**
 * The request body limit: the import reference now says 10 MB uncompressed, but the 413 answer it
 * documents still states 2 MiB, so requests stay under the smaller one.
 */
const maxRequestBytes = 2_000_000

/** What `/import` answers in strict mode. */
interface ImportAnswer {
  code?: number
  status?: string
  error?: string
  num_records_imported?: number
  failed_records?: FailedRecord[]
}

/** One event that failed validation, by its position in the request. */
interface FailedRecord {
  index: number
  insert_id?: string
  field?: string
  message?: string
}

function importEvents(request: RequestClient, settings: Settings, events: MixpanelEvent[]) {
  const { username, password, projectId } = importCredentials(settings)
  return request<ImportAnswer>(`${ingestionHost(settings.region)}/import`, {
    method: 'post',
    // strict=1 makes Mixpanel validate every event and name the ones it rejected.
    searchParams: { strict: '1', ...(projectId && { project_id: projectId }) },
    json: events,
    username,
    password
  })
}

/** The per-event failures of a strict-mode 400, or undefined when the error is anything else. */
function failedRecordsOf(error: unknown): FailedRecord[] | undefined {
  if (!(error instanceof HTTPError) || error.status !== 400) return undefined
  const records = (error.response?.data as ImportAnswer | undefined)?.failed_records
  return Array.isArray(records) ? records : undefined
}

function describeFailure(record: FailedRecord): string {
  const reason = record.message || (record.field ? `'${record.field}' is invalid` : 'the event is invalid')
  return `Mixpanel rejected the event: ${reason}.`
}

const action: ActionDefinition<Settings, Payload> = {
  title: 'Track Event',
  description:
    'Import an event into Mixpanel through the Ingestion API `/import` endpoint, in batches of up to 2000 events.',
  defaultSubscription: 'type = "track"',
  fields: {
    event: {
      label: 'Event Name',
      description: 'The name of the event.',
      type: 'string',
      required: true,
      default: { '@path': '$.event' }
    },
    distinct_id: {
      label: 'Distinct ID',
      description:
        'The user who performed the event (`distinct_id`). Leave empty for events not tied to a user; Mixpanel keeps them but leaves them out of user analysis.',
      type: 'string',
      default: {
        '@if': {
          exists: { '@path': '$.userId' },
          then: { '@path': '$.userId' },
          else: { '@path': '$.anonymousId' }
        }
      }
    },
    user_id: {
      label: 'User ID',
      description: 'Your identifier for a known user, sent as `$user_id` for ID merge.',
      type: 'string',
      default: { '@path': '$.userId' }
    },
    device_id: {
      label: 'Device ID',
      description: 'The anonymous device or browser identifier, sent as `$device_id` for ID merge.',
      type: 'string',
      default: { '@path': '$.anonymousId' }
    },
    time: {
      label: 'Time',
      description:
        'When the event happened. Sent as milliseconds since the epoch; Mixpanel rejects events before 1971 and moves events more than an hour in the future to the present.',
      type: 'datetime',
      required: true,
      default: { '@path': '$.timestamp' }
    },
    insert_id: {
      label: 'Insert ID',
      description:
        'A unique identifier of the event that Mixpanel uses to deduplicate retries (`$insert_id`). Ids longer than 36 characters or with characters other than letters, digits and dashes are replaced by a hash of themselves.',
      type: 'string',
      default: { '@path': '$.messageId' }
    },
    ip: {
      label: 'IP Address',
      description: 'The IP address of the user, which Mixpanel uses to geolocate the event.',
      type: 'string',
      default: { '@path': '$.context.ip' }
    },
    properties: {
      label: 'Event Properties',
      description: 'Properties of the event.',
      type: 'object',
      default: { '@path': '$.properties' }
    },
    default_properties: {
      label: 'Default Properties',
      description: "Mixpanel's default properties, read from the event's context.",
      type: 'object',
      properties: {
        current_url: { label: 'Current URL', description: 'The page URL (`$current_url`).', type: 'string' },
        referrer: { label: 'Referrer', description: 'The referring URL (`$referrer`).', type: 'string' },
        os: { label: 'Operating System', description: 'The operating system (`$os`).', type: 'string' },
        os_version: {
          label: 'OS Version',
          description: 'The operating system version (`$os_version`).',
          type: 'string'
        },
        device_model: { label: 'Device Model', description: 'The device model (`$model`).', type: 'string' },
        manufacturer: {
          label: 'Manufacturer',
          description: 'The device manufacturer (`$manufacturer`).',
          type: 'string'
        },
        app_version: {
          label: 'App Version',
          description: 'The app version (`$app_version_string`).',
          type: 'string'
        },
        screen_width: {
          label: 'Screen Width',
          description: 'The screen width in pixels (`$screen_width`).',
          type: 'integer'
        },
        screen_height: {
          label: 'Screen Height',
          description: 'The screen height in pixels (`$screen_height`).',
          type: 'integer'
        },
        utm_source: {
          label: 'UTM Source',
          description: 'The campaign source (`utm_source`).',
          type: 'string'
        },
        utm_medium: {
          label: 'UTM Medium',
          description: 'The campaign medium (`utm_medium`).',
          type: 'string'
        },
        utm_campaign: {
          label: 'UTM Campaign',
          description: 'The campaign name (`utm_campaign`).',
          type: 'string'
        },
        utm_term: { label: 'UTM Term', description: 'The campaign term (`utm_term`).', type: 'string' },
        utm_content: {
          label: 'UTM Content',
          description: 'The campaign content (`utm_content`).',
          type: 'string'
        }
      },
      default: {
        current_url: { '@path': '$.context.page.url' },
        referrer: { '@path': '$.context.page.referrer' },
        os: { '@path': '$.context.os.name' },
        os_version: { '@path': '$.context.os.version' },
        device_model: { '@path': '$.context.device.model' },
        manufacturer: { '@path': '$.context.device.manufacturer' },
        app_version: { '@path': '$.context.app.version' },
        screen_width: { '@path': '$.context.screen.width' },
        screen_height: { '@path': '$.context.screen.height' },
        utm_source: { '@path': '$.context.campaign.source' },
        utm_medium: { '@path': '$.context.campaign.medium' },
        utm_campaign: { '@path': '$.context.campaign.name' },
        utm_term: { '@path': '$.context.campaign.term' },
        utm_content: { '@path': '$.context.campaign.content' }
      }
    },
    enable_batching: {
      label: 'Batch Data',
      description: 'When enabled, events are sent to Mixpanel in batches through the import endpoint.',
      type: 'boolean',
      default: true
    },
    batch_size: {
      label: 'Batch Size',
      description: 'The largest number of events in one import request. Mixpanel accepts at most 2000.',
      type: 'integer',
      minimum: 1,
      maximum: maxEventsPerRequest,
      default: 1000
    }
  },

  perform: async (request, { settings, payload }) => {
    const event = buildEvent(payload)
    if (jsonByteLength(event) >= maxEventBytes) {
      throw new PayloadValidationError(
        'The event is larger than the 1 MB of JSON Mixpanel accepts per event.'
      )
    }
    try {
      return await importEvents(request, settings, [event])
    } catch (error) {
      const [record] = failedRecordsOf(error) ?? []
      if (record) throw new IntegrationError(describeFailure(record), 'EVENT_REJECTED', 400)
      throw error
    }
  },

  performBatch: async (request, { settings, payload }) => {
    const results = new MultiStatusResponse()
    const events: MixpanelEvent[] = []
    const sizes: number[] = []
    const positions: number[] = [] // index in `payload` of each event kept for sending
    payload.forEach((item, index) => {
      try {
        const event = buildEvent(item)
        const size = jsonByteLength(event)
        if (size >= maxEventBytes) {
          throw new PayloadValidationError(
            'The event is larger than the 1 MB of JSON Mixpanel accepts per event.'
          )
        }
        events.push(event)
        sizes.push(size)
        positions.push(index)
      } catch (error) {
        results.setErrorResponseAtIndex(index, {
          status: 400,
          errortype: 'PAYLOAD_VALIDATION_FAILED',
          errormessage: (error as Error).message
        })
      }
    })

    const chunks = chunkByJsonBytes(sizes, maxRequestBytes).flatMap((chunk) => {
      const parts: number[][] = []
      for (let start = 0; start < chunk.length; start += maxEventsPerRequest) {
        parts.push(chunk.slice(start, start + maxEventsPerRequest))
      }
      return parts
    })
    // When the whole batch is one request, its failure is the batch's: let the runtime classify and retry it.
    const singleRequest = chunks.length === 1 && events.length === payload.length

    for (const chunk of chunks) {
      const sent = chunk.map((i) => events[i])
      try {
        const response = await importEvents(request, settings, sent)
        chunk.forEach((i) => {
          results.setSuccessResponseAtIndex(positions[i], {
            status: 200,
            sent: events[i] as unknown as JSONLikeObject,
            body: (response.data as JSONLikeObject) ?? 'OK'
          })
        })
      } catch (error) {
        const failed = failedRecordsOf(error)
        if (failed) {
          // A strict-mode 400 is a partial success: Mixpanel ingested every event it did not list.
          const byIndex = new Map(failed.map((record) => [Number(record.index), record]))
          chunk.forEach((i, indexInRequest) => {
            const record = byIndex.get(indexInRequest)
            if (record) {
              results.setErrorResponseAtIndex(positions[i], {
                status: 400,
                errortype: 'EVENT_REJECTED',
                errormessage: describeFailure(record),
                sent: events[i] as unknown as JSONLikeObject
              })
            } else {
              results.setSuccessResponseAtIndex(positions[i], {
                status: 200,
                sent: events[i] as unknown as JSONLikeObject,
                body: 'OK'
              })
            }
          })
          continue
        }
        if (singleRequest) throw error
        const entry = batchErrorEntry(error)
        chunk.forEach((i) => {
          results.setErrorResponseAtIndex(positions[i], {
            ...entry,
            sent: events[i] as unknown as JSONLikeObject
          })
        })
      }
    }
    return results
  }
}

export default action
