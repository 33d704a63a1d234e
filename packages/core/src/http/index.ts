export type * from './types.js'
export { createRequestClient, DEFAULT_USER_AGENT } from './create-request-client.js'
export { mergeRequestOptions, mergeHeaders } from './merge-request-options.js'
export { normalizeRequestOptions, DEFAULT_TIMEOUT_MS } from './normalize-request-options.js'
export { basicAuthHeader } from './basic-auth.js'
export { createHeaders } from './headers.js'
export { resolveRequestUrl, searchParamsToString } from './request-url.js'
export { encodeRequestBody, type EncodedBody } from './request-body.js'
export { isJsonContentType, parseResponseData } from './parse-response-data.js'
export { createSentRequest, sentRequestBody } from './sent-request.js'
export type { Transport, TransportRequest, TransportResponse } from './transport.js'
export { translateTransportError } from './translate-transport-error.js'
export {
  createRedactor,
  redactHeaders,
  redactUrl,
  isCredentialHeader,
  REDACTED,
  type Redactor
} from './redact.js'
export {
  summarizeResponse,
  truncateUtf8,
  DEFAULT_MAX_BODY_BYTES,
  type HttpExchangeSummary,
  type HttpRequestSummary,
  type HttpResponseSummary,
  type SummarizeOptions
} from './summarize.js'
export { classifyError, retryableNetworkCodes, type ErrorClassification } from './classify-error.js'
export { isRetryableNetworkCode, describeNetworkCode } from './network-codes.js'
export { parseRetryAfter } from './retry-after.js'
export {
  assertPublicUrl,
  isPrivateAddress,
  publicOnlyLookup,
  type ResolveHost
} from './private-network-guard.js'
