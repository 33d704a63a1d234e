import type { JSONObject, JSONValue } from '../util/json.js'

/** An identifier: a string, or null/undefined when absent. */
export type ID = string | null | undefined

/** The event types of the Segment spec. */
export type SegmentEventType = 'track' | 'page' | 'screen' | 'identify' | 'group' | 'alias'

/**
 * A Segment-spec event (track, identify, page, screen, group, alias).
 * Everything except `type` is optional; unknown top-level keys are allowed.
 */
export interface SegmentEvent {
  type: SegmentEventType | string
  event?: string
  name?: string
  userId?: ID
  anonymousId?: ID
  previousId?: ID
  groupId?: ID
  messageId?: string
  timestamp?: string | Date
  sentAt?: string | Date
  receivedAt?: string | Date
  originalTimestamp?: string | Date
  channel?: string
  context?: JSONObject
  properties?: JSONObject
  traits?: JSONObject
  integrations?: Record<string, boolean | JSONObject>
  category?: string
  [key: string]: JSONValue | Date | undefined | Record<string, boolean | JSONObject>
}
