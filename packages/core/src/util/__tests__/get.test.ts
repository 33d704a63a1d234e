import { readFileSync } from 'node:fs'
import { get, getAtPath } from '../get.js'
import { parsePath } from '../parse-path.js'

const fixtureUrl = new URL(
  '../../../../../../shared/fixtures/events/track-unicode-edge.json',
  import.meta.url
)
const loadEdgeEvent = (): any => JSON.parse(readFileSync(fixtureUrl, 'utf8'))

describe('get', () => {
  const data = { a: { b: [{ c: 1 }, { c: 2 }] }, zero: 0, no: false, empty: '', nothing: null }

  it('reads dot and bracket paths', () => {
    expect(get(data, 'a.b[0].c')).toBe(1)
    expect(get(data, 'a.b[1].c')).toBe(2)
    expect(get(data, 'a.b.1.c')).toBe(2)
    expect(get(data, 'a.b')).toBe(data.a.b)
  })

  it('reads a list of keys without parsing them', () => {
    expect(get({ 'a.b': { c: 3 } }, ['a.b', 'c'])).toBe(3)
  })

  it('returns the value itself for an empty path or a dot', () => {
    expect(get(data, '')).toBe(data)
    expect(get(data, '.')).toBe(data)
    expect(get(data, [])).toBe(data)
  })

  it('returns falsy values as they are', () => {
    expect(get(data, 'zero')).toBe(0)
    expect(get(data, 'no')).toBe(false)
    expect(get(data, 'empty')).toBe('')
    expect(get(data, 'nothing')).toBeNull()
  })

  it('returns undefined for missing steps, whatever stands in the way', () => {
    expect(get(data, 'a.x.y')).toBeUndefined()
    expect(get(data, 'a.b[5].c')).toBeUndefined()
    expect(get(data, 'nothing.below')).toBeUndefined()
    expect(get(data, 'zero.below')).toBeUndefined()
    expect(get(undefined, 'a')).toBeUndefined()
    expect(get(null, 'a')).toBeUndefined()
    expect(get(data, null as unknown as string)).toBeUndefined()
    expect(get(data, undefined as unknown as string)).toBeUndefined()
  })

  it('reads own properties of arrays and strings', () => {
    expect(get({ list: [1, 2, 3] }, 'list.length')).toBe(3)
    expect(get({ name: 'Ada' }, 'name.length')).toBe(3)
    expect(get({ name: 'Ada' }, 'name[0]')).toBe('A')
  })

  it('does not read inherited properties', () => {
    expect(get({}, 'toString')).toBeUndefined()
    expect(get({ list: [] }, 'list.map')).toBeUndefined()
    expect(get(Object.create({ inherited: 1 }), 'inherited')).toBeUndefined()
  })

  it('never reads through __proto__, constructor or prototype, even as own keys', () => {
    expect(get({}, '__proto__')).toBeUndefined()
    expect(get({}, 'constructor')).toBeUndefined()
    expect(get({}, 'constructor.prototype')).toBeUndefined()
    expect(get(function named() {}, 'prototype')).toBeUndefined()
    expect(get({ constructor: { name: 'own' } }, 'constructor.name')).toBeUndefined()
    expect(get({ a: { prototype: 1 } }, ['a', 'prototype'])).toBeUndefined()
  })

  it('is safe on the unicode edge fixture and leaves Object.prototype alone', () => {
    const event = loadEdgeEvent()
    expect(Object.hasOwn(event.properties, '__proto__')).toBe(true)
    expect(get(event, 'properties.__proto__')).toBeUndefined()
    expect(get(event, 'properties.__proto__.polluted')).toBeUndefined()
    expect(get(event, 'properties["__proto__"].polluted')).toBeUndefined()
    expect(get(event, 'properties.constructor')).toBeUndefined()
    expect(get(event, 'properties.polluted')).toBeUndefined()
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('reads the unusual keys of the unicode edge fixture', () => {
    const event = loadEdgeEvent()
    expect(get(event, 'event')).toBe('Signed Up ✓ — Ünïcödé')
    expect(get(event, 'properties.nested.deep.deeper.deepest[1].x')).toBe('y')
    expect(get(event, 'properties.nested.deep.deeper.deepest[0]')).toBe(1)
    expect(get(event, 'properties["dots.in.key"]')).toBe('literal')
    expect(get(event, ['properties', 'dots.in.key'])).toBe('literal')
    expect(get(event, 'properties.dots.in.key')).toBeUndefined()
    expect(get(event, 'properties.key with spaces')).toBe('ok')
    expect(get(event, "properties['key with spaces']")).toBe('ok')
    expect(get(event, 'properties.emoji')).toBe('🚀🔥')
    expect(get(event, 'properties.null_value')).toBeNull()
    expect(get(event, 'properties.zero')).toBe(0)
    expect(get(event, 'properties.false_value')).toBe(false)
    expect(get(event, 'properties.empty_string')).toBe('')
  })

  it('gives the same answers for a string path and its parsed segments', () => {
    const event = loadEdgeEvent()
    for (const path of [
      'properties.nested.deep',
      'properties["dots.in.key"]',
      'properties.__proto__',
      'x.y'
    ]) {
      expect(getAtPath(event, parsePath(path))).toBe(get(event, path))
    }
  })

  it('keeps answering correctly after many distinct paths', () => {
    const record: Record<string, number> = {}
    for (let index = 0; index < 2500; index++) record[`key${index}`] = index
    for (let index = 0; index < 2500; index++) expect(get(record, `key${index}`)).toBe(index)
    expect(get(record, 'key7')).toBe(7)
  })
})
