import { compileMapping } from '../compile.js'
import { MappingError } from '../mapping-error.js'
import { transform } from '../transform.js'
import { deepFreeze, loadEvent } from './fixtures.js'

const unsafe = ['__proto__', 'prototype', 'constructor']

function expectPrototypeIntact(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  expect(Object.prototype).not.toHaveProperty('polluted')
  expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted')
}

describe('prototype keys', () => {
  // JSON.parse makes `properties.__proto__` an own property of the fixture event.
  const edge = deepFreeze(loadEvent('track-unicode-edge'))

  afterEach(expectPrototypeIntact)

  it('the fixture really has an own __proto__ key', () => {
    expect(Object.hasOwn(edge.properties, '__proto__')).toBe(true)
  })

  it.each([
    '$.properties.__proto__',
    '$.properties.__proto__.polluted',
    'properties["__proto__"].polluted',
    "properties['__proto__']",
    '__proto__',
    '$.constructor',
    '$.constructor.prototype',
    'properties.constructor.name',
    'properties.prototype',
    'properties.nested.toString',
    'properties.nested.hasOwnProperty'
  ])('the path %s reads nothing', (path) => {
    expect(compileMapping({ out: { '@path': path } })(edge)).toEqual({})
    expect(compileMapping({ out: { '@template': `[{{${path}}}]` } })(edge)).toEqual({ out: '[]' })
    expect(
      compileMapping({ out: { '@if': { exists: { '@path': path }, then: 'yes', else: 'no' } } })(edge)
    ).toEqual({
      out: 'no'
    })
  })

  it('copies of event objects leave the prototype keys out', () => {
    const payload = compileMapping<Record<string, any>>({
      props: { '@path': '$.properties' },
      merged: { '@merge': { objects: [{ '@path': '$.properties' }], direction: 'right' } },
      flat: { '@flatten': { value: { '@path': '$.properties' }, separator: '.' } },
      kept: { '@excludeWhenNull': { '@path': '$.properties' } },
      list: { '@arrayPath': ['$.properties'] }
    })(edge)
    for (const key of ['props', 'merged', 'kept', 'list']) {
      expect(Object.hasOwn(payload[key], '__proto__')).toBe(false)
      expect(Object.getPrototypeOf(payload[key])).toBe(Object.prototype)
      expect(payload[key].polluted).toBeUndefined()
      expect(payload[key]['key with spaces']).toBe('ok')
    }
    expect(Object.keys(payload.flat).some((key) => key.includes('__proto__'))).toBe(false)
    expect(payload.flat['nested.deep.deeper.deepest.1.x']).toBe('y')
  })

  it('a merge of decoded JSON with __proto__ does not change the result prototype', () => {
    const payload = compileMapping<Record<string, any>>({
      out: {
        '@merge': {
          objects: [{ '@json': { mode: 'decode', value: '{"__proto__":{"polluted":true},"a":1}' } }],
          direction: 'right'
        }
      }
    })({})
    expect(payload.out).toEqual({ a: 1 })
    expect(Object.getPrototypeOf(payload.out)).toBe(Object.prototype)
    expect(payload.out.polluted).toBeUndefined()
  })

  it.each<[string, string, string, boolean]>([
    [
      '_ and proto__ joined by _ (an array kept whole)',
      '{"t":{"_":{"proto__":[{"p":1}]},"ok":1}}',
      '_',
      true
    ],
    ['_ and proto__ joined by _', '{"t":{"_":{"proto__":"v"},"ok":1}}', '_', false],
    ['__ and __ joined by proto', '{"t":{"__":{"__":"v"},"ok":1}}', 'proto', false],
    ['c and nstructor joined by o', '{"t":{"c":{"nstructor":[1]},"ok":1}}', 'o', true],
    ['pro and otype joined by t', '{"t":{"pro":{"otype":"x"},"ok":1}}', 't', false]
  ])(
    '@flatten leaves out a prototype key made by joining keys: %s',
    (_title, json, separator, omitArrays) => {
      const payload = compileMapping<Record<string, any>>({
        t: { '@flatten': { value: { '@path': '$.t' }, separator, omitArrays } }
      })(JSON.parse(json))
      expect(Object.getPrototypeOf(payload.t)).toBe(Object.prototype)
      expect(Object.keys(payload.t)).toEqual(['ok'])
      const keys: string[] = []
      for (const key in payload.t) keys.push(key)
      expect(keys).toEqual(['ok'])
      expect(payload.t.length).toBeUndefined()
      expect(payload.t[0]).toBeUndefined()
    }
  )

  it.each(unsafe)('a mapping key %s is refused', (key) => {
    const mapping = JSON.parse(`{"${key}": {"polluted": true}, "ok": 1}`)
    expect(() => compileMapping(mapping)).toThrow(MappingError)
    expect(() => compileMapping({ '@literal': mapping })).toThrow(
      `/@literal should not have the key "${key}".`
    )
  })

  it('transform on the fixture with every kind of read leaves Object.prototype alone', () => {
    const payload = transform(
      {
        a: { '@path': '$.properties.__proto__.polluted' },
        b: { '@arrayPath': ['$.properties.__proto__', { polluted: { '@path': 'polluted' } }] },
        c: { '@liquid': '{{ properties.nested.constructor }}{{ properties.hasOwnProperty }}{{ polluted }}' },
        d: {
          '@json': {
            mode: 'decode',
            value: { '@json': { mode: 'encode', value: { '@path': '$.properties' } } }
          }
        }
      },
      edge
    ) as Record<string, any>
    expect(payload.a).toBeUndefined()
    expect(payload.b).toBeUndefined()
    expect(payload.c).toBe('')
    expect(Object.hasOwn(payload.d, '__proto__')).toBe(false)
    expect(payload.d.emoji).toBe('🚀🔥')
  })
})

describe('no shared or mutated structure', () => {
  it('never mutates the mapping or the event (both frozen)', () => {
    const event = deepFreeze(loadEvent('track-order-completed'))
    const mapping = deepFreeze({
      id: { '@path': '$.properties.order_id' },
      r: { '@replace': { value: 'a', pattern: 'a' } },
      items: { '@arrayPath': ['$.properties.products', { sku: { '@path': '$.sku' } }] },
      ex: { '@excludeWhenNull': { '@path': '$.context' } },
      lit: { '@literal': { a: [1] } }
    })
    expect(() => compileMapping(mapping)(event)).not.toThrow()
    expect(() => transform(mapping, event)).not.toThrow()
  })

  it('payloads share nothing with the mapping or the event, nor with each other', () => {
    const event = loadEvent('track-order-completed')
    const mapping = {
      raw: { list: [1, { a: 2 }] },
      lit: { '@literal': { list: [1, { a: 2 }] } },
      ctx: { '@path': '$.context' },
      products: { '@arrayPath': ['$.properties.products'] },
      first: { '@coalesce': [{ '@path': '$.context.page' }] },
      branch: { '@if': { exists: { '@path': '$.context' }, then: { '@path': '$.context.campaign' } } }
    }
    const run = compileMapping<Record<string, any>>(mapping)
    const one = run(event)
    const two = run(event)
    one.raw.list[1].a = 'changed'
    one.lit.list[1].a = 'changed'
    one.ctx.library.name = 'changed'
    one.products[0].sku = 'changed'
    one.first.title = 'changed'
    one.branch.name = 'changed'
    expect(mapping.raw.list[1]).toEqual({ a: 2 })
    expect(mapping.lit['@literal'].list[1]).toEqual({ a: 2 })
    expect(event.context.library.name).toBe('analytics-node')
    expect(event.properties.products[0].sku).toBe('TEE-BLK-M')
    expect(event.context.page.title).toBe('Thank you for your order')
    expect(event.context.campaign.name).toBe('autumn-sale')
    expect(two.raw.list[1].a).toBe(2)
    expect(two.lit.list[1].a).toBe(2)
  })

  it('a mapping changed after compiling does not change the compiled function', () => {
    const mapping = { a: { '@literal': { b: 1 } }, c: { '@path': '$.x' } }
    const run = compileMapping(mapping)
    mapping.a['@literal'].b = 2
    mapping.c['@path'] = '$.y'
    expect(run({ x: 'x', y: 'y' })).toEqual({ a: { b: 1 }, c: 'x' })
  })
})
