/**
 * `POST <prefix>/<actionId>` runs an action (an array runs its batch path), and
 * `POST <prefix>/<actionId>/preview` shows the payload a mapping gives, checked,
 * without sending anything.
 */
import {
  createRedactor,
  summarizeResponse,
  toMultistatusResult,
  transform,
  validateMapping,
  type JSONObject,
  type SegmentEvent,
  type ValidationIssue,
  type ValidationWarning
} from '@destkit/core'
import { ApiError, errorAnswer } from './api-error.js'
import { parseActionInput } from './action-input.js'
import { requireAction, requireLoaded, type Answer, type ServedAction } from './answer.js'
import { redactValue, secretValues } from './secrets.js'
import type { ServedDestination } from './served-destination.js'

/** The payload one event gives under a mapping, checked. */
export interface PayloadPreview {
  valid: boolean
  /** The cleaned payload when valid; the mapped payload as it failed otherwise. */
  payload: unknown
  warnings: ValidationWarning[]
  /** Why the payload is invalid (invalid only). */
  issues?: ValidationIssue[]
  message?: string
}

/**
 * Maps one event and validates the result as the action would before sending.
 * Throws `INVALID_MAPPING` (422) with every problem of a mapping that cannot be used.
 *
 * @example
 * previewPayload(action, { text: { '@path': '$.event' } }, { type: 'track', event: 'Hi' })
 * // { valid: true, payload: { text: 'Hi' }, warnings: [] }
 */
export function previewPayload(action: ServedAction, mapping: JSONObject, event: JSONObject): PayloadPreview {
  const problems = validateMapping(mapping)
  if (problems.length > 0) {
    throw new ApiError(422, 'INVALID_MAPPING', problems.map((problem) => problem.message).join(' '), {
      problems
    })
  }
  const mapped = transform(mapping, event)
  const checked = action.validatePayload(mapped)
  if (checked.valid) return { valid: true, payload: checked.value, warnings: checked.warnings }
  return {
    valid: false,
    payload: mapped,
    warnings: checked.warnings,
    issues: checked.errors,
    message: checked.message
  }
}

/**
 * `POST <prefix>/<actionId>/preview`: 200 with `{ valid, payload, warnings, issues?, message? }`
 * (or `{ results: [...] }` for an array); 422 when the mapping cannot be used.
 *
 * @example
 * await answerPreview(served, 'postMessage', { event, mapping }) // { status: 200, body: { valid: true, payload: {…} } }
 */
export async function answerPreview(
  served: ServedDestination,
  actionId: string,
  body: unknown
): Promise<Answer> {
  const { input, previews, redact } = prepareActionRequest(served, actionId, body)
  return { status: 200, body: redactValue(input.batch ? { results: previews } : previews[0], redact) }
}

/**
 * `POST <prefix>/<actionId>`: runs the action on the event (or payload). 200 with
 * `{ data, payload, warnings, requests }`; a failure answers `{ error, payload, requests }`
 * with the status of `errorAnswer`. An array runs `performBatch`: 200 when every
 * event succeeded, else 207, with `{ multistatus, requests }`.
 *
 * @example
 * await answerAction(served, 'postMessage', { event, settings: { url } }) // { status: 200, body: { data: 'ok', … } }
 */
export async function answerAction(
  served: ServedDestination,
  actionId: string,
  body: unknown
): Promise<Answer> {
  const { loaded, input, previews, redact } = prepareActionRequest(served, actionId, body)
  const { destination } = loaded
  const options = {
    mapping: input.mapping,
    settings: input.settings,
    ...(input.auth && { auth: input.auth })
  }
  const recorded = await served.recording(async () =>
    input.batch
      ? toMultistatusResult(
          await destination.executeBatch(actionId, { ...options, events: input.events as SegmentEvent[] })
        )
      : destination.executeAction(actionId, { ...options, event: input.events[0] as SegmentEvent })
  )
  const requests = recorded.responses.map((response) => summarizeResponse(response, { redactor: redact }))
  if (recorded.error !== undefined) {
    const failure = errorAnswer(recorded.error)
    const preview = previews[0]
    const extra = input.batch
      ? {}
      : { payload: preview.payload, ...(preview.issues && { issues: preview.issues }) }
    return { status: failure.status, body: redactValue({ ...failure.body, ...extra, requests }, redact) }
  }
  if (input.batch) {
    const multistatus = (recorded.value as ReturnType<typeof toMultistatusResult>).multistatus ?? []
    const allSucceeded = multistatus.every((entry) => entry.status >= 200 && entry.status < 300)
    return { status: allSucceeded ? 200 : 207, body: redactValue({ multistatus, requests }, redact) }
  }
  return {
    status: 200,
    body: redactValue(
      {
        data: recorded.value ?? null,
        payload: previews[0].payload,
        warnings: previews[0].warnings,
        requests
      },
      redact
    )
  }
}

/**
 * What the preview and action routes share: the loaded definition, the action,
 * the parsed request, each event's mapped payload, and a redactor for every
 * secret among them.
 */
function prepareActionRequest(served: ServedDestination, actionId: string, body: unknown) {
  const loaded = requireLoaded(served)
  const action = requireAction(loaded, actionId)
  const input = parseActionInput(body, action)
  const previews = input.events.map((event) => previewPayload(action, input.mapping, event))
  const redact = createRedactor(
    secretValues(
      loaded.definition.authentication?.fields,
      input.settings,
      input.auth,
      action.fields,
      previews.map((preview) => preview.payload)
    )
  )
  return { loaded, action, input, previews, redact }
}
