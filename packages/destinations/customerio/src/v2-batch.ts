/**
 * Sending entries to the Track v2 `/api/v2/batch` endpoint and mapping its answer back to events:
 * 200 accepts everything, 207 lists the rejected entries by `batch_index`, 400 rejects the request.
 */
import {
  MultiStatusResponse,
  type JSONLikeObject,
  type ModifiedResponse,
  type RequestClient,
  batchErrorEntry,
  chunkByJsonBytes,
  jsonByteLength
} from '@destkit/core'
import type { Settings } from './generated-types.js'
import type { PersonIdentifiers } from './common.js'
import { trackHost } from './common.js'

/** A batch request must be smaller than 500 KB… */
const maxRequestBytes = 500_000
/** …and each entry in it 32 KB or smaller. */
const maxEntryBytes = 32_000
/** The bytes of `{"batch":` and `}` around the entries' array. */
const envelopeBytes = 10

/** One person operation of a v2 batch. */
export interface PersonEntry {
  type: 'person'
  identifiers: PersonIdentifiers
  action: 'identify' | 'event' | 'page' | 'screen'
  [key: string]: unknown
}

/** An entry to send, with the index of its event in the batch. */
export interface PendingEntry {
  index: number
  entry: PersonEntry
}

/** One rejected entry of a 207 answer. */
interface EntryError {
  batch_index?: number
  reason?: string
  field?: string
  message?: string
}

function describeEntryError(error: EntryError): string {
  const detail = [error.field && `'${error.field}'`, error.message || error.reason].filter(Boolean).join(': ')
  return `Customer.io rejected this entry${detail ? `: ${detail}` : ''}.`
}

/**
 * Sends the entries in as few requests as the size limits allow and records each event's result in
 * `results`. `throwWhenWhole`: when the entries fit in one request and are the whole batch, a failed
 * request is thrown so the runtime classifies and retries it; otherwise it fails only its own events.
 *
 * @example
 * await sendV2Batch(request, settings, [{ index: 0, entry }], results, true)
 */
export async function sendV2Batch(
  request: RequestClient,
  settings: Settings,
  pending: PendingEntry[],
  results: MultiStatusResponse,
  throwWhenWhole: boolean
): Promise<void> {
  const kept: PendingEntry[] = []
  const sizes: number[] = []
  for (const item of pending) {
    const size = jsonByteLength(item.entry)
    if (size > maxEntryBytes) {
      results.setErrorResponseAtIndex(item.index, {
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: 'The entry is larger than the 32 KB Customer.io accepts per batch entry.'
      })
      continue
    }
    kept.push(item)
    sizes.push(size)
  }

  const chunks = chunkByJsonBytes(sizes, maxRequestBytes - envelopeBytes)
  const whole = throwWhenWhole && chunks.length === 1 && kept.length === pending.length
  for (const chunk of chunks) {
    const items = chunk.map((i) => kept[i])
    let response: ModifiedResponse<{ errors?: EntryError[] }>
    try {
      response = await request(`${trackHost(settings.region)}/api/v2/batch`, {
        method: 'post',
        json: { batch: items.map((item) => item.entry) }
      })
    } catch (error) {
      if (whole) throw error
      const entry = batchErrorEntry(error)
      items.forEach((item) => results.setErrorResponseAtIndex(item.index, { ...entry, sent: sentOf(item) }))
      continue
    }
    const rejected = new Map<number, EntryError>()
    if (response.status === 207 && Array.isArray(response.data?.errors)) {
      for (const error of response.data.errors) rejected.set(Number(error.batch_index), error)
    }
    items.forEach((item, position) => {
      const error = rejected.get(position)
      if (error) {
        results.setErrorResponseAtIndex(item.index, {
          status: 400,
          errortype: 'ENTRY_REJECTED',
          errormessage: describeEntryError(error),
          sent: sentOf(item)
        })
      } else {
        results.setSuccessResponseAtIndex(item.index, { status: 200, sent: sentOf(item), body: 'accepted' })
      }
    })
  }
}

function sentOf(item: PendingEntry): JSONLikeObject {
  return item.entry as unknown as JSONLikeObject
}
