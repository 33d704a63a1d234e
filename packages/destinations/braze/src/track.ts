/**
 * `POST /users/track`: up to 75 attributes, 75 events and 75 purchases per request.
 *
 * Responses: 201 `{ message: 'success', attributes_processed?, events_processed?,
 * purchases_processed?, errors?: [{ type, input_array, index }] }` where each error
 * is a "minor" one (that object was not processed, the others were); 400
 * `{ message: <fatal>, errors: [...] }` when nothing was processed; 429 when over
 * the rate limit, with `X-RateLimit-Limit`, `-Remaining` and `-Reset` (epoch seconds).
 */
import {
  HTTPError,
  IntegrationError,
  MultiStatusResponse,
  RetryableError,
  classifyError,
  type JSONLikeObject,
  type ModifiedResponse,
  type RequestClient
} from '@destkit/core'
import type { Settings } from './generated-types.js'

/** The arrays of a /users/track request. */
export type TrackArray = 'attributes' | 'events' | 'purchases'

/** Braze takes at most this many objects of each kind in one request. */
export const MAX_OBJECTS_PER_REQUEST = 75

/** One error of a /users/track response. */
interface BrazeError {
  type: string
  input_array?: string
  index?: number
}

const nouns: Record<TrackArray, string> = {
  attributes: 'user attributes',
  events: 'event',
  purchases: 'purchase'
}

function brazeErrors(body: unknown, array: TrackArray): BrazeError[] {
  const errors = (body as { errors?: unknown } | undefined)?.errors
  if (!Array.isArray(errors)) return []
  return errors.filter(
    (error): error is BrazeError =>
      typeof error === 'object' &&
      error !== null &&
      typeof (error as BrazeError).type === 'string' &&
      ((error as BrazeError).input_array === undefined || (error as BrazeError).input_array === array)
  )
}

function fatalMessage(body: unknown): string | undefined {
  const message = (body as { message?: unknown } | undefined)?.message
  return typeof message === 'string' && message !== 'success' ? message : undefined
}

/**
 * Braze's 429 tells when the rate limit resets (`X-RateLimit-Reset`, epoch seconds) rather
 * than sending `Retry-After`, so the wait is computed from it.
 */
function withRateLimitWait(error: unknown): unknown {
  if (!(error instanceof HTTPError) || error.status !== 429) return error
  const headers = error.response?.headers
  if (!headers || headers.get('retry-after')) return error
  const reset = Number(headers.get('x-ratelimit-reset'))
  if (!Number.isFinite(reset) || reset <= 0) return error
  const retryable = new RetryableError(
    `Braze's rate limit was reached; it resets at ${new Date(reset * 1000).toISOString()}.`,
    429
  )
  retryable.code = 'TOO_MANY_REQUESTS'
  retryable.retryAfterMs = Math.max(0, reset * 1000 - Date.now())
  return retryable
}

async function postTrack(
  request: RequestClient,
  settings: Settings,
  array: TrackArray,
  objects: Record<string, unknown>[]
): Promise<ModifiedResponse> {
  try {
    return await request(`${settings.endpoint}/users/track`, { method: 'post', json: { [array]: objects } })
  } catch (error) {
    throw withRateLimitWait(error)
  }
}

function chunksOf<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = []
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size))
  return chunks
}

/**
 * Requests of at most `size` objects that keep each event's objects together, so
 * that a failed request never holds part of an event whose other part Braze
 * processed (a retry would record that part twice). Only an event with more
 * objects than fit in one request is split.
 *
 * @example
 * packByEvent([{ index: 0 }, { index: 0 }, { index: 1 }], 2) // [[{ index: 0 }, { index: 0 }], [{ index: 1 }]]
 */
export function packByEvent<T extends { index: number }>(objects: T[], size: number): T[][] {
  const byEvent: T[][] = []
  for (const object of objects) {
    const last = byEvent[byEvent.length - 1]
    if (last && last[0].index === object.index) last.push(object)
    else byEvent.push([object])
  }
  const chunks: T[][] = []
  let current: T[] = []
  for (const group of byEvent) {
    if (current.length > 0 && current.length + group.length > size) {
      chunks.push(current)
      current = []
    }
    if (group.length > size) {
      chunks.push(...chunksOf(group, size))
      continue
    }
    current.push(...group)
  }
  if (current.length > 0) chunks.push(current)
  return chunks
}

/**
 * Sends the objects of one event (one, or one per product for purchases). Any
 * object Braze refuses, by a minor error or a 400, fails the event with Braze's reason.
 *
 * @example
 * await trackObjects(request, settings, 'events', [{ external_id: 'user1234', name: 'Signed Up', time }])
 */
export async function trackObjects(
  request: RequestClient,
  settings: Settings,
  array: TrackArray,
  objects: Record<string, unknown>[],
  chunkSize = MAX_OBJECTS_PER_REQUEST
): Promise<ModifiedResponse> {
  let last: ModifiedResponse | undefined
  for (const chunk of chunksOf(objects, chunkSize)) {
    let errors: BrazeError[]
    try {
      last = await postTrack(request, settings, array, chunk)
      errors = brazeErrors(last.data, array)
    } catch (error) {
      errors =
        error instanceof HTTPError && error.status === 400 ? brazeErrors(error.response?.data, array) : []
      if (errors.length === 0) throw error
    }
    if (errors.length > 0) {
      const reasons = [...new Set(errors.map((error) => error.type))].join('; ')
      throw new IntegrationError(`Braze rejected the ${nouns[array]}: ${reasons}.`, 'REJECTED_BY_BRAZE', 400)
    }
  }
  return last as ModifiedResponse
}

/** The objects one event of a batch becomes (or why it cannot be sent). */
export type BatchEntry = { objects: Record<string, unknown>[] } | { error: IntegrationError }

/**
 * The batch entry of one event: its objects, or the reason it cannot be sent.
 *
 * @example
 * payloads.map((payload) => entryFor(() => [eventObject(payload, settings)]))
 */
export function entryFor(build: () => Record<string, unknown>[]): BatchEntry {
  try {
    return { objects: build() }
  } catch (error) {
    if (error instanceof IntegrationError) return { error }
    throw error
  }
}

interface Failure {
  status: number
  code: string
  message: string
}

/**
 * Sends the objects of a batch of events in requests of at most `chunkSize`
 * objects (each event's objects kept together where they fit), and reports each
 * event's fate: an event fails when Braze refuses any of its objects (minor
 * errors and 400s name them by index), and is delivered otherwise.
 *
 * @example
 * const results = await trackBatch(request, settings, 'events', entries, 75) // MultiStatusResponse
 */
export async function trackBatch(
  request: RequestClient,
  settings: Settings,
  array: TrackArray,
  entries: BatchEntry[],
  chunkSize = MAX_OBJECTS_PER_REQUEST
): Promise<MultiStatusResponse> {
  const results = new MultiStatusResponse()
  const failures = new Map<number, Failure>()
  const bodies = new Map<number, { status: number; body: JSONLikeObject | string }>()
  const fail = (index: number, failure: Failure) => {
    if (!failures.has(index)) failures.set(index, failure)
  }
  const rejectNamed = (problems: BrazeError[], chunk: Array<{ index: number }>) => {
    for (const problem of problems) {
      const item = problem.index === undefined ? undefined : chunk[problem.index]
      if (item) {
        fail(item.index, {
          status: 400,
          code: 'REJECTED_BY_BRAZE',
          message: `Braze rejected the ${nouns[array]}: ${problem.type}.`
        })
      }
    }
  }

  const objects: Array<{ index: number; object: Record<string, unknown> }> = []
  entries.forEach((entry, index) => {
    if ('error' in entry) {
      fail(index, {
        status: 400,
        code: entry.error.code ?? 'PAYLOAD_VALIDATION_FAILED',
        message: entry.error.message
      })
    } else {
      for (const object of entry.objects) objects.push({ index, object })
    }
  })

  const chunks = packByEvent(objects, Math.min(chunkSize, MAX_OBJECTS_PER_REQUEST))
  // One request standing for the whole batch: let its failure propagate so the runtime classifies
  // and retries it (with the rate limit's wait).
  const wholeBatch = chunks.length === 1 && failures.size === 0
  for (const chunk of chunks) {
    let response: ModifiedResponse
    try {
      response = await postTrack(
        request,
        settings,
        array,
        chunk.map((item) => item.object)
      )
    } catch (error) {
      const errors =
        error instanceof HTTPError && error.status === 400 ? brazeErrors(error.response?.data, array) : []
      if (errors.length === 0 && wholeBatch) throw error
      const classification = classifyError(error)
      const overall: Failure = {
        status: classification.httpStatus ?? (classification.status === 'retryable' ? 503 : 400),
        code: classification.code,
        message:
          error instanceof HTTPError && fatalMessage(error.response?.data)
            ? `Braze answered ${error.status}: ${fatalMessage(error.response?.data)}`
            : classification.message
      }
      // A 400 processed nothing: the objects it names fail with their reason, the others with its message.
      rejectNamed(errors, chunk)
      for (const item of chunk) fail(item.index, overall)
      continue
    }
    rejectNamed(brazeErrors(response.data, array), chunk)
    const body = (response.data as JSONLikeObject | undefined) ?? response.content
    for (const item of chunk) bodies.set(item.index, { status: response.status, body })
  }

  entries.forEach((entry, index) => {
    const failure = failures.get(index)
    const sent = 'objects' in entry ? ({ [array]: entry.objects } as JSONLikeObject) : undefined
    if (failure) {
      results.setErrorResponseAtIndex(index, {
        status: failure.status,
        errortype: failure.code,
        errormessage: failure.message,
        ...(sent && { sent })
      })
    } else {
      const { status, body } = bodies.get(index) ?? { status: 201, body: 'nothing to send' }
      results.setSuccessResponseAtIndex(index, { status, sent: sent ?? '', body })
    }
  })
  return results
}
