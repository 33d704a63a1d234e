/**
 * @destkit/core — the destkit runtime: destination definitions, the mapping and
 * trigger languages, validation, the request client, classified outcomes, and
 * the test kit for destination authors.
 */
export type * from './definition/types.js'
export type * from './events/segment-event.js'
export type * from './util/json.js'
export { defaultValues } from './definition/default-values.js'
export { reservedBatchFields, fieldsWithBatchKeys } from './definition/batch-fields.js'
export { validateDefinition, DefinitionError } from './definition/validate-definition.js'
export * from './errors/index.js'
export * from './http/index.js'
export * from './schema/index.js'
export * from './mapping/index.js'
export * from './triggers/index.js'
export * from './events/index.js'
export * from './util/index.js'
export { didYouMean, suggestionSuffix } from './util/did-you-mean.js'
export { Destination, toMultistatusResult } from './runtime/destination.js'
export type {
  Result,
  Subscription,
  OAuthSettings,
  ExecuteActionOptions,
  ExecuteBatchOptions,
  ExecuteDynamicFieldOptions
} from './runtime/destination.js'
export type {
  MappingConfig,
  ConfigureOptions,
  DeliverOptions,
  DestinationInstance
} from './runtime/configure.js'
export { presetMappings } from './runtime/preset-mappings.js'
export { collectSecrets, createPayloadMasker, maskedValues } from './runtime/secrets.js'
export { chunkByJsonBytes } from './runtime/chunk-by-json-bytes.js'
export { batchErrorEntry } from './runtime/batch-error-entry.js'
export * from './registry/index.js'
export { ConfigurationError, type ConfigurationProblem } from './runtime/configuration-error.js'
export type {
  Outcome,
  OutcomeStatus,
  OutcomeError,
  OutcomeWarning,
  RequestSummary,
  ResponseSummary
} from './runtime/outcome.js'
export { defaultRetryPolicy, noRetries, type RetryPolicy } from './runtime/retry.js'
export type { TokenRefreshCallback } from './runtime/oauth-refresh.js'
export { createTestEvent } from './test-kit/create-test-event.js'
export { createTestIntegration, TestDestination } from './test-kit/create-test-integration.js'
export type { TestActionOptions, TestBatchActionOptions } from './test-kit/create-test-integration.js'
