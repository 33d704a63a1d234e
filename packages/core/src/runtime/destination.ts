/**
 * `Destination`: the compatible class around a definition. It checks the
 * definition once when constructed, prepares every action, and offers both the
 * compatible surface (`onEvent`, `onBatch`, `executeAction`, `testAuthentication`,
 * `refreshAccessToken`, `onDelete`, audiences) and destkit's host API (`configure`).
 */
import type {
  AuthTokens,
  CreateAudienceInput,
  DestinationDefinition,
  DynamicFieldResponse,
  ExecuteInput,
  GetAudienceInput,
  Logger,
  OAuth2Authentication,
  OAuth2ClientCredentials,
  RefreshAccessTokenResult,
  Features,
  StatsContext
} from '../definition/types.js'
import type { SegmentEvent } from '../events/segment-event.js'
import type { ModifiedResponse, RequestClient } from '../http/types.js'
import type { JSONLikeObject, JSONObject } from '../util/json.js'
import { validateDefinition, DefinitionError } from '../definition/validate-definition.js'
import { IntegrationError, InvalidAuthenticationError, PayloadValidationError } from '../errors/errors.js'
import { ErrorCodes } from '../errors/error-codes.js'
import { HTTPError } from '../errors/http-errors.js'
import {
  ActionDestinationErrorResponse,
  MultiStatusErrorReporter,
  MultiStatusResponse,
  type ActionDestinationErrorResponseType,
  type ActionDestinationSuccessResponseType
} from '../errors/multi-status-response.js'
import { transform } from '../mapping/index.js'
import { compileTrigger } from '../triggers/index.js'
import { createSettingsValidator, settingsError, type ValidationResult } from '../schema/index.js'
import { suggestionSuffix } from '../util/did-you-mean.js'
import { compileAction, type CompiledAction } from './compile-action.js'
import { configure, type ConfigureOptions, type DestinationInstance } from './configure.js'
import { refreshAccessToken, withTokenRefresh, type TokenState } from './oauth-refresh.js'
import { runAction, type RunContext } from './run-action.js'
import { collectSecrets } from './secrets.js'
import { createRedactor, type Redactor } from '../http/redact.js'

/** A compatible result of `onEvent`/`onBatch`/`executeAction`. */
export interface Result {
  output?: JSONObject | string | null
  error?: JSONObject | null
  data?: unknown
  multistatus?: Array<
    | ActionDestinationSuccessResponseType
    | (ActionDestinationErrorResponseType & { errorreporter: MultiStatusErrorReporter })
  >
}

/** A compatible subscription, as found in `settings.subscription(s)`. */
export interface Subscription {
  name?: string
  partnerAction: string
  subscribe: string
  mapping?: JSONObject
}

/** OAuth data as the compatible surface passes it in `settings.oauth`. */
export interface OAuthSettings {
  access_token?: string
  refresh_token?: string
  clientId?: string
  clientSecret?: string
  refresh_token_url?: string
}

/** Options of `executeAction`. */
export interface ExecuteActionOptions<Settings> {
  event: SegmentEvent
  mapping?: JSONObject
  settings: Settings
  auth?: AuthTokens
  signal?: AbortSignal
  logger?: Logger
  /** Passed to the action as is (compatible; destkit itself does not read them). */
  features?: Features
  statsContext?: StatsContext
}

/** Options of `executeBatch`. */
export interface ExecuteBatchOptions<Settings> {
  events: SegmentEvent[]
  mapping?: JSONObject
  settings: Settings
  auth?: AuthTokens
  signal?: AbortSignal
  logger?: Logger
  /** Passed to the action as is (compatible; destkit itself does not read them). */
  features?: Features
  statsContext?: StatsContext
}

/** Options of `executeDynamicField`. */
export interface ExecuteDynamicFieldOptions<Settings> {
  settings: Settings
  /** The mapping's payload so far (a field's choices may depend on other fields). */
  payload?: unknown
  auth?: AuthTokens
  /** The page of choices to fetch (the `nextPage` of a previous answer). */
  page?: string
  dynamicFieldContext?: ExecuteInput['dynamicFieldContext']
  signal?: AbortSignal
  logger?: Logger
}

/** Subscription triggers seen by the compatible surface, compiled once each (bounded). */
const triggerCacheLimit = 1_000

/**
 * A destination, ready to run.
 *
 * @example
 * const destination = new Destination(definition)
 * const instance = destination.configure({ settings, mappings })
 * const outcomes = await instance.deliver(event)
 */
export class Destination<Settings = any> {
  readonly definition: DestinationDefinition<Settings>
  readonly name: string
  readonly authentication: DestinationDefinition<Settings>['authentication']
  /** The prepared actions, by id. */
  readonly actions: Readonly<Record<string, CompiledAction>>
  /** The same actions as a Map (used by `configure`). */
  readonly actionMap: ReadonlyMap<string, CompiledAction>
  readonly validateSettings: (settings: unknown) => ValidationResult
  /** The settings' declared defaults, applied under the given settings. */
  readonly settingsDefaults: Readonly<Record<string, unknown>>
  /** Receives every response of every request this destination makes (the test kit records them). */
  onResponse?: (response: ModifiedResponse) => void

  private readonly triggerCache = new Map<string, (event: SegmentEvent) => boolean>()

  constructor(definition: DestinationDefinition<Settings>) {
    const problems = validateDefinition(definition)
    if (problems.length > 0) {
      throw new DefinitionError(problems, typeof definition?.name === 'string' ? definition.name : undefined)
    }
    this.definition = definition
    this.name = definition.name
    this.authentication = definition.authentication
    const actions = new Map<string, CompiledAction>()
    for (const [id, action] of Object.entries(definition.actions)) actions.set(id, compileAction(id, action))
    this.actionMap = actions
    this.actions = Object.freeze(Object.fromEntries(actions))
    this.validateSettings = createSettingsValidator(definition.authentication?.fields ?? {})
    this.settingsDefaults = Object.freeze(settingsDefaultsOf(definition))
  }

  /**
   * Validates settings and compiles mappings and triggers once (destkit's host API).
   *
   * @example
   * const instance = destination.configure({ settings: { apiKey }, mappings: [{ id: 'm1', actionId: 'track' }] })
   */
  configure(options: ConfigureOptions<Settings>): DestinationInstance<Settings> {
    return configure(
      { definition: this.definition, actions: this.actionMap, validateSettings: this.validateSettings },
      { ...options, settings: withDefaults(this.settingsDefaults, options.settings) as Settings }
    )
  }

  /**
   * Runs one action on one event with a mapping (compatible). Throws on failure.
   *
   * @example
   * const data = await destination.executeAction('postMessage', { event, mapping, settings })
   */
  async executeAction(actionId: string, options: ExecuteActionOptions<Settings>): Promise<unknown> {
    const action = this.requireAction(actionId)
    const settings = this.actionSettings(options.settings)
    const mapping = options.mapping ?? action.defaultMapping
    const checked = action.validatePayload(transform(mapping, options.event))
    if (!checked.valid) throw new PayloadValidationError(checked.message)
    const context = this.runContext(options.signal, options.logger)
    const state: TokenState = { auth: options.auth }
    try {
      return await withTokenRefresh(context, settings, state, undefined, (auth) =>
        runAction(context, action.definition.perform, {
          settings,
          payload: checked.value,
          mapping,
          rawData: options.event,
          ...(auth && { auth }),
          ...(options.features && { features: options.features }),
          ...(options.statsContext && { statsContext: options.statsContext })
        })
      )
    } catch (error) {
      throw this.withoutSecrets(error, settings, state.auth)
    }
  }

  /**
   * Runs one action's `performBatch` on events (compatible). Invalid events are
   * reported in the returned multistatus and left out of the request.
   *
   * @example
   * const results = await destination.executeBatch('send', { events, mapping, settings })
   */
  async executeBatch(actionId: string, options: ExecuteBatchOptions<Settings>): Promise<MultiStatusResponse> {
    const action = this.requireAction(actionId)
    if (typeof action.definition.performBatch !== 'function') {
      throw new IntegrationError(
        `The action '${actionId}' of ${this.name} does not support batches (it has no performBatch).`,
        ErrorCodes.NOT_IMPLEMENTED_BY_DESTINATION,
        400
      )
    }
    const settings = this.actionSettings(options.settings)
    const mapping = options.mapping ?? action.defaultMapping
    const results = new MultiStatusResponse()
    const validPayloads: unknown[] = []
    const validEvents: SegmentEvent[] = []
    const validIndex: number[] = []
    options.events.forEach((event, index) => {
      const checked = action.validatePayload(transform(mapping, event))
      if (checked.valid) {
        validPayloads.push(checked.value)
        validEvents.push(event)
        validIndex.push(index)
      } else {
        results.setErrorResponseAtIndex(index, {
          status: 400,
          errortype: ErrorCodes.PAYLOAD_VALIDATION_FAILED,
          errormessage: checked.message,
          errorreporter: MultiStatusErrorReporter.INTEGRATIONS
        } as ActionDestinationErrorResponseType)
      }
    })
    if (validPayloads.length === 0) return results
    const context = this.runContext(options.signal, options.logger)
    const state: TokenState = { auth: options.auth }
    const performBatch = action.definition.performBatch
    let value: unknown
    try {
      value = await withTokenRefresh(context, settings, state, undefined, (auth) =>
        runAction(context, performBatch, {
          settings,
          payload: validPayloads,
          mapping,
          rawData: validEvents,
          ...(auth && { auth }),
          ...(options.features && { features: options.features }),
          ...(options.statsContext && { statsContext: options.statsContext })
        })
      )
    } catch (error) {
      const status = (error as { status?: number }).status ?? 500
      const message = error instanceof Error ? error.message : String(error)
      validIndex.forEach((index) =>
        results.setErrorResponseAtIndex(index, {
          status,
          errortype: (error as { code?: string }).code ?? ErrorCodes.UNKNOWN_ERROR,
          errormessage: message,
          // The destination answered with an error status; anything else failed on this side.
          errorreporter:
            error instanceof HTTPError
              ? MultiStatusErrorReporter.DESTINATION
              : MultiStatusErrorReporter.INTEGRATIONS
        } as ActionDestinationErrorResponseType)
      )
      return results
    }
    validIndex.forEach((index, i) => {
      if (value instanceof MultiStatusResponse) {
        const entry = value.getResponseAtIndex(i)
        if (entry instanceof ActionDestinationErrorResponse) results.setErrorResponseAtIndex(index, entry)
        else if (entry) results.setSuccessResponseAtIndex(index, entry)
        else {
          results.setErrorResponseAtIndex(index, {
            status: 500,
            errortype: ErrorCodes.MISSING_BATCH_RESULT,
            errormessage: `The destination returned no result for event ${index} of the batch.`
          })
        }
      } else {
        results.setSuccessResponseAtIndex(index, {
          status: 200,
          sent: validPayloads[i] as JSONLikeObject,
          body: (value ?? {}) as JSONLikeObject
        })
      }
    })
    return results
  }

  /**
   * Runs every subscription in `settings` on one event (compatible). Throws when an action fails.
   *
   * @example
   * await destination.onEvent(event, { apiKey, subscription: { subscribe: 'type = "track"', partnerAction: 'track', mapping } })
   */
  async onEvent(
    event: SegmentEvent,
    settings: JSONObject,
    options: { signal?: AbortSignal; logger?: Logger } = {}
  ): Promise<Result[]> {
    const { destinationSettings, subscriptions, auth } = this.splitCompatibleSettings(settings)
    const results: Result[] = []
    for (const subscription of subscriptions) {
      if (!this.matches(subscription.subscribe, event)) {
        results.push({ output: 'not subscribed' })
        continue
      }
      const data = await this.executeAction(subscription.partnerAction, {
        event,
        settings: destinationSettings,
        ...(subscription.mapping && { mapping: subscription.mapping }),
        ...(auth && { auth }),
        ...(options.signal && { signal: options.signal }),
        ...(options.logger && { logger: options.logger })
      })
      results.push({ output: 'Action Executed', data: data as JSONObject })
    }
    return results
  }

  /**
   * Runs every subscription in `settings` on a batch of events (compatible): one
   * multistatus result per subscription.
   *
   * @example
   * const [result] = await destination.onBatch(events, { apiKey, subscription })
   * result.multistatus?.[0].status // 200
   */
  async onBatch(
    events: SegmentEvent[],
    settings: JSONObject,
    options: { signal?: AbortSignal; logger?: Logger } = {}
  ): Promise<Result[]> {
    const { destinationSettings, subscriptions, auth } = this.splitCompatibleSettings(settings)
    const results: Result[] = []
    for (const subscription of subscriptions) {
      const subscribed = events.filter((event) => this.matches(subscription.subscribe, event))
      if (subscribed.length === 0) {
        results.push({ output: 'not subscribed' })
        continue
      }
      const multistatus = await this.executeBatch(subscription.partnerAction, {
        events: subscribed,
        settings: destinationSettings,
        ...(subscription.mapping && { mapping: subscription.mapping }),
        ...(auth && { auth }),
        ...(options.signal && { signal: options.signal }),
        ...(options.logger && { logger: options.logger })
      })
      results.push(toMultistatusResult(multistatus))
    }
    return results
  }

  /**
   * Checks credentials with the definition's `testAuthentication` (compatible).
   * Throws `InvalidAuthenticationError` with the reason when they are refused.
   *
   * @example
   * await destination.testAuthentication({ apiKey: 'sk_live_…' })
   */
  async testAuthentication(settings: Settings & { oauth?: OAuthSettings }): Promise<void> {
    const { oauth, ...rest } = (settings ?? {}) as Settings & { oauth?: OAuthSettings }
    const checked = this.checkSettings(rest as Settings)
    const test = this.authentication?.testAuthentication
    if (!test) return
    const context = this.runContext()
    const state: TokenState = { auth: toAuthTokens(oauth) }
    try {
      await withTokenRefresh(context, checked, state, undefined, (auth) =>
        runAction(
          context,
          (request, data) => test(request, { settings: data.settings as Settings, ...(auth && { auth }) }),
          {
            settings: checked,
            payload: undefined,
            ...(auth && { auth })
          }
        )
      )
    } catch (error) {
      // An HTTP refusal reads as its status, as in the compatible runtime ("… invalid: 401 Unauthorized").
      const reason =
        error instanceof HTTPError
          ? `${error.status}${error.response.statusText ? ` ${error.response.statusText}` : ''}`
          : error instanceof Error
            ? error.message
            : String(error)
      throw new InvalidAuthenticationError(
        `Credentials are invalid: ${this.secretsRedactor(checked, state.auth)(reason)}`
      )
    }
  }

  /**
   * Refreshes an OAuth2 access token with the definition's `refreshAccessToken` (compatible).
   *
   * @example
   * const { accessToken } = await destination.refreshAccessToken(settings, { refreshToken, clientId, clientSecret, accessToken })
   */
  async refreshAccessToken(
    settings: Settings,
    oauthData: OAuth2ClientCredentials
  ): Promise<RefreshAccessTokenResult | undefined> {
    const scheme = this.authentication as OAuth2Authentication<Settings> | undefined
    if (!scheme || (scheme.scheme !== 'oauth2' && scheme.scheme !== 'oauth-managed')) {
      throw new IntegrationError(
        `${this.name} does not use OAuth2, so it has no access token to refresh.`,
        ErrorCodes.NOT_IMPLEMENTED_BY_DESTINATION,
        501
      )
    }
    // An OAuth2 destination without a refresher has nothing to do (compatible: undefined).
    if (!scheme.refreshAccessToken) return undefined
    return refreshAccessToken(this.runContext(), settings, oauthData)
  }

  /**
   * Runs one of an action's dynamic fields and resolves to its choices (what a
   * mapping editor offers for that field). Settings get their defaults but are
   * not validated: choices are asked for while settings are still being filled
   * in, and the function reports what it lacks itself. An OAuth2 destination
   * refreshes its token once on a 401, as actions do.
   *
   * @example
   * const { choices } = await destination.executeDynamicField('addToList', 'list_id', { settings, payload: {} })
   */
  async executeDynamicField(
    actionId: string,
    fieldKey: string,
    options: ExecuteDynamicFieldOptions<Settings>
  ): Promise<DynamicFieldResponse> {
    const action = this.requireAction(actionId)
    const dynamicFields = action.definition.dynamicFields ?? {}
    const dynamic = Object.hasOwn(dynamicFields, fieldKey) ? dynamicFields[fieldKey] : undefined
    if (typeof dynamic !== 'function') {
      throw new IntegrationError(
        `The action '${actionId}' of ${this.name} has no dynamic field '${fieldKey}'${suggestionSuffix(fieldKey, Object.keys(dynamicFields))}.`,
        ErrorCodes.NOT_FOUND,
        404
      )
    }
    const settings = this.withSettingsDefaults(options.settings)
    const context = this.runContext(options.signal, options.logger)
    const state: TokenState = { auth: options.auth }
    let result: unknown
    try {
      result = await withTokenRefresh(context, settings, state, undefined, (auth) =>
        runAction(context, dynamic, {
          settings,
          payload: options.payload ?? {},
          ...(auth && { auth }),
          ...(options.page !== undefined && { page: options.page }),
          ...(options.dynamicFieldContext && { dynamicFieldContext: options.dynamicFieldContext })
        })
      )
    } catch (error) {
      throw this.withoutSecrets(error, settings, state.auth)
    }
    if (
      typeof result !== 'object' ||
      result === null ||
      !Array.isArray((result as DynamicFieldResponse).choices)
    ) {
      throw new IntegrationError(
        `The dynamic field '${fieldKey}' of the action '${actionId}' did not return { choices: [...] }.`,
        ErrorCodes.UNKNOWN_ERROR,
        500
      )
    }
    return result as DynamicFieldResponse
  }

  /**
   * Deletes a user's data at the destination (compatible); returns the handler's result.
   *
   * @example
   * await destination.onDelete({ type: 'delete', userId: 'u1' }, settings)
   */
  async onDelete(event: SegmentEvent, settings: JSONObject): Promise<unknown> {
    const onDelete = this.definition.onDelete
    if (!onDelete) return { output: 'This destination does not support deletion.' }
    const { destinationSettings, auth } = this.splitCompatibleSettings(settings)
    const context = this.runContext()
    const state: TokenState = { auth }
    const payload = { userId: event.userId, anonymousId: event.anonymousId }
    try {
      return await withTokenRefresh(context, destinationSettings, state, undefined, (currentAuth) =>
        runAction(context, onDelete, {
          settings: destinationSettings,
          payload,
          rawData: event,
          ...(currentAuth && { auth: currentAuth })
        })
      )
    } catch (error) {
      throw this.withoutSecrets(error, destinationSettings, state.auth)
    }
  }

  /**
   * Creates an audience at the destination (audience destinations, compatible).
   *
   * @example
   * const { externalId } = await destination.createAudience({ settings, audienceName: 'VIPs' })
   */
  async createAudience(input: CreateAudienceInput<Settings>): Promise<{ externalId: string }> {
    const create = this.definition.audienceConfig?.createAudience
    return this.runAudienceCall(
      'createAudience',
      ErrorCodes.CREATE_AUDIENCE_FAILED,
      input,
      create && ((request) => create(request, input))
    )
  }

  /**
   * Reads an audience at the destination (audience destinations, compatible).
   *
   * @example
   * const { externalId } = await destination.getAudience({ settings, externalId: '42' })
   */
  async getAudience(input: GetAudienceInput<Settings>): Promise<{ externalId: string }> {
    const get = this.definition.audienceConfig?.getAudience
    return this.runAudienceCall(
      'getAudience',
      ErrorCodes.GET_AUDIENCE_FAILED,
      input,
      get && ((request) => get(request, input))
    )
  }

  /** Runs `createAudience` or `getAudience` and checks that it answered with an `externalId`. */
  private async runAudienceCall(
    name: 'createAudience' | 'getAudience',
    code: string,
    input: { settings: Settings; signal?: AbortSignal },
    call: ((request: RequestClient) => unknown) | undefined
  ): Promise<{ externalId: string }> {
    if (!call) {
      const verb = name === 'createAudience' ? 'create' : 'read'
      throw new IntegrationError(`${this.name} cannot ${verb} audiences.`, code, 400)
    }
    let result: { externalId?: unknown } | undefined
    try {
      result = (await runAction(this.runContext(input.signal), call, {
        settings: input.settings,
        payload: undefined
      })) as { externalId?: unknown } | undefined
    } catch (error) {
      throw this.withoutSecrets(error, input.settings, undefined)
    }
    if (typeof result?.externalId !== 'string' || result.externalId === '') {
      throw new IntegrationError(`${name} did not return an externalId.`, code, 500)
    }
    return { externalId: result.externalId }
  }

  /**
   * A failure thrown to the caller, with the instance's secrets masked in its
   * message (a secret URL's path can reach an HTTPError's message).
   */
  private withoutSecrets(error: unknown, settings: unknown, auth: AuthTokens | undefined): unknown {
    if (!(error instanceof Error)) return error
    const message = this.secretsRedactor(settings, auth)(error.message)
    if (message !== error.message) error.message = message
    return error
  }

  /** Masks the secrets of these settings and tokens (built on a failure path only). */
  private secretsRedactor(settings: unknown, auth: AuthTokens | undefined): Redactor {
    return createRedactor(collectSecrets(this.authentication?.fields, settings, auth))
  }

  /** The action, or an error naming the closest one. */
  protected requireAction(actionId: string): CompiledAction {
    const action = this.actionMap.get(actionId)
    if (!action) {
      throw new IntegrationError(
        `'${actionId}' is not an action of ${this.name}${suggestionSuffix(actionId, this.actionMap.keys())}.`,
        ErrorCodes.ACTION_NOT_FOUND,
        400
      )
    }
    return action
  }

  /**
   * The settings an action runs with (`executeAction`, `executeBatch`): validated
   * here; the test kit overrides this to only apply defaults, as destination tests
   * written for the compatible runtime often leave required settings out.
   */
  protected actionSettings(settings: Settings): Settings {
    return this.checkSettings(settings)
  }

  /** Settings with their defaults, unvalidated. */
  protected withSettingsDefaults(settings: Settings): Settings {
    return withDefaults(this.settingsDefaults, settings) as Settings
  }

  /** Validated settings (unknown keys kept), or the `INVALID_SETTINGS` error. */
  protected checkSettings(settings: Settings): Settings {
    const checked = this.validateSettings(withDefaults(this.settingsDefaults, settings))
    if (!checked.valid) throw settingsError(checked)
    return checked.value as Settings
  }

  protected runContext(signal?: AbortSignal, logger?: Logger): RunContext {
    const onResponse = this.onResponse
    return {
      definition: this.definition,
      ...(signal && { signal }),
      ...(logger && { logger }),
      ...(onResponse && { onResponse: (response: ModifiedResponse) => onResponse(response) })
    }
  }

  private matches(trigger: string, event: SegmentEvent): boolean {
    let compiled = this.triggerCache.get(trigger)
    if (!compiled) {
      compiled = compileTrigger(trigger)
      if (this.triggerCache.size >= triggerCacheLimit) this.triggerCache.clear()
      this.triggerCache.set(trigger, compiled)
    }
    return compiled(event)
  }

  private splitCompatibleSettings(settings: JSONObject): {
    destinationSettings: Settings
    subscriptions: Subscription[]
    auth: AuthTokens | undefined
  } {
    const { subscription, subscriptions, oauth, ...destinationSettings } = (settings ?? {}) as Record<
      string,
      unknown
    >
    let list: unknown = subscriptions ?? (subscription ? [subscription] : [])
    if (typeof list === 'string') {
      try {
        list = JSON.parse(list)
      } catch {
        throw new IntegrationError(
          'settings.subscriptions is not valid JSON.',
          ErrorCodes.INVALID_SETTINGS,
          400
        )
      }
    }
    if (!Array.isArray(list)) {
      throw new IntegrationError(
        'settings.subscriptions must be an array of subscriptions.',
        ErrorCodes.INVALID_SETTINGS,
        400
      )
    }
    return {
      destinationSettings: destinationSettings as Settings,
      subscriptions: list as Subscription[],
      auth: toAuthTokens(oauth as OAuthSettings | undefined)
    }
  }
}

/**
 * A batch's per-event results in the compatible `Result` shape. An error entry
 * keeps the reporter it was given; otherwise it is the destination's when it
 * says what was sent or received, and the runtime's when not (compatible).
 *
 * @example
 * toMultistatusResult(multistatus).multistatus?.[0].status // 200
 */
export function toMultistatusResult(multistatus: MultiStatusResponse): Result {
  return {
    multistatus: multistatus.getAllResponses().map((entry) =>
      entry instanceof ActionDestinationErrorResponse
        ? {
            ...entry.value(),
            errorreporter: errorReporterOf(entry.value())
          }
        : (entry?.value() ?? {
            status: 500,
            errortype: ErrorCodes.MISSING_BATCH_RESULT,
            errormessage: 'No result was returned for this event.',
            errorreporter: MultiStatusErrorReporter.INTEGRATIONS
          })
    ) as Result['multistatus']
  }
}

/**
 * Who reported an error entry: as set, else the destination when the entry says
 * what was sent or received (`sent`/`body`), else the runtime (compatible).
 */
function errorReporterOf(value: object): MultiStatusErrorReporter {
  const entry = value as { errorreporter?: MultiStatusErrorReporter; sent?: unknown; body?: unknown }
  if (entry.errorreporter) return entry.errorreporter
  return entry.sent || entry.body
    ? MultiStatusErrorReporter.DESTINATION
    : MultiStatusErrorReporter.INTEGRATIONS
}

/**
 * Settings over their defaults. A setting given as `null` or `undefined` keeps its
 * default (a form left empty means "not set"); anything that is not an object is
 * returned as is, for validation to reject with its own sentence.
 */
function withDefaults(defaults: Readonly<Record<string, unknown>>, settings: unknown): unknown {
  if (settings === undefined || settings === null) return { ...defaults }
  if (typeof settings !== 'object' || Array.isArray(settings)) return settings
  const merged: Record<string, unknown> = { ...defaults }
  for (const [key, value] of Object.entries(settings)) {
    if ((value === null || value === undefined) && key in defaults) continue
    merged[key] = value
  }
  return merged
}

/** The `default` of every setting that declares one. */
function settingsDefaultsOf(definition: DestinationDefinition): Record<string, unknown> {
  const defaults: Record<string, unknown> = {}
  for (const [key, field] of Object.entries(definition.authentication?.fields ?? {})) {
    if (field.default !== undefined) defaults[key] = field.default
  }
  return defaults
}

/** The compatible `settings.oauth` shape → AuthTokens. */
function toAuthTokens(oauth: OAuthSettings | undefined): AuthTokens | undefined {
  if (!oauth || typeof oauth !== 'object') return undefined
  return {
    accessToken: oauth.access_token ?? '',
    ...(oauth.refresh_token && { refreshToken: oauth.refresh_token }),
    ...(oauth.clientId && { clientId: oauth.clientId }),
    ...(oauth.clientSecret && { clientSecret: oauth.clientSecret }),
    ...(oauth.refresh_token_url && { refreshTokenUrl: oauth.refresh_token_url })
  }
}
