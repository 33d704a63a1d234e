/**
 * Engage audience events as Segment sends them to audience destinations: an
 * identify call whose trait named after the audience key is true/false, or a
 * track call "Audience Entered"/"Audience Exited" with that key in its
 * properties. `context.personas` names the audience and its external (list) ID.
 */
import { createTestEvent, type SegmentEvent } from '@destkit/core'

export const API = 'https://api.sendgrid.com'
export const EU_API = 'https://api.eu.sendgrid.com'
export const apiKey = 'SG.test_key.super_secret_value'
export const settings = { apiKey }

export const LIST_ID = 'ca7a3796-e8a8-4029-9ccb-df8937940562'
export const OTHER_LIST_ID = '199abb98-0af3-4a8d-b371-6811ff85d062'
export const AUDIENCE_KEY = 'vip_customers'

export function personas(listId = LIST_ID, key = AUDIENCE_KEY) {
  return {
    computation_class: 'audience',
    computation_key: key,
    computation_id: 'aud_2NLDw8EGa0UdvSuEwYmYGNsnfsw',
    external_audience_id: listId,
    namespace: 'spa_9mX1',
    space_id: 'spa_9mX1'
  }
}

/** An identify call: the user entered (true) or exited (false) the audience. */
export function identifyEvent(
  member: boolean,
  traits: Record<string, unknown> = {},
  listId = LIST_ID
): SegmentEvent {
  return createTestEvent({
    type: 'identify',
    event: undefined,
    userId: 'u_83712',
    properties: undefined,
    traits: { email: 'Ada.Lovelace@Example.com', [AUDIENCE_KEY]: member, ...traits },
    context: { library: { name: 'unknown', version: 'unknown' }, personas: personas(listId) }
  })
}

/** A track call "Audience Entered" / "Audience Exited"; traits travel in the context. */
export function trackEvent(
  member: boolean,
  email = 'grace@example.com',
  listId = LIST_ID,
  extraContextTraits: Record<string, unknown> = {}
): SegmentEvent {
  return createTestEvent({
    type: 'track',
    event: member ? 'Audience Entered' : 'Audience Exited',
    userId: 'u_1009',
    traits: undefined,
    properties: { audience_key: AUDIENCE_KEY, [AUDIENCE_KEY]: member },
    context: {
      library: { name: 'unknown', version: 'unknown' },
      traits: { email, ...extraContextTraits },
      personas: personas(listId)
    }
  })
}

/** A contact as SendGrid's lookups return it. */
export function foundContact(id: string, email: string, listIds: string[] = [LIST_ID]) {
  return {
    contact: {
      id,
      email,
      first_name: '',
      last_name: '',
      list_ids: listIds,
      segment_ids: [],
      created_at: '2026-03-02T15:25:47Z',
      updated_at: '2026-03-30T15:26:16Z'
    }
  }
}
