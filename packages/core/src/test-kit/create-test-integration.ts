/**
 * The test kit for destination authors (compatible): a destination that records
 * the responses of each test call, cleared at the start of the next one.
 */
import type {
  AuthTokens,
  DestinationDefinition,
  DynamicFieldResponse,
  ExecuteInput,
  Features,
  OAuth2ClientCredentials,
  RefreshAccessTokenResult,
  StatsContext
} from '../definition/types.js'
import type { SegmentEvent } from '../events/segment-event.js'
import type { ModifiedResponse } from '../http/types.js'
import type { JSONObject } from '../util/json.js'
import { IntegrationError } from '../errors/errors.js'
import { ErrorCodes } from '../errors/error-codes.js'
import { Destination, toMultistatusResult, type OAuthSettings, type Result } from '../runtime/destination.js'
import { runAction } from '../runtime/run-action.js'
import { createTestEvent } from './create-test-event.js'

/** Options of `testAction`. */
export interface TestActionOptions<Settings> {
  event?: Partial<SegmentEvent>
  mapping?: JSONObject
  settings?: Settings
  auth?: AuthTokens
  /** Merge each field's `default` under the given mapping. */
  useDefaultMappings?: boolean
  /** Handed to the action as is (compatible); destkit itself does not read them. */
  features?: Features
  statsContext?: StatsContext
  logger?: ExecuteInput['logger']
  signal?: AbortSignal
}

/** Options of `testBatchAction`. */
export interface TestBatchActionOptions<Settings> extends Omit<TestActionOptions<Settings>, 'event'> {
  events?: Array<Partial<SegmentEvent>>
}

/**
 * A destination for tests: `testAction`, `testBatchAction`, `testAuthentication`,
 * `refreshAccessToken` and `testDynamicField` resolve to what the call did, and
 * `responses` holds the responses of the last call only.
 */
export class TestDestination<Settings = any> extends Destination<Settings> {
  /** The responses of the last test call (each with `request` and `options` as sent). */
  responses: ModifiedResponse[] = []
  /** The per-event results of the last `testBatchAction`. */
  results: Result[] = []

  constructor(definition: DestinationDefinition<Settings>) {
    super(definition)
    this.onResponse = (response) => {
      this.responses.push(response)
    }
  }

  /**
   * Runs one action on one event and resolves to the responses it received.
   *
   * @example
   * const responses = await testDestination.testAction('postMessage', { event, settings, useDefaultMappings: true })
   * expect(responses[0].status).toBe(200)
   */
  async testAction(actionId: string, options: TestActionOptions<Settings> = {}): Promise<ModifiedResponse[]> {
    this.responses = []
    const action = this.requireAction(actionId)
    const mapping = options.useDefaultMappings
      ? { ...action.defaultMapping, ...(options.mapping ?? {}) }
      : (options.mapping ?? {})
    await this.executeAction(actionId, {
      event: createTestEvent(options.event ?? {}),
      mapping,
      settings: (options.settings ?? {}) as Settings,
      ...(options.auth && { auth: options.auth }),
      ...(options.features && { features: options.features }),
      ...(options.statsContext && { statsContext: options.statsContext }),
      ...(options.signal && { signal: options.signal }),
      ...(options.logger && { logger: options.logger })
    })
    return this.responses
  }

  /**
   * Runs one action's `performBatch` on events and resolves to the responses;
   * `results` holds the per-event multistatus.
   *
   * @example
   * const responses = await testDestination.testBatchAction('send', { events, settings, useDefaultMappings: true })
   */
  async testBatchAction(
    actionId: string,
    options: TestBatchActionOptions<Settings> = {}
  ): Promise<ModifiedResponse[]> {
    this.responses = []
    this.results = []
    const action = this.requireAction(actionId)
    const mapping = options.useDefaultMappings
      ? { ...action.defaultMapping, ...(options.mapping ?? {}) }
      : (options.mapping ?? {})
    // No events, or an empty list, means one default event (compatible).
    const events = (options.events?.length ? options.events : [{}]).map((event) => createTestEvent(event))
    const multistatus = await this.executeBatch(actionId, {
      events,
      mapping,
      settings: (options.settings ?? {}) as Settings,
      ...(options.auth && { auth: options.auth }),
      ...(options.features && { features: options.features }),
      ...(options.statsContext && { statsContext: options.statsContext }),
      ...(options.signal && { signal: options.signal }),
      ...(options.logger && { logger: options.logger })
    })
    this.results = [toMultistatusResult(multistatus)]
    return this.responses
  }

  /** Actions run with the settings given plus defaults, unvalidated, as the compatible test kit does. */
  protected override actionSettings(settings: Settings): Settings {
    return this.withSettingsDefaults(settings)
  }

  /**
   * Checks credentials; rejects with the reason when they are refused.
   *
   * @example
   * await expect(testDestination.testAuthentication({ apiKey: 'bad' })).rejects.toThrow()
   */
  override async testAuthentication(settings: Settings & { oauth?: OAuthSettings }): Promise<void> {
    this.responses = []
    return super.testAuthentication(settings)
  }

  /**
   * Refreshes an access token.
   *
   * @example
   * const tokens = await testDestination.refreshAccessToken(settings, { refreshToken: 'r', clientId: 'c', clientSecret: 's', accessToken: 'a' })
   */
  override async refreshAccessToken(
    settings: Settings,
    oauthData: OAuth2ClientCredentials
  ): Promise<RefreshAccessTokenResult | undefined> {
    this.responses = []
    return super.refreshAccessToken(settings, oauthData)
  }

  /**
   * Runs a dynamic field's function and resolves to its choices.
   *
   * @example
   * const { choices } = await testDestination.testDynamicField('addToList', 'list_id', { settings, payload: {} })
   */
  async testDynamicField(
    actionId: string,
    fieldKey: string,
    data: ExecuteInput<Settings, any>
  ): Promise<DynamicFieldResponse> {
    this.responses = []
    const action = this.requireAction(actionId)
    const dynamic = action.definition.dynamicFields?.[fieldKey]
    if (typeof dynamic !== 'function') {
      throw new IntegrationError(
        `The action '${actionId}' has no dynamic field '${fieldKey}'.`,
        ErrorCodes.ACTION_NOT_FOUND,
        400
      )
    }
    return (await runAction(this.runContext(data.signal), dynamic, data)) as DynamicFieldResponse
  }
}

/**
 * Creates a destination for tests (compatible).
 *
 * @example
 * const testDestination = createTestIntegration(Definition)
 * nock('https://api.example.com').post('/track').reply(200, {})
 * const responses = await testDestination.testAction('track', { event: createTestEvent(), useDefaultMappings: true })
 */
export function createTestIntegration<Settings = any>(
  definition: DestinationDefinition<Settings>
): TestDestination<Settings> {
  return new TestDestination(definition)
}
