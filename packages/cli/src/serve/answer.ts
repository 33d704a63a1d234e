/**
 * What every route answer shares: the answer's shape, and finding the loaded
 * definition and the action a request names (with the right status when it
 * cannot be found).
 */
import { suggestionSuffix, type Destination } from '@destkit/core'
import { ApiError } from './api-error.js'
import type { LoadedDefinition, ServedDestination } from './served-destination.js'

/** An HTTP answer with a JSON body. */
export interface Answer {
  status: number
  body: unknown
}

/** An action of a loaded destination. */
export type ServedAction = Destination['actions'][string]

/**
 * The definition in use, or 503 when none ever imported.
 *
 * @example
 * const { destination } = requireLoaded(served)
 */
export function requireLoaded(served: ServedDestination): LoadedDefinition {
  const loaded = served.current()
  if (loaded) return loaded
  const reason = served.failure()?.message ?? 'it has not been imported yet'
  throw new ApiError(
    503,
    'DESTINATION_NOT_LOADED',
    `The definition of ${served.slug} is not available: ${reason} (fix it and save: serve reloads it).`
  )
}

/**
 * The action, or 404 naming the closest ones.
 *
 * @example
 * const action = requireAction(loaded, 'postMessage')
 */
export function requireAction(loaded: LoadedDefinition, actionId: string): ServedAction {
  const actions = loaded.destination.actions
  if (Object.hasOwn(actions, actionId)) return actions[actionId]
  throw new ApiError(
    404,
    'ACTION_NOT_FOUND',
    `'${actionId}' is not an action of ${loaded.definition.name}${suggestionSuffix(actionId, Object.keys(actions))}.`
  )
}
