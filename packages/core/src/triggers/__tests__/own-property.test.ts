import { ownProperty } from '../own-property.js'

describe('ownProperty', () => {
  it('reads own keys of objects and arrays', () => {
    expect(ownProperty({ plan: 'pro' }, 'plan')).toBe('pro')
    expect(ownProperty(['a', 'b'], '1')).toBe('b')
    expect(ownProperty(['a', 'b'], 'length')).toBe(2)
    expect(ownProperty(JSON.parse('{"__proto__": 1}'), '__proto__')).toBe(1)
  })

  it('never reads an inherited key', () => {
    expect(ownProperty({}, 'constructor')).toBe(undefined)
    expect(ownProperty({}, '__proto__')).toBe(undefined)
    expect(ownProperty([], 'map')).toBe(undefined)
    expect(ownProperty(Object.create({ plan: 'pro' }), 'plan')).toBe(undefined)
  })

  it.each([null, undefined, 'abc', 3, true])('reads nothing from %s', (value) => {
    expect(ownProperty(value, 'length')).toBe(undefined)
  })
})
