import { PayloadValidationError } from '@destkit/core'

/**
 * Amplitude rejects events and identifications that have neither a user_id nor
 * a device_id, so such payloads are refused before any request.
 *
 * @example
 * requireUserOrDevice(null, undefined) // throws PayloadValidationError
 */
export function requireUserOrDevice(
  userId: string | null | undefined,
  deviceId: string | null | undefined
): void {
  if (!userId && !deviceId) {
    throw new PayloadValidationError(
      'Amplitude needs a User ID or a Device ID, and this event has neither: map User ID or Device ID to a value the event has.'
    )
  }
}
