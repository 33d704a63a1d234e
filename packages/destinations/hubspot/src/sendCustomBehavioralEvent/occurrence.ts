/**
 * The body of one custom event occurrence (`POST /events/v3/send`, and each
 * input of `/events/v3/send/batch`).
 */
import { PayloadValidationError, type JSONLikeObject } from '@destkit/core'
import { scalarProperties, type PropertyValue } from '../property-values.js'
import type { Payload } from './generated-types.js'

/** One event occurrence as HubSpot takes it. */
export interface Occurrence {
  eventName: string
  email?: string
  utk?: string
  objectId?: string
  occurredAt?: string | number
  uuid?: string
  properties: Record<string, PropertyValue>
}

/**
 * The occurrence of one payload. HubSpot needs an email, a user token or an
 * object ID to link the occurrence to a record, and always takes `properties`.
 *
 * @example
 * occurrenceOf({ eventName: 'pe123456_order_completed', email: 'ada@example.com' })
 * // { eventName: 'pe123456_order_completed', email: 'ada@example.com', properties: {} }
 */
export function occurrenceOf(payload: Payload): Occurrence {
  if (!payload.email && !payload.utk && !payload.objectId) {
    throw new PayloadValidationError(
      'HubSpot needs an Email, a User Token or an Object ID to link the event occurrence to a record, and none was given.'
    )
  }
  return {
    eventName: payload.eventName,
    ...(payload.email && { email: payload.email }),
    ...(payload.utk && { utk: payload.utk }),
    ...(payload.objectId && { objectId: payload.objectId }),
    ...(payload.occurredAt !== undefined && { occurredAt: payload.occurredAt }),
    ...(payload.uuid && { uuid: payload.uuid }),
    properties: scalarProperties(payload.properties, 'Event Properties')
  }
}

/** An occurrence as the `sent` of a batch entry. */
export function asSent(occurrence: Occurrence): JSONLikeObject {
  return occurrence as unknown as JSONLikeObject
}
