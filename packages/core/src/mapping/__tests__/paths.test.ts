import { compilePath, splitPath } from '../paths.js'

describe('splitPath', () => {
  it.each<[string, string[]]>([
    ['$.a.b', ['a', 'b']],
    ['a.b', ['a', 'b']],
    ['a[0].b', ['a', '0', 'b']],
    ['$[0]', ['0']],
    ['$.integrations.Actions Amplitude.session_id', ['integrations', 'Actions Amplitude', 'session_id']],
    ["a['b.c'].d", ['a', 'b.c', 'd']],
    ['a["b c"]', ['a', 'b c']],
    ['a..b', ['a', 'b']],
    ['a[x]', ['a[x]']],
    ['$', []],
    ['', []]
  ])('%s', (path, segments) => {
    expect(splitPath(path)).toEqual(segments)
  })
})

describe('compilePath', () => {
  const data = { a: { b: [{ c: 1 }, { c: 2, d: { e: { f: 'deep' } } }] }, n: null, s: 'text' }

  it.each<[string, unknown]>([
    ['$.a.b[1].c', 2],
    ['a.b[1].d.e.f', 'deep'],
    ['a.b.length', 2],
    ['a.b[5].c', undefined],
    ['n', null],
    ['n.x', undefined],
    ['s.length', undefined],
    ['a.toString', undefined],
    ['a.b.map', undefined],
    ['$.a.__proto__', undefined],
    ['$.constructor', undefined]
  ])('%s → %j', (path, expected) => {
    expect(compilePath(path)(data)).toEqual(expected)
  })

  it('never returns a method found through an unusual prototype', () => {
    const event = { timestamp: new Date(0), list: new Set([1]) }
    expect(compilePath('$.timestamp.getTime')(event)).toBeUndefined()
    expect(compilePath('$.list.has')(event)).toBeUndefined()
    expect(compilePath('$.timestamp')(event)).toBe(event.timestamp)
  })

  it('reads nothing from primitives and null data', () => {
    expect(compilePath('a')(null)).toBeUndefined()
    expect(compilePath('a.b.c.d')(7)).toBeUndefined()
  })
})
