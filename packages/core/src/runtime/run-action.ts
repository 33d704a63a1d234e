/**
 * One run of a destination function (`perform`, `performBatch`, `testAuthentication`,
 * `onDelete`…): builds its input, its request client (the host's defaults, then
 * the `basic` scheme's credentials, then the destination's `extendRequest`, then
 * the call's own options) and reports every response.
 */
import type { DestinationDefinition, ExecuteInput, Logger, RequestFn } from '../definition/types.js'
import type { ModifiedResponse, RequestClient, RequestOptions } from '../http/types.js'
import { createRequestClient } from '../http/index.js'
import { basicSchemeOptions } from './basic-scheme.js'

/** What the runtime needs to run a destination function once. */
export interface RunContext {
  definition: DestinationDefinition
  signal?: AbortSignal
  logger?: Logger
  /** Called with every response the function receives (test kit, outcomes). */
  onResponse?: (response: ModifiedResponse) => void
  /** Extra request options applied under the destination's own (SSRF guard, timeouts). */
  requestDefaults?: RequestOptions
}

/**
 * Creates the request client a destination function receives for `data`.
 *
 * @example
 * const request = createClientFor(context, { settings, payload })
 * await request('https://api.example.com/track', { method: 'post', json: payload })
 */
export function createClientFor(context: RunContext, data: ExecuteInput<any, any>): RequestClient {
  const extension = context.definition.extendRequest?.(data) ?? {}
  const own: RequestOptions = {}
  if (context.signal) own.signal = context.signal
  if (context.onResponse) {
    const onResponse = context.onResponse
    own.hooks = {
      afterResponse: [
        (response) => {
          onResponse(response)
        }
      ]
    }
  }
  const layers: RequestOptions[] = []
  if (context.requestDefaults) layers.push(context.requestDefaults)
  const basic = basicSchemeOptions(context.definition, data.settings)
  if (basic) layers.push(basic)
  layers.push(extension, own)
  return createRequestClient(...layers)
}

/**
 * Runs a destination function with its request client and unwraps a response
 * result to its `data` (what `perform` returns is the action's result).
 *
 * @example
 * const result = await runAction(context, action.perform, { settings, payload, rawData: event })
 */
export async function runAction<Return>(
  context: RunContext,
  fn: RequestFn<any, any, Return>,
  data: ExecuteInput<any, any>
): Promise<unknown> {
  const input: ExecuteInput<any, any> = {
    ...data,
    ...(context.signal && { signal: context.signal }),
    ...(context.logger && { logger: context.logger })
  }
  const request = createClientFor(context, input)
  const result = await fn(request, input)
  return unwrapResult(result)
}

/** A response is unwrapped to its data; anything else is returned as is. */
export function unwrapResult(result: unknown): unknown {
  if (isResponse(result)) return result.data ?? result.content
  return result
}

function isResponse(value: unknown): value is ModifiedResponse {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ModifiedResponse).status === 'number' &&
    typeof (value as ModifiedResponse).headers === 'object' &&
    'content' in value
  )
}
