/**
 * @destkit/core — the destkit runtime.
 */
export type * from './definition/types.js'
export type * from './events/segment-event.js'
export type * from './util/json.js'
export * from './errors/index.js'
export * from './http/index.js'
export * from './schema/index.js'
export * from './mapping/index.js'
export * from './triggers/index.js'
