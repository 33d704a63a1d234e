import { parseRetryAfter } from '../retry-after.js'

const NOW = Date.parse('2026-01-01T00:00:00Z')

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('0', NOW)).toBe(0)
    expect(parseRetryAfter('120', NOW)).toBe(120_000)
    expect(parseRetryAfter(' 3600 ', NOW)).toBe(3_600_000)
    expect(parseRetryAfter('1.5', NOW)).toBe(1_500)
  })

  it('reads the three HTTP date forms as GMT', () => {
    const later = NOW + 90_000
    expect(parseRetryAfter(new Date(later).toUTCString(), NOW)).toBe(90_000)
    expect(parseRetryAfter('Thursday, 01-Jan-26 00:01:30 GMT', NOW)).toBe(90_000)
    expect(parseRetryAfter('Thu Jan  1 00:01:30 2026', NOW)).toBe(90_000)
  })

  it('gives 0 for a date in the past', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', NOW)).toBe(0)
  })

  it.each([
    null,
    undefined,
    '',
    '   ',
    'soon',
    '-1',
    '+5',
    '1e3',
    '0x10',
    'Wed, 21 Oct 2015',
    'in 5 minutes 1'
  ])('gives undefined for %j', (value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined()
  })
})
