import { runInNewContext } from 'node:vm'
import { isArray, isObject, isString, realTypeOf } from '../real-type-of.js'

describe('realTypeOf', () => {
  it.each([
    ['a', 'string'],
    ['', 'string'],
    [1, 'number'],
    [Number.NaN, 'number'],
    [true, 'boolean'],
    [null, 'null'],
    [undefined, 'undefined'],
    [{}, 'object'],
    [Object.create(null), 'object'],
    [new Map(), 'object'],
    [new Error('x'), 'object'],
    [[], 'array'],
    [() => 1, 'function'],
    [class {}, 'function'],
    [new Date(), 'date'],
    [/x/, 'regexp'],
    [Symbol('s'), 'symbol'],
    [10n, 'bigint']
  ])('names %o as %s', (value, type) => {
    expect(realTypeOf(value)).toBe(type)
  })

  it('recognises arrays, dates and regular expressions from another realm', () => {
    const [array, date, regexp] = runInNewContext('[[], new Date(), /x/]') as unknown[]
    expect(realTypeOf(array)).toBe('array')
    expect(realTypeOf(date)).toBe('date')
    expect(realTypeOf(regexp)).toBe('regexp')
  })
})

describe('isObject', () => {
  it('accepts plain records, prototype-less objects and class instances', () => {
    expect(isObject({ a: 1 })).toBe(true)
    expect(isObject(Object.create(null))).toBe(true)
    expect(isObject(new (class Thing {})())).toBe(true)
    expect(isObject(runInNewContext('({ a: 1 })'))).toBe(true)
  })

  it('rejects everything else', () => {
    for (const value of [null, undefined, [], 'x', 1, true, new Date(), /x/, new Map(), new Set(), () => 1]) {
      expect(isObject(value)).toBe(false)
    }
    expect(isObject({ [Symbol.toStringTag]: 'Custom' })).toBe(false)
    expect(isObject(Object.assign(Object.create(null), { [Symbol.toStringTag]: 'Custom' }))).toBe(false)
  })
})

describe('isArray and isString', () => {
  it('tell arrays and strings apart from look-alikes', () => {
    expect(isArray([])).toBe(true)
    expect(isArray({ length: 0 })).toBe(false)
    expect(isArray('abc')).toBe(false)
    expect(isString('')).toBe(true)
    expect(isString(new String('boxed'))).toBe(false)
    expect(isString(1)).toBe(false)
  })
})
