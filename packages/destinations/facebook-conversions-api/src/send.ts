/**
 * What every action does with its payload: build the server event(s) and post them to the pixel.
 */
import {
  MultiStatusResponse,
  classifyError,
  type ExecuteInput,
  type JSONLikeObject,
  type RequestClient
} from '@destkit/core'
import type { Settings } from './generated-types.js'
import { postEvents } from './graph-api.js'
import { buildServerEvent, type ServerEvent, type ServerEventPayload } from './server-event.js'

/** The event name: the action's standard event, or the payload's own (custom events). */
type EventName = string | ((payload: ServerEventPayload) => string)

function nameOf(eventName: EventName, payload: ServerEventPayload): string {
  return typeof eventName === 'function' ? eventName(payload) : eventName
}

/**
 * Sends one event.
 *
 * @example
 * perform: (request, data) => sendEvent(request, data, 'Purchase')
 */
export function sendEvent(
  request: RequestClient,
  data: ExecuteInput<Settings, ServerEventPayload>,
  eventName: EventName
) {
  const event = buildServerEvent(nameOf(eventName, data.payload), data.payload, { logger: data.logger })
  return postEvents(request, data.settings, [event])
}

/**
 * Sends a batch in one request. Meta rejects the whole request if one event is invalid, so events that
 * fail our checks get their own error and are left out; the rest share the response. When a request
 * fails and no event was left out, the error is thrown for core to classify and retry; otherwise every
 * sent event gets that error, so the invalid ones keep theirs.
 *
 * @example
 * performBatch: (request, data) => sendEvents(request, data, 'Purchase')
 */
export async function sendEvents(
  request: RequestClient,
  data: ExecuteInput<Settings, ServerEventPayload[]>,
  eventName: EventName
): Promise<MultiStatusResponse> {
  const results = new MultiStatusResponse()
  const events: ServerEvent[] = []
  const indexes: number[] = []
  const now = Date.now()
  data.payload.forEach((payload, index) => {
    try {
      events.push(buildServerEvent(nameOf(eventName, payload), payload, { now, logger: data.logger }))
      indexes.push(index)
    } catch (error) {
      const { code, message, httpStatus } = classifyError(error)
      results.setErrorResponseAtIndex(index, {
        status: httpStatus ?? 400,
        errortype: code,
        errormessage: message
      })
    }
  })
  if (events.length === 0) return results

  let body: JSONLikeObject | string
  try {
    const response = await postEvents(request, data.settings, events)
    body = (response.data ?? response.content) as JSONLikeObject | string
  } catch (error) {
    if (indexes.length === data.payload.length) throw error
    const { code, message, httpStatus, status } = classifyError(error)
    indexes.forEach((index, i) =>
      results.setErrorResponseAtIndex(index, {
        status: httpStatus ?? (status === 'retryable' ? 503 : 500),
        errortype: code,
        errormessage: message,
        sent: events[i] as unknown as JSONLikeObject
      })
    )
    return results
  }
  indexes.forEach((index, i) =>
    results.setSuccessResponseAtIndex(index, {
      status: 200,
      sent: events[i] as unknown as JSONLikeObject,
      body
    })
  )
  return results
}
