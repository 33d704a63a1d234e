import { setOwnProperty } from '../set-own-property.js'

describe('setOwnProperty', () => {
  it('sets ordinary keys', () => {
    const target: Record<string, unknown> = {}
    setOwnProperty(target, 'a', 1)
    expect(target).toEqual({ a: 1 })
  })

  it('stores __proto__ as an own enumerable key instead of replacing the prototype', () => {
    const target: Record<string, unknown> = {}
    setOwnProperty(target, '__proto__', { polluted: true })
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype)
    expect(Object.keys(target)).toEqual(['__proto__'])
    expect(target.polluted).toBeUndefined()
    expect(JSON.stringify(target)).toBe('{"__proto__":{"polluted":true}}')
  })
})
