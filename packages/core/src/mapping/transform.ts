/**
 * The compatible entry points `transform` and `transformBatch`: they compile a mapping on first use and
 * keep the compiled function for as long as the mapping object lives (keyed by identity, so a mapping
 * must not be changed after it was first used).
 */
import { ErrorCodes } from '../errors/error-codes.js'
import { IntegrationError } from '../errors/errors.js'
import type { JSONObject } from '../util/json.js'
import { compileMapping, type CompiledMapping } from './compile.js'
import { describeType } from './describe-type.js'

const cache = new WeakMap<object, CompiledMapping<unknown>>()

function compiled(mapping: unknown): CompiledMapping<unknown> {
  if (typeof mapping !== 'object' || mapping === null) return compileMapping(mapping)
  let run = cache.get(mapping)
  if (!run) {
    run = compileMapping(mapping)
    cache.set(mapping, run)
  }
  return run
}

function invalidEvent(sentence: string): IntegrationError {
  const error = new IntegrationError(sentence, ErrorCodes.INVALID_EVENT, 400)
  error.retry = false
  return error
}

/** Throws unless the event is an object (not null, not an array): the check of `transform`. */
function checkEvent(data: unknown): asserts data is object {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw invalidEvent(`The event must be an object but it is ${describeType(data)}.`)
  }
}

/**
 * Resolves a mapping against one event (compatible API). Throws a `MappingError` for an invalid mapping.
 *
 * @example
 * transform({ email: { '@path': '$.traits.email' } }, { type: 'identify', traits: { email: 'ada@example.com' } })
 * // { email: 'ada@example.com' }
 */
export function transform(mapping: unknown, data: unknown = {}, _statsContext?: unknown): JSONObject {
  checkEvent(data)
  return compiled(mapping)(data) as JSONObject
}

/**
 * Resolves a mapping against every event of a batch (compatible API). Every event is checked as
 * `transform` checks one, with the same error (and, as there, an undefined event reads as `{}`).
 *
 * @example
 * transformBatch({ id: { '@path': '$.userId' } }, [{ userId: 'a' }, { userId: 'b' }]) // [{ id: 'a' }, { id: 'b' }]
 */
export function transformBatch(mapping: unknown, data: unknown = [], _statsContext?: unknown): JSONObject[] {
  if (!Array.isArray(data))
    throw invalidEvent(`The events must be an array but they are ${describeType(data)}.`)
  const events = data.map((item: unknown) => {
    const event = item === undefined ? {} : item
    checkEvent(event)
    return event
  })
  const run = compiled(mapping)
  return events.map((event) => run(event) as JSONObject)
}
