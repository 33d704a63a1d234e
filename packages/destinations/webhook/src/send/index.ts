import { MultiStatusResponse, type ActionDefinition, type JSONLikeObject } from '@destkit/core'
import type { Settings } from '../generated-types.js'
import type { Payload } from './generated-types.js'
import { batchErrorEntry, groupByTarget, sendJson, webhookTarget } from './webhook-request.js'

/** Batches default to this many events (and at most `maxBatchSize`): see the field's description. */
const defaultBatchSize = 1_000
const maxBatchSize = 4_000

const action: ActionDefinition<Settings, Payload> = {
  title: 'Send',
  description:
    'Send an event to a URL as a JSON request, or a batch of events as a JSON array. Signed with `X-Signature` when a shared secret is set.',
  defaultSubscription:
    'type = "track" or type = "identify" or type = "page" or type = "screen" or type = "group" or type = "alias"',
  fields: {
    url: {
      label: 'URL',
      description: 'The URL the request is sent to (http or https).',
      type: 'string',
      format: 'uri',
      required: true,
      placeholder: 'https://hooks.example.com/segment'
    },
    method: {
      label: 'Method',
      description: 'The HTTP method of the request.',
      type: 'string',
      choices: [
        { label: 'POST', value: 'POST' },
        { label: 'PUT', value: 'PUT' },
        { label: 'PATCH', value: 'PATCH' }
      ],
      default: 'POST'
    },
    headers: {
      label: 'Headers',
      description:
        'Extra HTTP headers sent with the request, as names and string values (for example an `Authorization` header your endpoint expects). They cannot replace `X-Signature`, `Content-Length` or `Transfer-Encoding`, which are derived from the body.',
      type: 'object',
      defaultObjectUI: 'keyvalue:only'
    },
    data: {
      label: 'Data',
      description:
        'The JSON object sent as the request body. By default, the whole event. In a batch, the body is a JSON array of these objects.',
      type: 'object',
      default: { '@path': '$.' }
    },
    enable_batching: {
      label: 'Batch Data',
      description:
        'When enabled, events are sent in batches: one request whose body is a JSON array of the events’ data. Your endpoint must accept an array.',
      type: 'boolean',
      // Off by default: an endpoint written for one event per request would break on an array body.
      default: false
    },
    batch_size: {
      label: 'Batch Size',
      description: `The largest number of events in one batch request (at most ${maxBatchSize}).`,
      type: 'integer',
      minimum: 1,
      maximum: maxBatchSize,
      default: defaultBatchSize
    },
    batch_keys: {
      label: 'Batch Keys',
      description:
        'Fields whose values must be equal for events to share a batch request: events for different URLs, methods or headers are never sent together.',
      type: 'string',
      multiple: true,
      unsafe_hidden: true,
      default: ['url', 'method', 'headers']
    }
  },
  perform: (request, { payload, settings }) =>
    sendJson(request, webhookTarget(payload), payload.data ?? {}, settings.sharedSecret),
  performBatch: async (request, { payload, settings }) => {
    const { groups, invalid } = groupByTarget(payload)
    const bodyOf = (indexes: number[]) => indexes.map((index) => payload[index].data ?? {})
    // The usual case: batch_keys kept url, method and headers equal, so this is one request, and its
    // failure goes to the runtime as thrown (classified, Retry-After honoured, retried in process).
    if (groups.length === 1 && invalid.length === 0) {
      const [{ target, indexes }] = groups
      return sendJson(request, target, bodyOf(indexes), settings.sharedSecret)
    }
    // A mapping without batch_keys can mix targets in one batch. Never send an event to another
    // event's URL: one request per target, and each event gets the result of its own request.
    const results = new MultiStatusResponse()
    for (const { index, error } of invalid) results.setErrorResponseAtIndex(index, batchErrorEntry(error))
    for (const { target, indexes } of groups) {
      try {
        const response = await sendJson(request, target, bodyOf(indexes), settings.sharedSecret)
        for (const index of indexes) {
          results.setSuccessResponseAtIndex(index, {
            status: response.status,
            sent: (payload[index].data ?? {}) as JSONLikeObject,
            body: response.content
          })
        }
      } catch (error) {
        const entry = batchErrorEntry(error)
        for (const index of indexes) results.setErrorResponseAtIndex(index, entry)
      }
    }
    return results
  }
}

export default action
