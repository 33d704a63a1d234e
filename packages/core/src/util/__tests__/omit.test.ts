import { readFileSync } from 'node:fs'
import { omit } from '../omit.js'

const fixtureUrl = new URL(
  '../../../../../../shared/fixtures/events/track-unicode-edge.json',
  import.meta.url
)

describe('omit', () => {
  it('copies an object without the given keys', () => {
    const input = { email: 'a@b.co', password: 'x', plan: 'pro' }
    expect(omit(input, ['password'])).toEqual({ email: 'a@b.co', plan: 'pro' })
  })

  it('does not modify the input and returns a new object', () => {
    const input = Object.freeze({ a: 1, b: 2 })
    const copy = omit(input, ['b'])
    expect(copy).not.toBe(input)
    expect(input).toEqual({ a: 1, b: 2 })
  })

  it('returns an empty object for undefined', () => {
    expect(omit(undefined, ['a'])).toEqual({})
  })

  it('ignores keys that are not there and is shallow', () => {
    const nested = { c: 1 }
    const copy = omit({ a: nested, b: 2 }, ['x', 'c']) as Record<string, unknown>
    expect(copy).toEqual({ a: { c: 1 }, b: 2 })
    expect(copy.a).toBe(nested)
  })

  it('keeps an own __proto__ key as data without changing the copy’s prototype', () => {
    const properties = JSON.parse(readFileSync(fixtureUrl, 'utf8')).properties
    const copy = omit(properties, ['emoji']) as Record<string, unknown>
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype)
    expect(Object.hasOwn(copy, '__proto__')).toBe(true)
    expect(copy['__proto__']).toEqual({ polluted: true })
    expect(copy.polluted).toBeUndefined()
    expect(Object.hasOwn(copy, 'emoji')).toBe(false)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
