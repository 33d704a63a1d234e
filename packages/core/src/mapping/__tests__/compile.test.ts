import { compileMapping } from '../compile.js'
import { isDirective } from '../is-directive.js'
import { validateMapping } from '../validate.js'
import { deepFreeze, loadEvent } from './fixtures.js'

const order = deepFreeze(loadEvent('track-order-completed'))

describe('compileMapping', () => {
  it('keeps raw values and resolves directives', () => {
    const run = compileMapping({
      user_id: { '@path': '$.userId' },
      greeting: { '@template': 'Order {{properties.order_id}}' },
      plan: 'premium',
      count: 3,
      flag: false,
      nothing: null
    })
    expect(run(order)).toEqual({
      user_id: 'u_83712',
      greeting: 'Order ORD-50314',
      plan: 'premium',
      count: 3,
      flag: false,
      nothing: null
    })
  })

  it('removes undefined deeply from objects and keeps null', () => {
    const run = compileMapping<Record<string, unknown>>({
      missing: { '@path': '$.nope' },
      nested: {
        missing: { '@path': '$.nope' },
        kept: { '@path': '$.context.ip' },
        empty: { a: { '@path': '$.x' } }
      },
      nullish: { '@path': '$.properties.null_value' },
      fromEvent: { '@path': '$.properties' }
    })
    const event = {
      properties: { null_value: null, a: undefined, b: { c: undefined, d: 1 } },
      context: { ip: '1' }
    }
    const payload = run(event)
    expect(payload).toEqual({
      nested: { kept: '1', empty: {} },
      nullish: null,
      fromEvent: { null_value: null, b: { d: 1 } }
    })
    expect(Object.keys(payload)).toEqual(['nested', 'nullish', 'fromEvent'])
    expect(Object.keys(payload.fromEvent as object)).toEqual(['null_value', 'b'])
  })

  it('resolves raw arrays element by element, directives included', () => {
    const run = compileMapping({
      list: [
        { '@path': '$.userId' },
        'raw',
        [{ '@template': '{{properties.currency}}' }],
        { id: { '@path': '$.messageId' } }
      ]
    })
    expect(run(order)).toEqual({ list: ['u_83712', 'raw', ['GBP'], { id: order.messageId }] })
  })

  it('keeps undefined array items in place, as the compatible runtime does', () => {
    const payload = compileMapping<{ list: unknown[] }>({ list: [{ '@path': '$.nope' }, 1] })({})
    expect(payload.list).toHaveLength(2)
    expect(payload.list[0]).toBeUndefined()
    expect(JSON.stringify(payload)).toBe('{"list":[null,1]}')
  })

  it('compiles the holes of a sparse array as the compatible runtime returns them (null in JSON)', () => {
    const mapping = { a: new Array(2), b: [1, , { '@path': '$.userId' }] } // eslint-disable-line no-sparse-arrays
    expect(validateMapping(mapping)).toEqual([])
    const payload = compileMapping<{ a: unknown[]; b: unknown[] }>(mapping)(order)
    expect(payload.a).toHaveLength(2)
    expect(0 in payload.a).toBe(true)
    expect(payload.a[0]).toBeUndefined()
    expect(JSON.stringify(payload)).toBe('{"a":[null,null],"b":[1,null,"u_83712"]}')
  })

  it('accepts nested directives as @path values and directive roots', () => {
    expect(compileMapping({ '@path': { '@literal': '$.properties.currency' } })(order)).toBe('GBP')
    expect(compileMapping({ '@template': '{{userId}}' })(order)).toBe('u_83712')
  })

  it('reads keys with spaces', () => {
    const event = { integrations: { 'Actions Amplitude': { session_id: 1729 } } }
    expect(compileMapping({ s: { '@path': '$.integrations.Actions Amplitude.session_id' } })(event)).toEqual({
      s: 1729
    })
  })

  it('ignores _metadata beside a directive', () => {
    const run = compileMapping({ id: { '@path': '$.userId', _metadata: { label: 'User ID' } } })
    expect(run(order)).toEqual({ id: 'u_83712' })
  })

  it('a compiled mapping is reusable across events', () => {
    const run = compileMapping({ id: { '@path': '$.userId' }, type: { '@path': '$.type' } })
    for (const name of ['identify', 'page', 'group', 'track-order-completed']) {
      const event = loadEvent(name)
      expect(run(event)).toEqual(
        Object.fromEntries(
          Object.entries({ id: event.userId, type: event.type }).filter(([, v]) => v !== undefined)
        )
      )
    }
  })

  it('runs the large benchmark mapping on the order fixture', () => {
    const run = compileMapping({
      event_name: { '@path': '$.event' },
      user: {
        id: { '@path': '$.userId' },
        email: { '@case': { operator: 'lower', value: { '@path': '$.context.traits.email' } } }
      },
      label: { '@template': '{{properties.order_id}} ({{properties.currency}})' },
      coupon: {
        '@if': {
          exists: { '@path': '$.properties.coupon' },
          then: { '@path': '$.properties.coupon' },
          else: 'none'
        }
      },
      items: {
        '@arrayPath': ['$.properties.products', { sku: { '@path': '$.sku' }, price: { '@path': '$.price' } }]
      }
    })
    expect(run(order)).toEqual({
      event_name: 'Order Completed',
      user: { id: 'u_83712', email: 'ada.lovelace@example.com' },
      label: 'ORD-50314 (GBP)',
      coupon: 'AUTUMN5',
      items: [
        { sku: 'TEE-BLK-M', price: 24.99 },
        { sku: 'MUG-WHT', price: 15 },
        { sku: 'BAG-CNV', price: 65 }
      ]
    })
  })
})

describe('isDirective', () => {
  it.each<[unknown, boolean]>([
    [{ '@path': '$.a' }, true],
    [{ '@path': '$.a', _metadata: {} }, true],
    [{ '@path': 'a', '@template': 'b' }, true],
    [{ '@path': '$.a', other: 1 }, false],
    [{ a: 1 }, false],
    [{}, false],
    [[{ '@path': 'a' }], false],
    ['@path', false],
    [null, false]
  ])('%j → %s', (value, expected) => {
    expect(isDirective(value)).toBe(expected)
  })
})
