export type * from './types.js'
export { classifyError, retryableNetworkCodes, type ErrorClassification } from './classify-error.js'
export { parseRetryAfter } from './retry-after.js'
