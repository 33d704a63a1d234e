import { IntegrationError, PayloadValidationError } from '@destkit/core'
import { MAX_EVENT_AGE_SECONDS, buildCustomData, buildServerEvent, toUnixSeconds } from '../server-event.js'

const now = Date.parse('2026-12-01T12:00:00.000Z')
const nowSeconds = now / 1000
const userData = { em: 'ada@example.com', client_user_agent: 'UA' }

describe('toUnixSeconds', () => {
  it('reads ISO date-times, epoch seconds and epoch milliseconds', () => {
    expect(toUnixSeconds('2026-12-01T12:00:00.999Z')).toBe(nowSeconds)
    expect(toUnixSeconds(nowSeconds)).toBe(nowSeconds)
    expect(toUnixSeconds(now)).toBe(nowSeconds)
    expect(toUnixSeconds(String(nowSeconds))).toBe(nowSeconds)
    expect(toUnixSeconds('not a date')).toBeUndefined()
    expect(toUnixSeconds(-1)).toBeUndefined()
  })
})

describe('buildServerEvent', () => {
  const payload = {
    event_time: '2026-12-01T11:00:00Z',
    event_id: 'm1',
    event_source_url: 'https://shop.example.com/',
    action_source: 'website',
    user_data: userData
  }

  it('builds the event with Unix seconds and hashed user data', () => {
    const event = buildServerEvent(' Lead ', payload, { now })
    expect(event).toEqual({
      event_name: 'Lead',
      event_time: nowSeconds - 3600,
      event_id: 'm1',
      event_source_url: 'https://shop.example.com/',
      action_source: 'website',
      user_data: { em: expect.stringMatching(/^[a-f0-9]{64}$/), client_user_agent: 'UA' }
    })
  })

  it('accepts an event exactly 7 days old and refuses an older one', () => {
    const at = (seconds: number) => ({ ...payload, event_time: seconds })
    expect(() => buildServerEvent('Lead', at(nowSeconds - MAX_EVENT_AGE_SECONDS), { now })).not.toThrow()
    expect(() => buildServerEvent('Lead', at(nowSeconds - MAX_EVENT_AGE_SECONDS - 1), { now })).toThrow(
      'Event Time 2026-11-24T11:59:59.000Z is more than 7 days in the past; Meta rejects events older than 7 days ' +
        '(and the whole request with them).'
    )
  })

  it('refuses an unreadable event time and an empty event name', () => {
    expect(() => buildServerEvent('Lead', { ...payload, event_time: 'soon' }, { now })).toThrow(
      new PayloadValidationError('Event Time must be an ISO 8601 date-time or a Unix timestamp.')
    )
    expect(() => buildServerEvent('  ', payload, { now })).toThrow('Event Name must not be empty.')
  })

  it('does not ask non-website events for a URL or user agent', () => {
    const event = buildServerEvent(
      'Purchase',
      {
        ...payload,
        action_source: 'physical_store',
        event_source_url: undefined,
        user_data: { em: 'a@b.co' }
      },
      { now }
    )
    expect(event.action_source).toBe('physical_store')
  })

  it('logs the user data it left out by name, never by value', () => {
    const warnings: unknown[] = []
    const logger = {
      debug() {},
      info() {},
      error() {},
      warn: (...message: unknown[]) => warnings.push(...message)
    }
    buildServerEvent('Lead', { ...payload, user_data: { ...userData, ph: '12', ge: 'x' } }, { now, logger })
    expect(warnings).toEqual(['Left out user data that could not be normalised for Meta: Phone, Gender.'])
  })
})

describe('buildCustomData', () => {
  const base = { event_time: 1, action_source: 'website', user_data: {} }

  it('is undefined when there is nothing to send', () => {
    expect(buildCustomData(base)).toBeUndefined()
  })

  it('upper-cases the currency and checks it is an ISO code', () => {
    expect(buildCustomData({ ...base, currency: ' eur ', value: 3 })).toEqual({ currency: 'EUR', value: 3 })
    expect(() => buildCustomData({ ...base, currency: 'euro' })).toThrow(IntegrationError)
    expect(() => buildCustomData({ ...base, currency: 'euro' })).toThrow(
      expect.objectContaining({ code: 'INVALID_CURRENCY_CODE', status: 400 })
    )
  })

  it('leaves out contents without an ID and empty lists', () => {
    expect(
      buildCustomData({ ...base, content_ids: [], contents: [{ quantity: 1 }, { id: 'p-1', quantity: 2 }] })
    ).toEqual({ contents: [{ id: 'p-1', quantity: 2 }] })
  })
})
