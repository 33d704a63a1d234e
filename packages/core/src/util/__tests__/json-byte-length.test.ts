import fc from 'fast-check'
import { readdirSync, readFileSync } from 'node:fs'
import { jsonByteLength } from '../json-byte-length.js'

const eventsDir = new URL('../../../../../../shared/fixtures/events/', import.meta.url)
const expected = (value: unknown): number => {
  const json = JSON.stringify(value)
  return json === undefined ? 0 : Buffer.byteLength(json)
}

/** Strings of any UTF-16 code units, lone surrogates and control characters included. */
const anyCodeUnits = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code))
})

describe('jsonByteLength', () => {
  it.each([
    [null],
    [true],
    [false],
    [0],
    [-0],
    [-12],
    [12.5],
    [1e21],
    [5e-7],
    [Number.NaN],
    [Infinity],
    [''],
    ['Zoë 🚀'],
    ['"quoted" \\ back\nslash\t\u0001\u001f'],
    ['\ud800 lone'],
    ['lone \udc00'],
    [[]],
    [{}],
    [[undefined, () => 1, Symbol('s')]],
    [{ skipped: undefined, fn: () => 1, kept: 1 }],
    [{ when: new Date(0) }],
    [{ invalid: new Date(Number.NaN) }],
    [{ custom: { toJSON: (key: string) => `key:${key}` } }],
    [[{ toJSON: (key: string) => `index:${key}` }]],
    [{ gone: { toJSON: () => undefined } }],
    [Object.assign(Object.create({ inherited: 1 }), { own: 2 })],
    [new Map([['a', 1]])],
    [[new Number(3), new String('s'), new Boolean(false)]]
  ])('matches the UTF-8 length of JSON.stringify for %o', (value) => {
    expect(jsonByteLength(value)).toBe(expected(value))
  })

  it('measures values with no JSON form at the top level as 0', () => {
    expect(jsonByteLength(undefined)).toBe(0)
    expect(jsonByteLength(() => 1)).toBe(0)
  })

  it('matches every sample event, including the unicode edge case', () => {
    for (const file of readdirSync(eventsDir)) {
      const event = JSON.parse(readFileSync(new URL(file, eventsDir), 'utf8'))
      expect(jsonByteLength(event)).toBe(expected(event))
    }
  })

  it('matches JSON.stringify for arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => jsonByteLength(value) === expected(value)),
      { numRuns: 500 }
    )
  })

  it('matches JSON.stringify for arbitrary strings, lone surrogates included', () => {
    fc.assert(
      fc.property(
        anyCodeUnits,
        (text) => jsonByteLength({ [text]: [text] }) === expected({ [text]: [text] })
      ),
      { numRuns: 500 }
    )
  })

  it('matches JSON.stringify for arbitrary JavaScript values', () => {
    const values = fc.anything({
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withSparseArray: true,
      withTypedArray: true,
      withObjectString: true
    })
    fc.assert(
      fc.property(values, (value) => jsonByteLength(value) === expected(value)),
      { numRuns: 500 }
    )
  })

  it('is exact up to the limit and above it once the limit is passed', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(300), (value, limit) => {
        const size = expected(value)
        const measured = jsonByteLength(value, limit)
        return size <= limit ? measured === size : measured > limit
      }),
      { numRuns: 500 }
    )
  })

  it('throws where JSON.stringify throws, and can be called again afterwards', () => {
    const cyclic: Record<string, unknown> = { a: 1 }
    cyclic.self = { back: cyclic }
    expect(() => JSON.stringify(cyclic)).toThrow(TypeError)
    expect(() => jsonByteLength(cyclic)).toThrow(/circular/)
    expect(() => jsonByteLength({ n: 1n })).toThrow(/BigInt/)
    const shared = { x: 1 }
    expect(jsonByteLength({ a: shared, b: [shared] })).toBe(expected({ a: shared, b: [shared] }))
  })
})
