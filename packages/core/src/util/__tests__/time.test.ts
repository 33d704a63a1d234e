import { duration, time } from '../time.js'

describe('time and duration', () => {
  it('time() is a monotonic bigint mark', () => {
    const first = time()
    const second = time()
    expect(typeof first).toBe('bigint')
    expect(second >= first).toBe(true)
  })

  it('duration converts nanoseconds between two marks to fractional milliseconds', () => {
    expect(duration(0n, 2_500_000n)).toBe(2.5)
    expect(duration(1_000n, 1_000n)).toBe(0)
    expect(duration(10n, 1_000_010n)).toBe(1)
  })

  it('duration measures until now when no stop mark is given', () => {
    const start = time()
    const elapsed = duration(start)
    expect(elapsed).toBeGreaterThanOrEqual(0)
    expect(Number.isFinite(elapsed)).toBe(true)
  })
})
