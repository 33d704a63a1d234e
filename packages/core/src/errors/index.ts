export * from './error-codes.js'
export * from './errors.js'
export * from './http-errors.js'
export * from './multi-status-response.js'
