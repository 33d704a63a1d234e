import { readFileSync } from 'node:fs'
import { removeUndefined } from '../remove-undefined.js'

const fixtureUrl = new URL(
  '../../../../../../shared/fixtures/events/track-unicode-edge.json',
  import.meta.url
)

describe('removeUndefined', () => {
  it('removes undefined values at every depth', () => {
    const input = {
      a: 1,
      b: undefined,
      c: { d: undefined, e: { f: undefined, g: 'x' } },
      h: [{ i: undefined, j: 2 }]
    }
    expect(removeUndefined(input)).toStrictEqual({ a: 1, c: { e: { g: 'x' } }, h: [{ j: 2 }] })
  })

  it('keeps null, false, 0 and empty strings', () => {
    const input = { a: null, b: false, c: 0, d: '' }
    expect(removeUndefined(input)).toStrictEqual(input)
  })

  it('keeps array items in place', () => {
    expect(removeUndefined([1, undefined, 3])).toStrictEqual([1, undefined, 3])
  })

  it('returns a copy and never modifies the input', () => {
    const inner = { b: undefined, c: 1 }
    const input = { a: inner, list: [inner] }
    const output = removeUndefined(input)
    expect(output).not.toBe(input)
    expect(output.a).not.toBe(inner)
    expect(output.list).not.toBe(input.list)
    expect('b' in inner).toBe(true)
  })

  it('returns primitives and non-plain objects as they are', () => {
    const date = new Date(0)
    const map = new Map([['a', undefined]])
    expect(removeUndefined('x')).toBe('x')
    expect(removeUndefined(undefined)).toBeUndefined()
    expect(removeUndefined(date)).toBe(date)
    expect(removeUndefined(map)).toBe(map)
    expect(removeUndefined({ when: date }).when).toBe(date)
  })

  it('copies objects without a prototype', () => {
    const input = Object.assign(Object.create(null), { a: undefined, b: 1 })
    expect(removeUndefined(input)).toEqual({ b: 1 })
  })

  it('copies the unicode edge fixture exactly, keeping __proto__ as a key', () => {
    const event = JSON.parse(readFileSync(fixtureUrl, 'utf8'))
    const copy = removeUndefined(event)
    expect(copy).toStrictEqual(event)
    expect(Object.getPrototypeOf(copy.properties)).toBe(Object.prototype)
    expect(Object.hasOwn(copy.properties, '__proto__')).toBe(true)
    expect(copy.properties.polluted).toBeUndefined()
    expect(JSON.stringify(copy)).toBe(JSON.stringify(event))
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
