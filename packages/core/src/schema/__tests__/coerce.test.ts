import { coerceTo, matchesType } from '../coerce.js'

describe('coerceTo', () => {
  it.each([
    ['12.5', 'number', 12.5],
    [' 7 ', 'number', 7],
    ['-1e3', 'number', -1000],
    ['.5', 'number', 0.5],
    ['3', 'integer', 3],
    ['3.0', 'integer', 3],
    ['true', 'boolean', true],
    ['FALSE', 'boolean', false],
    [1, 'boolean', true],
    [0, 'boolean', false],
    [12, 'string', '12'],
    [true, 'string', 'true']
  ] as const)('coerces %j to %s', (value, type, expected) => {
    expect(coerceTo(value, type)).toEqual({ value: expected })
  })

  it.each([
    ['', 'number'],
    ['abc', 'number'],
    ['0x10', 'number'],
    ['Infinity', 'number'],
    ['1e400', 'number'],
    ['2.5', 'integer'],
    ['9007199254740993', 'integer'],
    ['yes', 'boolean'],
    [2, 'boolean'],
    [Number.NaN, 'string'],
    [{}, 'string'],
    [null, 'string'],
    ['1', 'object'],
    [new Date('invalid'), 'string']
  ] as const)('leaves %j alone for %s', (value, type) => {
    expect(coerceTo(value, type)).toBeUndefined()
  })
})

describe('matchesType', () => {
  it('tells integers apart from other numbers', () => {
    expect(matchesType(3, ['integer'])).toBe(true)
    expect(matchesType(3.5, ['integer'])).toBe(false)
    expect(matchesType(3.5, ['number'])).toBe(true)
    expect(matchesType(null, ['string', 'null'])).toBe(true)
    expect(matchesType([], ['object'])).toBe(false)
    expect(matchesType(new Date(), ['object', 'string'])).toBe(false)
  })
})
