/**
 * The host API: `configure` validates settings, parses every trigger and
 * compiles every mapping once, and returns an instance whose `deliver` and
 * `deliverBatch` classify every event instead of throwing.
 */
import type { AuthTokens, DestinationDefinition, Logger } from '../definition/types.js'
import type { SegmentEvent } from '../events/segment-event.js'
import type { RequestOptions } from '../http/types.js'
import { createRedactor, type Redactor } from '../http/index.js'
import type { JSONObject } from '../util/json.js'
import { compileMapping, MappingError } from '../mapping/index.js'
import { compileTrigger } from '../triggers/index.js'
import { validateEvent } from '../events/index.js'
import { suggestionSuffix } from '../util/did-you-mean.js'
import type { ValidationResult, ValidationWarning } from '../schema/index.js'
import { describeKind } from '../events/describe-value.js'
import type { CompiledAction } from './compile-action.js'
import { ConfigurationError, type ConfigurationProblem } from './configuration-error.js'
import {
  deliverToMapping,
  outcomeWithoutRequest,
  type ConfiguredMapping,
  type InstanceState
} from './deliver.js'
import { deliverBatchToMapping } from './deliver-batch.js'
import type { Outcome } from './outcome.js'
import { defaultRetryPolicy, noRetries, type RetryPolicy } from './retry.js'
import type { TokenRefreshCallback } from './oauth-refresh.js'
import { collectSecrets, createPayloadMasker } from './secrets.js'

/** One mapping of a configuration: which events go to which action, shaped how. */
export interface MappingConfig {
  /** A stable id, unique within the configuration (outcomes name it). */
  id: string
  name?: string
  actionId: string
  /** A trigger; defaults to the action's `defaultSubscription`. */
  trigger?: string
  /** The mapping; defaults to the action's default mapping (its fields' defaults). */
  mapping?: JSONObject
  /** Disabled mappings are compiled (so their problems show) but never run. Default true. */
  enabled?: boolean
  /** Audience destinations: the settings of the audience this mapping syncs (`audienceFields`). */
  audienceSettings?: Record<string, unknown>
}

/** What `configure` takes. */
export interface ConfigureOptions<Settings = Record<string, unknown>> {
  settings: Settings
  /** OAuth tokens for `oauth2`/`oauth-managed` destinations. */
  auth?: AuthTokens
  mappings: MappingConfig[]
  /** In-process retry policy (spec §6), merged over the default; `false` for none. */
  retry?: Partial<RetryPolicy> | false
  /** Receives new tokens after each refresh, so the host can store them. */
  onTokenRefresh?: TokenRefreshCallback
  logger?: Logger
  /** Request options applied under the destination's own, for every request of this instance. */
  requestDefaults?: RequestOptions
}

/** What `deliver` and `deliverBatch` take. */
export interface DeliverOptions {
  signal?: AbortSignal
}

/** A configured destination, ready to deliver events. */
export interface DestinationInstance<Settings = Record<string, unknown>> {
  readonly name: string
  readonly settings: Settings
  readonly mappings: readonly ConfiguredMapping[]
  /** The OAuth tokens in use (the latest after a refresh). */
  readonly auth: AuthTokens | undefined
  /** What the clean-up changed in the settings (a value coerced, an unknown key dropped…). */
  readonly settingsWarnings: readonly ValidationWarning[]
  /** One Outcome per enabled mapping, in order. Never throws for a destination's failure. */
  deliver(event: SegmentEvent, options?: DeliverOptions): Promise<Outcome[]>
  /** One Outcome per event per enabled mapping (with `eventIndex`), ordered by event, then mapping. */
  deliverBatch(events: SegmentEvent[], options?: DeliverOptions): Promise<Outcome[]>
}

/** What configure needs from the destination (kept narrow so it stays testable). */
export interface ConfigurableDestination {
  definition: DestinationDefinition
  actions: ReadonlyMap<string, CompiledAction>
  validateSettings: (settings: unknown) => ValidationResult
}

/**
 * Validates and compiles a configuration once; throws one `ConfigurationError`
 * listing every problem.
 *
 * @example
 * const instance = configure(destination, { settings: { apiKey }, mappings: [
 *   { id: 'orders', actionId: 'trackEvent', trigger: 'type = "track" and event = "Order Completed"' }
 * ] })
 * const outcomes = await instance.deliver(event)
 */
export function configure<Settings>(
  destination: ConfigurableDestination,
  options: ConfigureOptions<Settings>
): DestinationInstance<Settings> {
  const { definition } = destination
  const problems: ConfigurationProblem[] = []

  const given = options.settings ?? {}
  if (typeof given !== 'object' || Array.isArray(given)) {
    problems.push({
      where: 'settings',
      message: `The settings must be an object, not ${describeKind(given)}.`
    })
  }
  const settingsResult = destination.validateSettings(given)
  if (!settingsResult.valid) {
    for (const error of settingsResult.errors)
      problems.push({ where: `settings${error.path}`, message: error.message })
  }
  const settings = (settingsResult.valid ? settingsResult.value : given) as Record<string, unknown>

  const seen = new Set<string>()
  const mappings: ConfiguredMapping[] = []
  const mappingConfigs = options.mappings ?? []
  if (!Array.isArray(mappingConfigs)) {
    problems.push({
      where: 'mappings',
      message: `The mappings must be an array, not ${describeKind(mappingConfigs)}.`
    })
  }
  for (const [index, config] of (Array.isArray(mappingConfigs) ? mappingConfigs : []).entries()) {
    const mappingId = typeof config?.id === 'string' && config.id !== '' ? config.id : `#${index}`
    const report = (where: string, message: string) => problems.push({ mappingId, where, message })
    if (typeof config?.id !== 'string' || config.id === '')
      report('id', `Mapping #${index} needs an 'id' (a non-empty string).`)
    else if (seen.has(config.id)) report('id', `The id '${config.id}' is used by more than one mapping.`)
    seen.add(mappingId)

    const action = destination.actions.get(config?.actionId)
    if (!action) {
      report(
        'actionId',
        `'${String(config?.actionId)}' is not an action of ${definition.name}${suggestionSuffix(String(config?.actionId), destination.actions.keys())}.`
      )
      continue
    }
    const trigger = config.trigger ?? action.definition.defaultSubscription
    let matches: ConfiguredMapping['matches'] | undefined
    if (typeof trigger !== 'string' || trigger.trim() === '') {
      report('trigger', `It has no trigger and the action '${action.id}' has no default subscription.`)
    } else {
      try {
        matches = compileTrigger(trigger)
      } catch (error) {
        report('trigger', `The trigger is invalid: ${(error as Error).message}`)
      }
    }
    const mapping = config.mapping ?? action.defaultMapping
    let resolve: ConfiguredMapping['resolve'] | undefined
    try {
      resolve = compileMapping(mapping) as ConfiguredMapping['resolve']
    } catch (error) {
      if (error instanceof MappingError) {
        for (const problem of error.problems)
          report(`mapping${problem.pointer}`, `The mapping is invalid: ${problem.message}`)
      } else {
        report('mapping', `The mapping is invalid: ${(error as Error).message}`)
      }
    }
    if (matches && resolve) {
      // Configuration time is when schemas compile: never on the first event.
      action.validatePayload.prepare?.()
      mappings.push({
        id: config.id,
        ...(config.name !== undefined && { name: config.name }),
        actionId: action.id,
        action,
        trigger: trigger as string,
        mapping,
        enabled: config.enabled !== false,
        matches,
        resolve,
        maskPayload: createPayloadMasker(action.fields),
        ...(config.audienceSettings && { audienceSettings: config.audienceSettings })
      })
    }
  }
  if (problems.length > 0) throw new ConfigurationError(definition.name, problems)

  const retryPolicy: RetryPolicy =
    options.retry === false ? noRetries : { ...defaultRetryPolicy, ...(options.retry ?? {}) }
  const settingsFields = definition.authentication?.fields
  const state: InstanceState = {
    definition,
    settings,
    tokens: { auth: options.auth },
    retryPolicy,
    ...(options.onTokenRefresh && { onTokenRefresh: options.onTokenRefresh }),
    ...(options.logger && { logger: options.logger }),
    ...(options.requestDefaults && { requestDefaults: options.requestDefaults }),
    redactor: memoizeByTokens(
      () => createRedactor(collectSecrets(settingsFields, settings, state.tokens.auth)),
      () => state.tokens.auth
    )
  }
  const enabled = mappings.filter((m) => m.enabled)

  return {
    name: definition.name,
    settings: settings as Settings,
    settingsWarnings: settingsResult.warnings,
    mappings,
    get auth() {
      return state.tokens.auth
    },
    async deliver(event, deliverOptions = {}) {
      const checked = validateEvent(event)
      if (!checked.ok) return enabled.map((m) => invalidEventOutcome(m, checked.error))
      const outcomes: Outcome[] = new Array(enabled.length)
      for (let i = 0; i < enabled.length; i++) {
        outcomes[i] = await deliverToMapping(state, enabled[i], event, deliverOptions.signal)
      }
      return outcomes
    },
    async deliverBatch(events, deliverOptions = {}) {
      if (!Array.isArray(events)) {
        throw new TypeError('deliverBatch expects an array of events.')
      }
      const valid: SegmentEvent[] = []
      const validIndex: number[] = []
      const outcomes: Outcome[] = []
      events.forEach((event, eventIndex) => {
        const checked = validateEvent(event)
        if (checked.ok) {
          valid.push(event)
          validIndex.push(eventIndex)
        } else {
          for (const m of enabled) outcomes.push({ ...invalidEventOutcome(m, checked.error), eventIndex })
        }
      })
      for (const m of enabled) {
        const batchOutcomes = await deliverBatchToMapping(state, m, valid, deliverOptions.signal)
        batchOutcomes.forEach((outcome, i) => outcomes.push({ ...outcome, eventIndex: validIndex[i] }))
      }
      const order = new Map(enabled.map((m, i) => [m.id, i]))
      return outcomes.sort(
        (a, b) => a.eventIndex! - b.eventIndex! || order.get(a.mappingId)! - order.get(b.mappingId)!
      )
    }
  }
}

function invalidEventOutcome(mapping: ConfiguredMapping, error: { code?: string; message: string }): Outcome {
  return outcomeWithoutRequest(mapping, 'invalid', {
    error: { code: error.code ?? 'INVALID_EVENT', message: error.message, retryable: false, httpStatus: 400 }
  })
}

/** The redactor is rebuilt only when the tokens object changes (after a refresh). */
function memoizeByTokens(compute: () => Redactor, tokens: () => unknown): () => Redactor {
  let cachedFor: unknown = Symbol('none')
  let cached: Redactor = (text) => text
  return () => {
    const current = tokens()
    if (current !== cachedFor) {
      cached = compute()
      cachedFor = current
    }
    return cached
  }
}
