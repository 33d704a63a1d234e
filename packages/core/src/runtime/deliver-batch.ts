/**
 * Batches (spec §7): every event is mapped and validated on its own; invalid
 * events get their own Outcome and are left out; the valid payloads go to
 * `performBatch` in chunks split by `batch_keys` and `batch_size`, and its
 * result maps back to the events by index.
 */
import type { SegmentEvent } from '../events/segment-event.js'
import type { ModifiedResponse } from '../http/types.js'
import { InvalidAuthenticationError, isRetryableStatus } from '../errors/errors.js'
import { ErrorCodes } from '../errors/error-codes.js'
import { MultiStatusResponse, ActionDestinationErrorResponse } from '../errors/multi-status-response.js'
import { refreshesTokens } from './oauth-refresh.js'
import { withRetries } from './retry.js'
import { withTokenRefresh } from './oauth-refresh.js'
import { runAction } from './run-action.js'
import {
  deliverToMapping,
  executeInput,
  finishOutcome,
  outcomeWithoutRequest,
  preparePayload,
  runContext,
  type ConfiguredMapping,
  type InstanceState
} from './deliver.js'
import type { Outcome, OutcomeWarning } from './outcome.js'

/** A valid event of a batch, ready for `performBatch`. */
interface BatchItem {
  eventIndex: number
  event: SegmentEvent
  payload: Record<string, unknown>
  warnings: OutcomeWarning[]
}

/** The largest chunk when neither the mapping nor the action says (a guard, not a vendor limit). */
const defaultBatchSize = 1_000

/**
 * Delivers a batch of events through one mapping: `performBatch` when the action
 * has it, one `perform` per event otherwise — also when the mapping turns batching
 * off (`enable_batching: false`), as an endpoint that takes one event per request
 * needs. One Outcome per event, with `eventIndex`.
 *
 * @example
 * const outcomes = await deliverBatchToMapping(state, mapping, events, signal)
 */
export async function deliverBatchToMapping(
  state: InstanceState,
  mapping: ConfiguredMapping,
  events: SegmentEvent[],
  signal?: AbortSignal
): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(events.length)
  const batchingOff = mapping.mapping.enable_batching === false
  if (typeof mapping.action.definition.performBatch !== 'function' || batchingOff) {
    for (let i = 0; i < events.length; i++) {
      outcomes[i] = { ...(await deliverToMapping(state, mapping, events[i], signal)), eventIndex: i }
    }
    return outcomes
  }

  const items: BatchItem[] = []
  events.forEach((event, eventIndex) => {
    let matched: boolean
    try {
      matched = mapping.matches(event)
    } catch {
      matched = false
    }
    if (!matched) {
      outcomes[eventIndex] = outcomeWithoutRequest(mapping, 'not-subscribed', { eventIndex })
      return
    }
    const prepared = preparePayload(mapping, event)
    if (!prepared.ok) {
      outcomes[eventIndex] = { ...prepared.outcome, eventIndex }
      return
    }
    items.push({
      eventIndex,
      event,
      payload: prepared.payload as Record<string, unknown>,
      warnings: prepared.warnings
    })
  })

  for (const chunk of splitBatch(items)) {
    const chunkOutcomes = await deliverChunk(state, mapping, chunk, signal)
    chunkOutcomes.forEach((outcome, i) => {
      outcomes[chunk[i].eventIndex] = outcome
    })
  }
  return outcomes
}

/**
 * Splits valid items into chunks: items whose `batch_keys` fields differ never
 * share a chunk, and no chunk is larger than `batch_size`.
 *
 * @example
 * splitBatch(items) // [[items with url A (≤ batch_size)], [items with url B]]
 */
export function splitBatch<T extends { payload: Record<string, unknown> }>(items: T[]): T[][] {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const keys = item.payload.batch_keys
    const groupKey = Array.isArray(keys)
      ? JSON.stringify(keys.map((key) => item.payload[String(key)] ?? null))
      : ''
    let group = groups.get(groupKey)
    if (!group) groups.set(groupKey, (group = []))
    group.push(item)
  }
  const chunks: T[][] = []
  for (const group of groups.values()) {
    const size = batchSizeOf(group[0].payload)
    for (let start = 0; start < group.length; start += size) chunks.push(group.slice(start, start + size))
  }
  return chunks
}

function batchSizeOf(payload: Record<string, unknown>): number {
  const size = payload.batch_size
  return typeof size === 'number' && Number.isInteger(size) && size > 0 ? size : defaultBatchSize
}

async function deliverChunk(
  state: InstanceState,
  mapping: ConfiguredMapping,
  chunk: BatchItem[],
  signal: AbortSignal | undefined
): Promise<Outcome[]> {
  let last: ModifiedResponse | undefined
  const context = runContext(state, signal, (response) => {
    last = response
  })
  const performBatch = mapping.action.definition.performBatch!
  const payloads = chunk.map((item) => item.payload)
  const rawEvents = chunk.map((item) => item.event)
  const canRefresh = refreshesTokens(state.definition)
  const result = await withRetries(
    () =>
      withTokenRefresh(context, state.settings, state.tokens, state.onTokenRefresh, async (auth) => {
        const value = await runAction(
          context,
          performBatch,
          executeInput(state, mapping, payloads, rawEvents, auth)
        )
        // Every entry refused with 401 means the token expired: refresh and retry the batch once. A 401
        // for some entries only is about those entries; re-sending would send the accepted ones twice.
        if (canRefresh && value instanceof MultiStatusResponse && allUnauthorized(value)) {
          throw new InvalidAuthenticationError('The destination refused the access token for this batch.')
        }
        return value
      }),
    state.retryPolicy,
    signal
  )

  const base = (item: BatchItem) => ({
    ok: result.ok,
    value: undefined,
    error: result.ok ? undefined : result.error,
    attempts: result.attempts,
    payload: item.payload,
    warnings: item.warnings,
    // The events of a chunk share its requests: each outcome gets the last one, not every request
    // once per event (a webhook batch mixing targets makes one request per target).
    responses: last ? [last] : [],
    eventIndex: item.eventIndex
  })
  if (!result.ok || !(result.value instanceof MultiStatusResponse)) {
    return chunk.map((item) => {
      const outcome = finishOutcome(state, mapping, base(item))
      if (result.ok && result.value !== undefined) outcome.data = result.value
      return outcome
    })
  }
  const multistatus = result.value
  return chunk.map((item, index) => {
    const outcome = finishOutcome(state, mapping, { ...base(item), ok: true })
    const entry = multistatus.getResponseAtIndex(index)
    if (entry === undefined) {
      outcome.status = 'failed'
      outcome.error = {
        code: ErrorCodes.MISSING_BATCH_RESULT,
        message: `The destination returned no result for event ${item.eventIndex} of the batch.`,
        retryable: false,
        httpStatus: 500
      }
      return outcome
    }
    if (entry instanceof ActionDestinationErrorResponse) {
      const { status, errortype, errormessage, retryAfterMs } = entry.value()
      const retryable = isRetryableStatus(status)
      outcome.status = retryable ? 'retryable' : 'failed'
      outcome.error = {
        code: errortype ?? ErrorCodes.UNKNOWN_ERROR,
        message: state.redactor()(errormessage),
        retryable,
        httpStatus: status,
        ...(retryable && typeof retryAfterMs === 'number' && retryAfterMs >= 0 && { retryAfterMs })
      }
      return outcome
    }
    outcome.data = entry.value().body
    return outcome
  })
}

function allUnauthorized(multistatus: MultiStatusResponse): boolean {
  const entries = multistatus.getAllResponses()
  if (entries.length === 0) return false
  return entries.every(
    (entry) => entry instanceof ActionDestinationErrorResponse && entry.value().status === 401
  )
}
