/**
 * Uploading events to the HTTP V2 API (`/2/httpapi`) or the Batch Event Upload
 * API (`/batch`): same body (`{ api_key, events, options }`), same responses.
 */
import {
  IntegrationError,
  MultiStatusResponse,
  chunkByJsonBytes,
  jsonByteLength,
  RetryableError,
  type JSONLikeObject,
  type ModifiedResponse,
  type RequestClient
} from '@destkit/core'
import type { Settings } from '../generated-types.js'
import type { Payload } from './generated-types.js'
import { hostsFor } from '../regions.js'
import { rejectionsOf, requestFailure } from '../rejections.js'
import { toAmplitudeEvent, type AmplitudeEvent } from './event.js'

/** Request size limits: under 1 MB for HTTP V2, 20 MB for the Batch API. */
const MAX_HTTP_V2_BYTES = 1_000_000
const MAX_BATCH_API_BYTES = 20_000_000

interface Upload {
  url: string
  maxBytes: number
  body: (events: AmplitudeEvent[]) => Record<string, unknown>
}

function uploadFor(settings: Settings, payload: Payload): Upload {
  const { ingestion } = hostsFor(settings)
  const batchApi = payload.use_batch_endpoint === true
  const options = payload.min_id_length !== undefined ? { min_id_length: payload.min_id_length } : undefined
  return {
    url: `${ingestion}${batchApi ? '/batch' : '/2/httpapi'}`,
    maxBytes: batchApi ? MAX_BATCH_API_BYTES : MAX_HTTP_V2_BYTES,
    body: (events) => ({ api_key: settings.apiKey, events, ...(options && { options }) })
  }
}

/**
 * Sends one event. A 400 that names the event becomes an error saying why.
 *
 * @example
 * await sendEvent(request, settings, payload)
 */
export async function sendEvent(
  request: RequestClient,
  settings: Settings,
  payload: Payload
): Promise<ModifiedResponse> {
  const event = toAmplitudeEvent(payload)
  const upload = uploadFor(settings, payload)
  try {
    return await request(upload.url, { method: 'post', json: upload.body([event]) })
  } catch (error) {
    const rejection = rejectionsOf(error).get(0)
    if (rejection?.status === 429) throw new RetryableError(rejection.message, 429)
    if (rejection) throw new IntegrationError(rejection.message, rejection.code, rejection.status)
    throw error
  }
}

interface Item {
  /** The payload's index in the batch. */
  index: number
  event: AmplitudeEvent
  bytes: number
}

/**
 * Sends a batch and reports each event's fate. Events are split into requests
 * under the API's size limit. When Amplitude rejects a request because of some
 * of its events (400 naming them by index), those events fail and the others,
 * which Amplitude did not ingest, are sent once more.
 *
 * @example
 * const results = await sendEventBatch(request, settings, payloads) // MultiStatusResponse
 */
export async function sendEventBatch(
  request: RequestClient,
  settings: Settings,
  payloads: Payload[]
): Promise<MultiStatusResponse> {
  const results = new MultiStatusResponse()
  const items: Item[] = []
  payloads.forEach((payload, index) => {
    try {
      const event = toAmplitudeEvent(payload)
      items.push({ index, event, bytes: jsonByteLength(event) })
    } catch (error) {
      const { code, message } = error as IntegrationError
      results.setErrorResponseAtIndex(index, { status: 400, errortype: code, errormessage: message })
    }
  })
  if (items.length === 0) return results

  // A batch shares its request options; the first event's values stand for all.
  const upload = uploadFor(settings, payloads[0])
  // The envelope's own `[]` is counted again by chunkByJsonBytes, hence the + 2.
  const budget = upload.maxBytes - jsonByteLength(upload.body([])) + 2
  const chunks = chunkByJsonBytes(
    items.map((item) => item.bytes),
    budget
  ).map((indexes) => indexes.map((index) => items[index]))

  const send = async (chunk: Item[], resend: boolean, rethrow: boolean): Promise<void> => {
    let response: ModifiedResponse
    try {
      response = await request(upload.url, {
        method: 'post',
        json: upload.body(chunk.map((item) => item.event))
      })
    } catch (error) {
      const rejections = rejectionsOf(error)
      if (rejections.size === 0) {
        // A failure of the whole request (429, 5xx, network…). When that request is the whole batch,
        // let it propagate: the runtime classifies it, retries it and honours Retry-After.
        if (rethrow) throw error
        const failure = requestFailure(error)
        for (const item of chunk) {
          results.setErrorResponseAtIndex(item.index, {
            status: failure.status,
            errortype: failure.code,
            errormessage: failure.message,
            ...(failure.retryAfterMs !== undefined && { retryAfterMs: failure.retryAfterMs }),
            sent: item.event as JSONLikeObject
          })
        }
        return
      }
      const notIngested: Item[] = []
      chunk.forEach((item, position) => {
        const rejection = rejections.get(position)
        if (!rejection) return notIngested.push(item)
        results.setErrorResponseAtIndex(item.index, {
          status: rejection.status,
          errortype: rejection.code,
          errormessage: rejection.message,
          sent: item.event as JSONLikeObject
        })
      })
      if (notIngested.length === 0) return
      if (resend) return send(notIngested, false, false)
      for (const item of notIngested) {
        results.setErrorResponseAtIndex(item.index, {
          status: 503,
          errortype: 'NOT_INGESTED',
          errormessage:
            'Amplitude refused the request because of other events in it; this event was not ingested.',
          sent: item.event as JSONLikeObject
        })
      }
      return
    }
    const body = (response.data as JSONLikeObject | undefined) ?? response.content
    for (const item of chunk) {
      results.setSuccessResponseAtIndex(item.index, {
        status: response.status,
        sent: item.event as JSONLikeObject,
        body
      })
    }
  }

  const wholeBatch = chunks.length === 1 && items.length === payloads.length
  for (const chunk of chunks) await send(chunk, true, wholeBatch)
  return results
}
