import fc from 'fast-check'
import { isDateLike } from '../../schema/date-like.js'
import { isIsoDateTime } from '../is-iso-date-time.js'

describe('isIsoDateTime', () => {
  it.each([
    '2026-10-30T14:22:05.118Z',
    '2026-10-30T00:00:00Z',
    '2026-10-30T14:22:05Z',
    '2026-10-30T14:22Z',
    '2026-10-30T14:22:05.123456789Z',
    '2026-10-30T14:22:05.118+02:00',
    '2026-10-30T14:22:05.118-0530',
    '2026-10-30T14:22:05',
    '2026-10-30 14:22',
    '2026-10-30t14:22:05z',
    '2026-10-30',
    '2024-02-29',
    '2000-02-29'
  ])('accepts %s', (text) => {
    expect(isIsoDateTime(text)).toBe(true)
    expect(Number.isNaN(Date.parse(text))).toBe(false)
  })

  it.each([
    'yesterday-ish',
    '',
    '30/10/2026',
    '2026-13-01',
    '2026-00-10',
    '2026-02-30',
    '2026-02-29',
    '1900-02-29',
    '2026-04-31',
    '2026-10-30T24:00:00Z',
    '2026-10-30T14:60Z',
    '2026-10-30T14:22:61Z',
    '2026-10-30T14',
    '2026-10-30T14:22:05.Z',
    '2026-10-30T14:22:05,118Z',
    '2026-10-30T14:22:05+02',
    '2026-10-30T14:22:05+2:00',
    '2026-10-30T14:22:05Z ',
    '2026-10-30X14:22',
    '2026-1-30',
    '20261030'
  ])('rejects %j', (text) => {
    expect(isIsoDateTime(text)).toBe(false)
  })

  it('accepts a leap second (second 60), as the date-like format of datetime fields does', () => {
    for (const text of ['2016-12-31T23:59:60Z', '2016-12-31T23:59:60.999Z', '2016-12-31 18:59:60-05:00']) {
      expect(isIsoDateTime(text)).toBe(true)
      expect(isDateLike(text)).toBe(true)
    }
  })

  it('accepts every date-time toISOString produces for four-digit years', () => {
    const dates = fc.date({
      min: new Date('0000-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59Z'),
      noInvalidDate: true
    })
    fc.assert(fc.property(dates, (date) => isIsoDateTime(date.toISOString())))
  })

  it('accepts only strings Date.parse can read', () => {
    const twoDigits = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'))
    const texts = fc
      .tuple(
        fc.integer({ min: 1000, max: 9999 }),
        twoDigits(13),
        twoDigits(32),
        fc.constantFrom('T', ' ', 't'),
        twoDigits(24),
        twoDigits(60),
        fc.constantFrom('', ':05', ':59.5', ':00.123'),
        fc.constantFrom('', 'Z', 'z', '+02:00', '-0830', '+14:00')
      )
      .map(([y, mo, d, sep, h, mi, s, zone]) => `${y}-${mo}-${d}${sep}${h}:${mi}${s}${zone}`)
    fc.assert(
      fc.property(texts, (text) => !isIsoDateTime(text) || !Number.isNaN(Date.parse(text))),
      { numRuns: 1000 }
    )
  })
})
