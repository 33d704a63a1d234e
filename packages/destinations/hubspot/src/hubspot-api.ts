/**
 * Facts about the HubSpot API shared by the actions: endpoints, limits and the
 * shape of its error bodies.
 */
import { getErrorCodeFromHttpStatus } from '@destkit/core'

/** Every HubSpot account is served from this host (OAuth tokens carry the account). */
export const HUBSPOT_API = 'https://api.hubapi.com'

/** The OAuth token endpoint (form-encoded `grant_type=refresh_token`). */
export const TOKEN_URL = `${HUBSPOT_API}/oauth/v1/token`

/** CRM v3 batch endpoints accept at most 100 inputs. */
export const CONTACT_BATCH_LIMIT = 100

/** The custom event batch endpoint accepts at most 500 occurrences. */
export const EVENT_BATCH_LIMIT = 500

/** An error as HubSpot reports it, on its own or in the `errors` of a batch result. */
export interface HubSpotError {
  status?: string
  category?: string
  message?: string
  id?: string
  context?: Record<string, unknown>
  errors?: Array<{ message?: string; code?: string }>
}

/** The HTTP status that matches a HubSpot error category (batch entries carry no status of their own). */
const statusByCategory: Record<string, number> = {
  VALIDATION_ERROR: 400,
  INVALID_EMAIL: 400,
  PROPERTY_DOESNT_EXIST: 400,
  INVALID_AUTHENTICATION: 401,
  MISSING_SCOPES: 403,
  OBJECT_NOT_FOUND: 404,
  CONFLICT: 409,
  OBJECT_ALREADY_EXISTS: 409,
  RATE_LIMITS: 429
}

/**
 * The HTTP status and code to report for a HubSpot error. Unknown categories are
 * reported as 400 so that a data problem is never retried forever.
 *
 * @example
 * statusOfError({ category: 'VALIDATION_ERROR' }) // { status: 400, code: 'VALIDATION_ERROR' }
 */
export function statusOfError(error: HubSpotError | undefined): { status: number; code: string } {
  const category = typeof error?.category === 'string' ? error.category : undefined
  const status = (category && statusByCategory[category]) || 400
  return { status, code: category ?? getErrorCodeFromHttpStatus(status) }
}

/**
 * A sentence describing a HubSpot error (its message, or the messages of its sub-errors).
 *
 * @example
 * messageOfError({ message: 'Property values were not valid' }) // 'Property values were not valid'
 */
export function messageOfError(error: HubSpotError | undefined): string {
  if (typeof error?.message === 'string' && error.message !== '') return error.message
  const nested = (error?.errors ?? []).map((e) => e.message).filter((m): m is string => typeof m === 'string')
  return nested.length > 0 ? nested.join(' ') : 'HubSpot reported an error without a message.'
}
