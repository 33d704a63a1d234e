/**
 * `POST <prefix>/authenticate` runs the definition's `testAuthentication` with
 * the settings posted, and `POST <prefix>/refreshAccessToken` its
 * `refreshAccessToken` with the OAuth credentials posted.
 */
import {
  createRedactor,
  summarizeResponse,
  type AuthTokens,
  type OAuth2ClientCredentials
} from '@destkit/core'
import { ApiError, errorAnswer } from './api-error.js'
import { bodyObject, invalidRequest, optionalAuth, parseSettings } from './action-input.js'
import { requireLoaded, type Answer } from './answer.js'
import { redactValue, secretValues } from './secrets.js'
import type { ServedDestination } from './served-destination.js'

/**
 * Body `{ settings, auth? }` (a body without `settings` is taken as the settings
 * themselves, as the peer's server accepts). 200 `{ ok: true, tested, requests }`;
 * refused credentials 401, invalid settings 422, both `{ ok: false, error, requests }`.
 *
 * @example
 * await answerAuthenticate(served, { settings: { apiKey: 'sk_live_…' } }) // { status: 200, body: { ok: true, … } }
 */
export async function answerAuthenticate(served: ServedDestination, body: unknown): Promise<Answer> {
  const loaded = requireLoaded(served)
  const members = bodyObject(body)
  const settings = Object.hasOwn(members, 'settings') ? parseSettings(members.settings) : members
  const { auth } = Object.hasOwn(members, 'settings') ? optionalAuth(members.auth) : {}
  const redact = createRedactor(secretValues(loaded.definition.authentication?.fields, settings, auth))
  const tested = typeof loaded.definition.authentication?.testAuthentication === 'function'
  const recorded = await served.recording(() =>
    loaded.destination.testAuthentication({ ...settings, ...(auth && { oauth: toOAuthSettings(auth) }) })
  )
  const requests = recorded.responses.map((response) => summarizeResponse(response, { redactor: redact }))
  if (recorded.error !== undefined) {
    const failure = errorAnswer(recorded.error)
    return { status: failure.status, body: redactValue({ ok: false, ...failure.body, requests }, redact) }
  }
  return { status: 200, body: redactValue({ ok: true, tested, requests }, redact) }
}

/**
 * Body `{ settings, auth: { refreshToken, clientId, clientSecret, accessToken?, refreshTokenUrl? } }`.
 * 200 `{ accessToken, refreshToken?, expiresIn?, requests }`: the new tokens are the
 * point of the route, but anything that was posted stays masked. 501 when the
 * destination has no `refreshAccessToken`.
 *
 * @example
 * await answerRefreshAccessToken(served, { settings, auth: { refreshToken: 'r', clientId: 'c', clientSecret: 's' } })
 */
export async function answerRefreshAccessToken(served: ServedDestination, body: unknown): Promise<Answer> {
  const loaded = requireLoaded(served)
  const members = bodyObject(body)
  const settings = parseSettings(members.settings)
  const { auth } = optionalAuth(members.auth)
  if (!auth) throw invalidRequest('The body needs "auth": { "refreshToken", "clientId", "clientSecret" }.')
  const redact = createRedactor(secretValues(loaded.definition.authentication?.fields, settings, auth))
  const recorded = await served.recording(() =>
    loaded.destination.refreshAccessToken(settings, auth as OAuth2ClientCredentials)
  )
  const requests = recorded.responses.map((response) => summarizeResponse(response, { redactor: redact }))
  if (recorded.error !== undefined) {
    const failure = errorAnswer(recorded.error)
    return { status: failure.status, body: redactValue({ ...failure.body, requests }, redact) }
  }
  if (recorded.value === undefined) {
    throw new ApiError(
      501,
      'NOT_IMPLEMENTED_BY_DESTINATION',
      `${loaded.definition.name} uses OAuth2 but defines no refreshAccessToken.`
    )
  }
  return { status: 200, body: redactValue({ ...recorded.value, requests }, redact) }
}

/** AuthTokens → the compatible `settings.oauth` shape that `testAuthentication` reads. */
function toOAuthSettings(auth: AuthTokens): Record<string, string> {
  return {
    access_token: auth.accessToken,
    ...(auth.refreshToken && { refresh_token: auth.refreshToken }),
    ...(auth.clientId && { clientId: auth.clientId }),
    ...(auth.clientSecret && { clientSecret: auth.clientSecret }),
    ...(auth.refreshTokenUrl && { refresh_token_url: auth.refreshTokenUrl })
  }
}
