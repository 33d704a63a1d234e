/**
 * The definition format: what a destination author writes. Compatible with the
 * public Destination Actions format, so an existing definition type-checks
 * after its imports are renamed to `@destkit/core`.
 */
import type { SegmentEvent, ID } from '../events/segment-event.js'
import type { JSONLikeObject, JSONObject, JSONValue } from '../util/json.js'
import type { RequestClient, RequestOptions } from '../http/types.js'

/** A value or a promise of it. */
export type MaybePromise<T> = T | Promise<T>

/** Makes the keys `K` of `T` optional. */
export type Optional<T, K extends keyof T> = Pick<Partial<T>, K> & Omit<T, K>

/** The field types an action can declare. */
export type FieldTypeName =
  'string' | 'text' | 'number' | 'integer' | 'datetime' | 'boolean' | 'password' | 'object'

/** String formats a field may ask for (validated with ajv-formats; `text`/`password` are UI hints). */
export type FieldFormat =
  | 'date'
  | 'time'
  | 'date-time'
  | 'uri'
  | 'uri-reference'
  | 'uri-template'
  | 'email'
  | 'hostname'
  | 'ipv4'
  | 'ipv6'
  | 'uuid'
  | 'regex'
  | 'text'
  | 'password'

/** A condition on another field's value (for conditional `required` and `depends_on`). */
export interface FieldCondition {
  fieldKey: string
  type?: 'field'
  operator: 'is' | 'is_not'
  value: JSONValue | JSONValue[] | undefined
}

/** A condition on the mapping's sync mode. */
export interface SyncModeCondition {
  type: 'syncMode'
  operator: 'is' | 'is_not'
  value: SyncMode
}

/** A condition of a conditional `required` or of `depends_on`. */
export type Condition = FieldCondition | SyncModeCondition

/** Several conditions combined with `all` (default) or `any`. */
export interface DependsOnConditions {
  match?: 'any' | 'all'
  conditions: Condition[]
}

/** A mapping directive (see the mapping language). */
export type Directive = { [directive: `@${string}`]: unknown }

/** A field's default: a raw value or a mapping directive. */
export type FieldValue = string | number | boolean | object | Directive | null

/** A choice of a `choices` list. */
export interface FieldChoice {
  label: string
  value: string | number
}

/**
 * One input field of an action (or a setting). Compiles to JSON Schema.
 *
 * @example
 * const email: InputField = { label: 'Email', type: 'string', format: 'email', required: true,
 *   default: { '@path': '$.traits.email' } }
 */
export interface InputField {
  label: string
  description?: string
  type: FieldTypeName
  required?: boolean | DependsOnConditions
  multiple?: boolean
  allowNull?: boolean
  default?: FieldValue
  choices?: string[] | FieldChoice[]
  format?: FieldFormat
  properties?: Record<string, Optional<InputField, 'description'>>
  additionalProperties?: boolean
  minimum?: number
  maximum?: number
  /** UI-only keys, accepted and ignored by the runtime. */
  dynamic?: boolean
  placeholder?: string
  category?: 'identifier' | 'data' | 'internal' | 'config' | 'sync' | 'hashedPII' | string
  readOnly?: boolean
  unsafe_hidden?: boolean
  displayMode?: 'expanded' | 'normal' | 'collapsed' | string
  defaultObjectUI?: 'keyvalue' | 'object' | 'keyvalue:only' | 'object:only' | 'arrayeditor' | string
  disabledInputMethods?: string[]
  depends_on?: DependsOnConditions
}

/** A destination setting: an InputField restricted to scalar types. */
export interface GlobalSetting extends Omit<InputField, 'type' | 'default' | 'choices'> {
  type: 'string' | 'password' | 'number' | 'boolean'
  default?: string | number | boolean
  choices?: string[] | FieldChoice[]
}

/** OAuth tokens and client credentials handed to `perform` and `refreshAccessToken`. */
export interface AuthTokens {
  accessToken: string
  refreshToken?: string
  refreshTokenUrl?: string
  clientId?: string
  clientSecret?: string
}

/** OAuth2 client credentials (what `refreshAccessToken` receives as `auth`). */
export interface OAuth2ClientCredentials extends AuthTokens {
  clientId: string
  clientSecret: string
}

/** What `refreshAccessToken` returns. */
export interface RefreshAccessTokenResult {
  accessToken: string
  refreshToken?: string
  /** Seconds until the new access token expires, when the provider says. */
  expiresIn?: number
}

/** The sync modes of a reverse-ETL style mapping. */
export type SyncMode = 'add' | 'update' | 'upsert' | 'delete' | 'mirror'

/** A sync mode choice. */
export interface SyncModeDefinition {
  default: SyncMode
  label: string
  description: string
  choices: Array<{ label: string; value: SyncMode }>
}

/** Audience membership: true (entered), false (exited), undefined (unknown). */
export type AudienceMembership = boolean | undefined

/** A logger a host may pass to `perform`. */
export interface Logger {
  level?: string
  name?: string
  debug(...message: unknown[]): void
  info(...message: unknown[]): void
  warn(...message: unknown[]): void
  error(...message: unknown[]): void
  crit?(...message: unknown[]): void
  log?(...message: unknown[]): void
  withTags?(extraTags: unknown): Logger
}

/** Segment platform feature flags. Accepted for compatibility; destkit sets none. */
export type Features = Record<string, boolean>
/** Segment platform stats context. Accepted for compatibility; unused by destkit. */
export interface StatsContext {
  statsClient?: unknown
  tags?: string[]
}
/** Segment platform state context. Accepted for compatibility; unused by destkit. */
export interface StateContext {
  getRequestContext?(key: string, cb?: (res?: string) => unknown): unknown
  setResponseContext?(
    key: string,
    value: string,
    ttl: { hour?: number; minute?: number; second?: number }
  ): void
}
/** Segment platform transaction context. Accepted for compatibility; unused by destkit. */
export interface TransactionContext {
  transaction?: Record<string, string>
  setTransaction?(key: string, value: string): void
}

/** The input of `perform`, `performBatch`, `extendRequest`, `onDelete` and dynamic fields. */
export interface ExecuteInput<Settings = unknown, Payload = unknown, AudienceSettings = unknown> {
  readonly settings: Settings
  payload: Payload
  readonly mapping?: JSONObject
  /** The event as received (the first one of a batch for `performBatch`). */
  readonly rawData?: SegmentEvent | SegmentEvent[]
  readonly auth?: AuthTokens
  readonly audienceSettings?: AudienceSettings
  audienceMembership?: AudienceMembership | AudienceMembership[]
  syncMode?: SyncMode
  matchingKey?: string
  page?: string
  dynamicFieldContext?: { selectedArrayIndex?: number; selectedKey?: string; query?: string }
  readonly signal?: AbortSignal
  readonly logger?: Logger
  readonly features?: Features
  readonly statsContext?: StatsContext
  readonly stateContext?: StateContext
  readonly transactionContext?: TransactionContext
}

/** A function that makes requests: `perform`, `testAuthentication`, dynamic fields… */
export type RequestFn<Settings, Payload, Return = any, AudienceSettings = any> = (
  request: RequestClient,
  data: ExecuteInput<Settings, Payload, AudienceSettings>
) => MaybePromise<Return>

/** A dynamic field's answer. */
export interface DynamicFieldResponse {
  choices: Array<{ label: string; value: string; description?: string }>
  nextPage?: string
  error?: { code: string; message: string }
}

/**
 * An action: what to send and how.
 *
 * @example
 * const postMessage: ActionDefinition<Settings, Payload> = {
 *   title: 'Post Message', description: 'Post a message to a channel.',
 *   defaultSubscription: 'type = "track"',
 *   fields: { text: { label: 'Text', type: 'string', required: true } },
 *   perform: (request, { payload }) => request('https://example.com', { method: 'post', json: payload })
 * }
 */
export interface ActionDefinition<Settings, Payload = any, AudienceSettings = any> {
  title: string
  description: string
  /** A trigger: which events this action receives by default. */
  defaultSubscription?: string
  hidden?: boolean
  platform?: 'cloud' | 'web'
  fields: Record<string, InputField>
  dynamicFields?: Record<string, RequestFn<Settings, Payload, DynamicFieldResponse, AudienceSettings>>
  perform: RequestFn<Settings, Payload, any, AudienceSettings>
  performBatch?: RequestFn<Settings, Payload[], any, AudienceSettings>
  syncMode?: SyncModeDefinition
  /** Accepted for compatibility; destkit does not run action hooks. */
  hooks?: Record<string, unknown>
}

/** The input of `testAuthentication`. */
export interface AuthenticationInput<Settings> {
  settings: Settings
  auth?: AuthTokens
}

/** The input of `refreshAccessToken`. */
export interface RefreshAuthInput<Settings> {
  settings: Settings
  auth: OAuth2ClientCredentials
}

interface AuthenticationSchemeBase<Settings> {
  fields: Record<string, GlobalSetting>
  testAuthentication?: (request: RequestClient, input: AuthenticationInput<Settings>) => MaybePromise<unknown>
}

/** Settings-only authentication (API keys and the like). */
export interface CustomAuthentication<Settings> extends AuthenticationSchemeBase<Settings> {
  scheme: 'custom'
}

/** HTTP Basic authentication with `username`/`password` settings. */
export interface BasicAuthentication<Settings> extends AuthenticationSchemeBase<Settings> {
  scheme: 'basic'
}

/** OAuth2 (authorization code) or a provider-managed OAuth flow. */
export interface OAuth2Authentication<Settings> extends AuthenticationSchemeBase<Settings> {
  scheme: 'oauth2' | 'oauth-managed'
  refreshAccessToken?: (
    request: RequestClient,
    input: RefreshAuthInput<Settings>
  ) => MaybePromise<RefreshAccessTokenResult>
}

/** How a destination authenticates. */
export type AuthenticationScheme<Settings = any> =
  CustomAuthentication<Settings> | BasicAuthentication<Settings> | OAuth2Authentication<Settings>

/** Request options merged into every request of a destination. */
export type RequestExtension<Settings, Payload = any> = (
  data: ExecuteInput<Settings, Payload>
) => RequestOptions

/** What `onDelete` receives as payload. */
export interface DeletionPayload {
  userId: ID
  anonymousId: ID
}

/** A user-deletion handler (privacy requests). */
export type Deletion<Settings, Return = any> = (
  request: RequestClient,
  data: ExecuteInput<Settings, DeletionPayload>
) => MaybePromise<Return>

/** A preset subscribed to a trigger. */
export interface AutomaticPreset {
  type?: 'automatic'
  name: string
  subscribe: string
  partnerAction: string
  mapping?: JSONLikeObject
}

/** A preset tied to a specific event (journeys and the like). */
export interface SpecificEventPreset {
  type: 'specificEvent'
  name: string
  partnerAction: string
  mapping?: JSONLikeObject
  eventSlug: string
}

/** A ready-made subscription offered when a destination is set up. */
export type Preset = AutomaticPreset | SpecificEventPreset

/** An audience's settings fields, and how audiences are created and read. */
export interface AudienceConfig<Settings = any, AudienceSettings = any> {
  mode: { type: 'realtime' } | { type: 'synced'; full_audience_sync: boolean }
  createAudience?: (
    request: RequestClient,
    input: CreateAudienceInput<Settings, AudienceSettings>
  ) => MaybePromise<{ externalId: string }>
  getAudience?: (
    request: RequestClient,
    input: GetAudienceInput<Settings, AudienceSettings>
  ) => MaybePromise<{ externalId: string }>
}

/** The input of `createAudience`. */
export interface CreateAudienceInput<Settings = any, AudienceSettings = any> {
  settings: Settings
  audienceSettings?: AudienceSettings
  audienceName: string
  personas?: { computation_key: string; computation_id?: string; namespace?: string }
  signal?: AbortSignal
}

/** The input of `getAudience`. */
export interface GetAudienceInput<Settings = any, AudienceSettings = any> {
  settings: Settings
  audienceSettings?: AudienceSettings
  externalId: string
  signal?: AbortSignal
}

/**
 * A destination: settings, actions, presets and the vendor-specific request defaults.
 *
 * @example
 * const destination: DestinationDefinition<Settings> = {
 *   name: 'Example', mode: 'cloud',
 *   authentication: { scheme: 'custom', fields: { apiKey: { label: 'API Key', type: 'password', required: true } } },
 *   extendRequest: ({ settings }) => ({ headers: { authorization: `Bearer ${settings.apiKey}` } }),
 *   actions: { postMessage }
 * }
 */
export interface DestinationDefinition<Settings = any, AudienceSettings = any> {
  name: string
  slug?: string
  mode?: 'cloud' | 'device' | string
  description?: string
  authentication?: AuthenticationScheme<Settings>
  extendRequest?: RequestExtension<Settings>
  presets?: Preset[]
  actions: Record<string, ActionDefinition<Settings, any, AudienceSettings>>
  onDelete?: Deletion<Settings>
  audienceFields?: Record<string, GlobalSetting>
  audienceConfig?: AudienceConfig<Settings, AudienceSettings>
  /** `false` when a source may connect only one instance of this destination. */
  multiInstance?: boolean
}

/** An audience destination (compatible name). */
export type AudienceDestinationDefinition<Settings = any, AudienceSettings = any> = DestinationDefinition<
  Settings,
  AudienceSettings
> & {
  audienceFields: Record<string, GlobalSetting>
  audienceConfig: AudienceConfig<Settings, AudienceSettings>
}
