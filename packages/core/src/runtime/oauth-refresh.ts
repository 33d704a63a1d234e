/**
 * OAuth2 refresh on 401 (spec §5): refresh the access token once, hand the new
 * tokens to the host, and retry with them. Concurrent refreshes of the same
 * credentials share one call.
 */
import type {
  AuthTokens,
  DestinationDefinition,
  OAuth2Authentication,
  RefreshAccessTokenResult
} from '../definition/types.js'
import { HTTPError } from '../errors/http-errors.js'
import { IntegrationError, InvalidAuthenticationError } from '../errors/errors.js'
import { ErrorCodes } from '../errors/error-codes.js'
import { classifyError } from '../http/classify-error.js'
import { runAction, type RunContext } from './run-action.js'

/** The tokens an instance currently uses; updated in place after a refresh. */
export interface TokenState {
  auth: AuthTokens | undefined
  /** The refresh under way for this state, shared by every delivery that hit the 401. */
  refreshing?: Promise<void>
}

/** Called with the new tokens after every successful refresh. */
export type TokenRefreshCallback = (tokens: RefreshAccessTokenResult) => void | Promise<void>

/** Refreshes in flight, by credentials: concurrent 401s share one refresh call. */
const refreshesInFlight = new Map<string, Promise<RefreshAccessTokenResult>>()

/** Whether a failure means the access token was refused. */
export function isUnauthorized(error: unknown): boolean {
  return (
    error instanceof InvalidAuthenticationError ||
    (error instanceof HTTPError && error.status === 401) ||
    (error instanceof IntegrationError && error.status === 401)
  )
}

/** Whether the destination refreshes tokens on 401. */
export function refreshesTokens(definition: DestinationDefinition): boolean {
  const auth = definition.authentication
  return (
    (auth?.scheme === 'oauth2' || auth?.scheme === 'oauth-managed') &&
    typeof (auth as OAuth2Authentication<unknown>).refreshAccessToken === 'function'
  )
}

/**
 * Calls the destination's `refreshAccessToken`, coalescing concurrent calls for
 * the same credentials. Failures become `OAUTH_REFRESH_FAILED` (retryable only
 * when the refresh itself failed transiently).
 *
 * @example
 * const tokens = await refreshAccessToken(context, settings, auth)
 */
export async function refreshAccessToken(
  context: RunContext,
  settings: unknown,
  auth: AuthTokens | undefined
): Promise<RefreshAccessTokenResult> {
  const scheme = context.definition.authentication as OAuth2Authentication<unknown> | undefined
  if (!scheme?.refreshAccessToken) {
    throw new IntegrationError(
      `The destination '${context.definition.name}' does not define refreshAccessToken.`,
      ErrorCodes.OAUTH_REFRESH_FAILED,
      400
    )
  }
  const key = coalescingKey(context.definition, settings, auth)
  let pending = key === undefined ? undefined : refreshesInFlight.get(key)
  if (!pending) {
    const refresh = scheme.refreshAccessToken
    pending = (async () => {
      const result = (await runAction(context, (request, data) => refresh(request, data as never), {
        settings,
        auth: (auth ?? { accessToken: '' }) as AuthTokens,
        payload: undefined
      })) as RefreshAccessTokenResult | undefined
      if (!result || typeof result.accessToken !== 'string' || result.accessToken === '') {
        throw new IntegrationError(
          'refreshAccessToken did not return an accessToken.',
          ErrorCodes.OAUTH_REFRESH_FAILED,
          401
        )
      }
      return result
    })()
    if (key !== undefined) {
      refreshesInFlight.set(key, pending)
      pending.then(
        () => refreshesInFlight.delete(key),
        () => refreshesInFlight.delete(key)
      )
    }
  }
  try {
    return await pending
  } catch (error) {
    if (error instanceof IntegrationError && error.code === ErrorCodes.OAUTH_REFRESH_FAILED) throw error
    const classified = classifyError(error)
    const failure = new IntegrationError(
      `The access token could not be refreshed: ${classified.message}`,
      ErrorCodes.OAUTH_REFRESH_FAILED,
      classified.status === 'retryable' ? (classified.httpStatus ?? 503) : 401
    )
    failure.retry = classified.status === 'retryable'
    throw failure
  }
}

/**
 * The key under which refreshes of the same credentials are shared across
 * instances, or `undefined` when they must not be: without a token there is
 * nothing that identifies the customer, and the settings (client credentials
 * may live there) are part of the key so two customers never share a refresh.
 */
function coalescingKey(
  definition: DestinationDefinition,
  settings: unknown,
  auth: AuthTokens | undefined
): string | undefined {
  const token = auth?.refreshToken || auth?.accessToken
  if (!token) return undefined
  try {
    return JSON.stringify([definition.name, auth?.refreshTokenUrl, auth?.clientId, token, settings])
  } catch {
    return undefined
  }
}

/**
 * Runs `attempt` with the current tokens; on a 401 refreshes them (once, shared
 * with concurrent callers), reports them through `onTokenRefresh`, and retries
 * once. A second 401 is `OAUTH_REFRESH_FAILED`.
 *
 * @example
 * const value = await withTokenRefresh(context, settings, state, onTokenRefresh, (auth) => perform(auth))
 */
export async function withTokenRefresh<T>(
  context: RunContext,
  settings: unknown,
  state: TokenState,
  onTokenRefresh: TokenRefreshCallback | undefined,
  attempt: (auth: AuthTokens | undefined) => Promise<T>
): Promise<T> {
  const used = state.auth
  try {
    return await attempt(used)
  } catch (error) {
    if (!isUnauthorized(error) || !refreshesTokens(context.definition)) throw error
  }
  // Another delivery may have refreshed while this one was in flight.
  if (state.auth === used) {
    state.refreshing ??= (async () => {
      const tokens = await refreshAccessToken(context, settings, used)
      state.auth = {
        ...(used ?? {}),
        accessToken: tokens.accessToken,
        ...(tokens.refreshToken && { refreshToken: tokens.refreshToken })
      }
      await onTokenRefresh?.(tokens)
    })().finally(() => {
      state.refreshing = undefined
    })
    await state.refreshing
  }
  try {
    return await attempt(state.auth)
  } catch (error) {
    if (isUnauthorized(error)) {
      const failure = new IntegrationError(
        'The destination refused the access token again after it was refreshed.',
        ErrorCodes.OAUTH_REFRESH_FAILED,
        401
      )
      failure.retry = false
      throw failure
    }
    throw error
  }
}
