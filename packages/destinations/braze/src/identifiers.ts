import { PayloadValidationError, removeUndefined } from '@destkit/core'

/** The identifier fields a payload may carry. */
export interface IdentifierFields {
  external_id?: string | null
  user_alias?: { alias_name: string; alias_label: string }
  braze_id?: string | null
  email?: string | null
  phone?: string | null
}

/**
 * The identifiers of a payload, as Braze takes them in every attributes, event
 * and purchase object. Braze refuses an object with none, so that is refused here.
 *
 * @example
 * userIdentifiers({ external_id: 'user1234', braze_id: null }) // { external_id: 'user1234' }
 */
export function userIdentifiers(payload: IdentifierFields): Record<string, unknown> {
  const identifiers = removeUndefined({
    external_id: payload.external_id || undefined,
    user_alias: payload.user_alias,
    braze_id: payload.braze_id || undefined,
    email: payload.email || undefined,
    phone: payload.phone || undefined
  })
  if (Object.keys(identifiers).length === 0) {
    throw new PayloadValidationError(
      'Braze needs one of External ID, User Alias, Braze ID, Email or Phone to know which user this is, and none has a value.'
    )
  }
  return identifiers
}
