/**
 * A realistic Segment track event for destination tests, with the same
 * defaults as the public Destination Actions test kit so that ported tests and
 * their snapshots keep passing.
 */
import type { SegmentEvent } from '../events/segment-event.js'

/**
 * A track event with test defaults; `event` overrides them key by key (shallow: a
 * given `context` replaces the whole default context). Every call builds fresh
 * objects, with a new `messageId` and the current time, so tests never share state.
 *
 * @example
 * const event = createTestEvent({ event: 'Order Completed', properties: { revenue: 12.5 } })
 * await testDestination.testAction('trackEvent', { event, useDefaultMappings: true })
 */
export function createTestEvent(event: Partial<SegmentEvent> = {}): SegmentEvent {
  const now = new Date().toISOString()
  return {
    anonymousId: 'anonId1234',
    context: {
      ip: '8.8.8.8',
      library: { name: 'analytics.js', version: '2.11.1' },
      locale: 'en-US',
      // The compatible test kit's values, kept as they are so ported snapshots still match.
      location: {
        city: 'San Francisco',
        country: 'United States',
        latitude: 40.2964197,
        longitude: -76.9411617,
        speed: 0
      },
      page: {
        path: '/academy/',
        referrer: '',
        search: '',
        title: 'Analytics Academy',
        url: 'https://segment.com/academy/'
      },
      timezone: 'Europe/Amsterdam',
      userAgent:
        'Mozilla/5.0 (iPhone; CPU iPhone OS 9_1 like Mac OS X) AppleWebKit/601.1.46 (KHTML, like Gecko) Version/9.0 Mobile/13B143 Safari/601.1'
    },
    event: 'Test Event',
    messageId: globalThis.crypto.randomUUID(),
    properties: {},
    receivedAt: now,
    sentAt: now,
    timestamp: now,
    traits: {},
    type: 'track',
    userId: 'user1234',
    ...event
  }
}
