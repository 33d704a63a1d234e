/**
 * The per-event path: trigger → mapping → validation → perform (with token
 * refresh and in-process retries) → a classified Outcome. Nothing here parses:
 * triggers, mappings and validators were compiled by `configure`.
 */
import { audienceMembershipOf } from './audience-membership.js'
import type { AuthTokens, DestinationDefinition, Logger } from '../definition/types.js'
import type { SegmentEvent } from '../events/segment-event.js'
import type { ModifiedResponse, RequestOptions } from '../http/types.js'
import type { JSONObject, JSONValue } from '../util/json.js'
import { classifyError } from '../http/classify-error.js'
import { createRedactor, summarizeResponse, type Redactor } from '../http/index.js'
import { maskedValues } from './secrets.js'
import type { CompiledAction } from './compile-action.js'
import type { Outcome, OutcomeStatus, OutcomeWarning } from './outcome.js'
import { withRetries, type RetryPolicy } from './retry.js'
import {
  refreshesTokens,
  withTokenRefresh,
  type TokenRefreshCallback,
  type TokenState
} from './oauth-refresh.js'
import { runAction, type RunContext } from './run-action.js'

/** A mapping of a configured instance, compiled. */
export interface ConfiguredMapping {
  id: string
  name?: string
  actionId: string
  action: CompiledAction
  /** The trigger text (the mapping's own, or the action's default subscription). */
  trigger: string
  /** The mapping as configured (the action's default mapping when none was given). */
  mapping: JSONObject
  enabled: boolean
  matches: (event: SegmentEvent) => boolean
  resolve: (event: SegmentEvent) => unknown
  /** Masks password-typed fields of a payload before it goes into an Outcome. */
  maskPayload: (payload: unknown) => unknown
  /** The audience's settings (audience destinations), handed to `perform` as `audienceSettings`. */
  audienceSettings?: Record<string, unknown>
}

/** What every delivery of an instance shares. */
export interface InstanceState {
  definition: DestinationDefinition
  settings: Record<string, unknown>
  tokens: TokenState
  retryPolicy: RetryPolicy
  onTokenRefresh?: TokenRefreshCallback
  logger?: Logger
  requestDefaults?: RequestOptions
  /** Masks the instance's secret values in text (rebuilt when tokens change). */
  redactor: () => Redactor
}

/** An Outcome for a mapping that did not run, or failed before its request. */
export function outcomeWithoutRequest(
  mapping: ConfiguredMapping,
  status: OutcomeStatus,
  extra: Partial<Outcome> = {}
): Outcome {
  return { mappingId: mapping.id, actionId: mapping.actionId, status, warnings: [], attempts: 0, ...extra }
}

/** A payload that passed validation, or the `invalid` Outcome explaining why not. */
export type PreparedPayload =
  { ok: true; payload: unknown; warnings: OutcomeWarning[] } | { ok: false; outcome: Outcome }

/**
 * Maps and validates one event for one mapping (the trigger already matched).
 *
 * @example
 * const prepared = preparePayload(mapping, event)
 * if (!prepared.ok) return prepared.outcome
 */
export function preparePayload(mapping: ConfiguredMapping, event: SegmentEvent): PreparedPayload {
  let resolved: unknown
  try {
    resolved = mapping.resolve(event)
  } catch (error) {
    return {
      ok: false,
      outcome: outcomeWithoutRequest(mapping, 'invalid', {
        error: {
          code: 'INVALID_MAPPING',
          message: describeThrown(error, 'The mapping could not be resolved'),
          retryable: false
        }
      })
    }
  }
  let checked: ReturnType<CompiledAction['validatePayload']>
  try {
    checked = mapping.action.validatePayload(resolved)
  } catch (error) {
    // A payload validation cannot normally throw; if a pathological value makes it, that event is invalid.
    return {
      ok: false,
      outcome: outcomeWithoutRequest(mapping, 'invalid', {
        error: {
          code: 'PAYLOAD_VALIDATION_FAILED',
          message: describeThrown(error, 'The payload could not be validated'),
          retryable: false,
          httpStatus: 400
        }
      })
    }
  }
  if (!checked.valid) {
    return {
      ok: false,
      outcome: outcomeWithoutRequest(mapping, 'invalid', {
        payload: mapping.maskPayload(resolved) as JSONValue,
        warnings: checked.warnings,
        error: {
          code: 'PAYLOAD_VALIDATION_FAILED',
          message: checked.message,
          retryable: false,
          httpStatus: 400
        }
      })
    }
  }
  return { ok: true, payload: checked.value, warnings: checked.warnings }
}

/**
 * Delivers one event through one mapping and classifies what happened. Never throws.
 *
 * @example
 * const outcome = await deliverToMapping(state, mapping, event, signal)
 */
export async function deliverToMapping(
  state: InstanceState,
  mapping: ConfiguredMapping,
  event: SegmentEvent,
  signal?: AbortSignal
): Promise<Outcome> {
  let matched: boolean
  try {
    matched = mapping.matches(event)
  } catch {
    matched = false
  }
  if (!matched) return outcomeWithoutRequest(mapping, 'not-subscribed')

  const prepared = preparePayload(mapping, event)
  if (!prepared.ok) return prepared.outcome
  const { payload, warnings } = prepared

  const responses: ModifiedResponse[] = []
  const redactors = new Set<Redactor>()
  const context = runContext(state, signal, (response) => {
    responses.push(response)
    // A token refresh replaces the instance's redactor mid-run: the earlier exchanges carry the old tokens.
    redactors.add(state.redactor())
  })
  const perform = mapping.action.definition.perform
  const attempt = (auth: AuthTokens | undefined) =>
    runAction(context, perform, executeInput(state, mapping, payload, event, auth))
  // Without a token refresh there is nothing to wrap: one promise hop fewer per delivery.
  const result = await withRetries(
    refreshesTokens(state.definition)
      ? () => withTokenRefresh(context, state.settings, state.tokens, state.onTokenRefresh, attempt)
      : () => attempt(state.tokens.auth),
    state.retryPolicy,
    signal
  )
  return finishOutcome(state, mapping, {
    ok: result.ok,
    value: result.ok ? result.value : undefined,
    error: result.ok ? undefined : result.error,
    attempts: result.attempts,
    payload,
    warnings,
    responses,
    redactors
  })
}

/** The ExecuteInput of one run of `perform` (with audience membership for audience destinations). */
export function executeInput(
  state: InstanceState,
  mapping: ConfiguredMapping,
  payload: unknown,
  rawData: SegmentEvent | SegmentEvent[],
  auth: AuthTokens | undefined
) {
  const input = {
    settings: state.settings,
    payload,
    mapping: mapping.mapping,
    rawData,
    ...(auth && { auth })
  }
  const definition = state.definition
  if (!definition.audienceFields && !definition.audienceConfig) return input
  return {
    ...input,
    ...(mapping.audienceSettings && { audienceSettings: mapping.audienceSettings }),
    audienceMembership: Array.isArray(rawData)
      ? rawData.map(audienceMembershipOf)
      : audienceMembershipOf(rawData)
  }
}

/** The run context of one delivery. */
export function runContext(
  state: InstanceState,
  signal: AbortSignal | undefined,
  onResponse: (response: ModifiedResponse) => void
): RunContext {
  return {
    definition: state.definition,
    onResponse,
    ...(signal && { signal }),
    ...(state.logger && { logger: state.logger }),
    ...(state.requestDefaults && { requestDefaults: state.requestDefaults })
  }
}

interface Finished {
  ok: boolean
  value: unknown
  error: unknown
  attempts: number
  payload: unknown
  warnings: OutcomeWarning[]
  /** Every response the run received, in order. */
  responses: readonly ModifiedResponse[]
  /** The instance's redactors in use when they arrived (old and new tokens, around a refresh). */
  redactors?: ReadonlySet<Redactor>
  eventIndex?: number
}

/** Builds the Outcome of a run: delivered, or the classified failure, with redacted summaries. */
export function finishOutcome(state: InstanceState, mapping: ConfiguredMapping, run: Finished): Outcome {
  const maskedPayload = mapping.maskPayload(run.payload)
  const redact = redactorFor(state, run.payload, maskedPayload, run.redactors)
  const outcome: Outcome = {
    mappingId: mapping.id,
    actionId: mapping.actionId,
    status: 'delivered',
    payload: maskedPayload as JSONValue,
    warnings: run.warnings,
    attempts: run.attempts,
    ...(run.eventIndex !== undefined && { eventIndex: run.eventIndex })
  }
  const count = run.responses.length
  if (count > 0) {
    const summary = summarizeResponse(run.responses[count - 1], { redactor: redact })
    outcome.request = summary.request
    outcome.response = summary.response
    // Only when there were several: the usual single request is not summarized twice.
    if (count > 1) {
      outcome.exchanges = run.responses
        .slice(0, -1)
        .map((response) => summarizeResponse(response, { redactor: redact }))
      outcome.exchanges.push(summary)
    }
  }
  if (run.ok) {
    if (run.value !== undefined) outcome.data = run.value
    return outcome
  }
  const classified = classifyError(run.error)
  outcome.status = classified.status
  outcome.error = {
    code: classified.code,
    message: redact(classified.message),
    retryable: classified.status === 'retryable',
    ...(classified.retryAfterMs !== undefined && { retryAfterMs: classified.retryAfterMs }),
    ...(classified.httpStatus !== undefined && { httpStatus: classified.httpStatus })
  }
  return outcome
}

const noRedactors: ReadonlySet<Redactor> = new Set()

/**
 * The instance's redactor (and those in use earlier in the run, so tokens replaced by a refresh stay
 * masked), plus the payload's own secrets (`password` fields) when it has any.
 */
function redactorFor(
  state: InstanceState,
  payload: unknown,
  maskedPayload: unknown,
  earlier: ReadonlySet<Redactor> = noRedactors
): Redactor {
  const current = state.redactor()
  const others = [...earlier].filter((redactor) => redactor !== current)
  const instanceRedactor: Redactor =
    others.length === 0
      ? current
      : (text) => others.reduce((masked, redactor) => redactor(masked), current(text))
  if (maskedPayload === payload) return instanceRedactor
  const payloadSecrets = maskedValues(payload, maskedPayload)
  if (payloadSecrets.length === 0) return instanceRedactor
  const payloadRedactor = createRedactor(payloadSecrets)
  return (text) => payloadRedactor(instanceRedactor(text))
}

function describeThrown(error: unknown, preamble: string): string {
  return `${preamble}: ${error instanceof Error ? error.message : String(error)}`
}
