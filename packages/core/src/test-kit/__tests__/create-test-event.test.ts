import { validateEvent } from '../../events/validate-event.js'
import { isIsoDateTime } from '../../events/is-iso-date-time.js'
import { createTestEvent } from '../create-test-event.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('createTestEvent', () => {
  it('builds a track event with the compatible defaults', () => {
    const event = createTestEvent()
    expect(event).toMatchObject({
      type: 'track',
      event: 'Test Event',
      userId: 'user1234',
      anonymousId: 'anonId1234',
      properties: {},
      traits: {}
    })
    expect(event.messageId).toMatch(UUID)
  })

  it('has the default context: ip, library, locale, location, page, timezone and an iPhone user agent', () => {
    const context = createTestEvent().context as Record<string, any>
    expect(context.ip).toBe('8.8.8.8')
    expect(context.library).toEqual({ name: 'analytics.js', version: '2.11.1' })
    expect(context.locale).toBe('en-US')
    expect(context.location).toMatchObject({ city: 'San Francisco', country: 'United States', speed: 0 })
    expect(typeof context.location.latitude).toBe('number')
    expect(typeof context.location.longitude).toBe('number')
    expect(context.page).toEqual({
      path: '/academy/',
      referrer: '',
      search: '',
      title: 'Analytics Academy',
      url: 'https://segment.com/academy/'
    })
    expect(context.timezone).toBe('Europe/Amsterdam')
    expect(context.userAgent).toMatch(/^Mozilla\/5\.0 \(iPhone; /)
  })

  it('stamps timestamp, sentAt and receivedAt with the current time as ISO strings', () => {
    const before = Date.now()
    const event = createTestEvent()
    const after = Date.now()
    for (const field of ['timestamp', 'sentAt', 'receivedAt'] as const) {
      const value = event[field] as string
      expect(isIsoDateTime(value)).toBe(true)
      expect(new Date(value).toISOString()).toBe(value)
      expect(Date.parse(value)).toBeGreaterThanOrEqual(before)
      expect(Date.parse(value)).toBeLessThanOrEqual(after)
    }
  })

  it('is a valid Segment event', () => {
    expect(validateEvent(createTestEvent()).ok).toBe(true)
  })

  it('lets the partial override any key, shallowly', () => {
    const event = createTestEvent({
      type: 'identify',
      event: undefined,
      userId: 'u-42',
      messageId: 'fixed-id',
      traits: { email: 'ada@example.com' },
      context: { ip: '203.0.113.1' },
      custom: 'kept'
    })
    expect(event.type).toBe('identify')
    expect(event.event).toBeUndefined()
    expect(event.userId).toBe('u-42')
    expect(event.anonymousId).toBe('anonId1234')
    expect(event.messageId).toBe('fixed-id')
    expect(event.traits).toEqual({ email: 'ada@example.com' })
    expect(event.context).toEqual({ ip: '203.0.113.1' })
    expect(event.custom).toBe('kept')
  })

  it('does not modify the partial', () => {
    const partial = Object.freeze({ properties: Object.freeze({ plan: 'pro' }) })
    const event = createTestEvent(partial)
    expect(event.properties).toBe(partial.properties)
    expect(partial).toEqual({ properties: { plan: 'pro' } })
  })

  it('never shares mutable objects or message ids between calls', () => {
    const first = createTestEvent()
    const second = createTestEvent()
    expect(first.messageId).not.toBe(second.messageId)
    expect(first.context).not.toBe(second.context)
    expect(first.properties).not.toBe(second.properties)
    expect(first.traits).not.toBe(second.traits)
    const firstContext = first.context as Record<string, any>
    const secondContext = second.context as Record<string, any>
    for (const key of ['library', 'location', 'page']) expect(firstContext[key]).not.toBe(secondContext[key])

    ;(first.properties as Record<string, unknown>).changed = true
    firstContext.page.title = 'Changed'
    expect(createTestEvent().properties).toEqual({})
    expect((createTestEvent().context as Record<string, any>).page.title).toBe('Analytics Academy')
  })
})
