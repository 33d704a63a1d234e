/**
 * Audience membership of an event, for list/audience destinations: an audience
 * tool (an Engage-style computation) marks the event with the audience's key in
 * `context.personas.computation_key`, and says whether the person entered or
 * exited the audience with a boolean under that key, in `traits` (identify) or
 * `properties` (track).
 */
import type { AudienceMembership } from '../definition/types.js'
import type { SegmentEvent } from '../events/segment-event.js'

/**
 * `true` (entered), `false` (exited), or `undefined` when the event does not say.
 *
 * @example
 * audienceMembershipOf({
 *   type: 'identify', traits: { vip_users: true },
 *   context: { personas: { computation_key: 'vip_users', computation_class: 'audience' } }
 * }) // true
 */
export function audienceMembershipOf(event: SegmentEvent): AudienceMembership {
  const personas = (event.context as { personas?: { computation_key?: unknown } } | undefined)?.personas
  const key = personas?.computation_key
  if (typeof key !== 'string' || key === '') return undefined
  const holder = (event.type === 'track' ? event.properties : event.traits) as
    Record<string, unknown> | undefined
  const value =
    holder !== null && typeof holder === 'object' && Object.hasOwn(holder, key) ? holder[key] : undefined
  return typeof value === 'boolean' ? value : undefined
}
