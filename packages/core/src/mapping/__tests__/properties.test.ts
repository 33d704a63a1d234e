import fc from 'fast-check'
import { compileMapping } from '../compile.js'
import { validateMapping } from '../validate.js'

/** JSON objects whose keys never start with '@' and never name a prototype key. */
const safeKey = fc
  .string({ maxLength: 8 })
  .filter((key) => !key.startsWith('@') && !['__proto__', 'prototype', 'constructor'].includes(key))
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    tie('array'),
    tie('object')
  ),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(safeKey, tie('value'), { maxKeys: 4 })
})).object

describe('properties', () => {
  it('a mapping of raw JSON resolves to an equal, unshared copy of itself', () => {
    fc.assert(
      fc.property(json, (mapping) => {
        expect(validateMapping(mapping)).toEqual([])
        const payload = compileMapping(mapping)({})
        expect(payload).toEqual(mapping)
        if (Object.keys(mapping).length > 0) expect(payload).not.toBe(mapping)
      })
    )
  })

  it('@path $ copies any event exactly, without sharing it', () => {
    const run = compileMapping<{ all: unknown }>({ all: { '@path': '$' } })
    fc.assert(
      fc.property(json, (event) => {
        const { all } = run(event)
        expect(all).toEqual(event)
        expect(all).not.toBe(event)
      })
    )
  })

  it('any path into any event reads what a plain walk of own properties reads', () => {
    const segment = fc.oneof(
      safeKey.filter((key) => key !== '' && !/[.[\]'"]/.test(key)),
      fc.nat(3).map(String)
    )
    fc.assert(
      fc.property(json, fc.array(segment, { minLength: 1, maxLength: 4 }), (event, segments) => {
        let expected: unknown = event
        for (const key of segments) {
          expected =
            typeof expected === 'object' && expected !== null && Object.hasOwn(expected, key)
              ? (expected as Record<string, unknown>)[key]
              : undefined
        }
        const payload = compileMapping<{ v?: unknown }>({ v: { '@path': '$.' + segments.join('.') } })(event)
        expect(payload.v).toEqual(expected)
      })
    )
  })
})
