import type { TriggerNode } from '../ast.js'
import { compileTrigger } from '../compile.js'
import { TriggerError } from '../trigger-error.js'
import { expandCases, expectRoundTrip, fixtureEvents } from './cases.js'

describe('compileTrigger: every operator against every kind of field', () => {
  const rows = expandCases()

  it('covers many combinations', () => {
    expect(rows.length).toBeGreaterThan(1500)
  })

  it.each(rows)('%s on %j → %s', (text, event, expected) => {
    expect(compileTrigger(text)(event)).toBe(expected)
  })

  it('round-trips every trigger of the table', () => {
    for (const text of new Set(rows.map(([text]) => text))) expectRoundTrip(text)
  })
})

describe('compileTrigger: combining', () => {
  const event = (a: boolean, b: boolean, c: boolean) => ({
    type: 'track',
    properties: { a, b, c }
  })
  const combos = [false, true].flatMap((a) =>
    [false, true].flatMap((b) => [false, true].map((c) => [a, b, c]))
  )

  it.each(combos)('a or b and c means a or (b and c): a=%s b=%s c=%s', (a, b, c) => {
    const matches = compileTrigger('properties.a = true or properties.b = true and properties.c = true')
    expect(matches(event(a, b, c))).toBe(a || (b && c))
  })

  it.each(combos)('a and b or c means (a and b) or c: a=%s b=%s c=%s', (a, b, c) => {
    const matches = compileTrigger('properties.a = true and properties.b = true or properties.c = true')
    expect(matches(event(a, b, c))).toBe((a && b) || c)
  })

  it.each(combos)('parentheses override precedence: a=%s b=%s c=%s', (a, b, c) => {
    const matches = compileTrigger('(properties.a = true or properties.b = true) and properties.c = true')
    expect(matches(event(a, b, c))).toBe((a || b) && c)
  })

  const five = Array.from({ length: 32 }, (_, n) => [0, 1, 2, 3, 4].map((bit) => Boolean(n & (1 << bit))))
  it.each(five)('nesting three deep: %s %s %s %s %s', (a, b, c, d, e) => {
    const matches = compileTrigger(
      '(properties.a = true or (properties.b = true and !(properties.c = true or (properties.d = true and properties.e = true))))'
    )
    const expected = a || (b && !(c || (d && e)))
    expect(matches({ properties: { a, b, c, d, e } })).toBe(expected)
  })

  it('evaluates long chains of and / or', () => {
    const all = compileTrigger(['a', 'b', 'c', 'd', 'e'].map((k) => `properties.${k} = 1`).join(' and '))
    const any = compileTrigger(['a', 'b', 'c', 'd', 'e'].map((k) => `properties.${k} = 1`).join(' or '))
    const ones = { properties: { a: 1, b: 1, c: 1, d: 1, e: 1 } }
    expect(all(ones)).toBe(true)
    expect(all({ properties: { ...ones.properties, e: 2 } })).toBe(false)
    expect(any({ properties: { e: 1 } })).toBe(true)
    expect(any({ properties: {} })).toBe(false)
  })

  it('negates a group', () => {
    const matches = compileTrigger('!(type = "track" or type = "page")')
    expect(matches({ type: 'identify' })).toBe(true)
    expect(matches({ type: 'page' })).toBe(false)
  })
})

describe('compileTrigger: reading fields', () => {
  it('reads own properties only', () => {
    const inherited = Object.create({ plan: 'premium' })
    expect(compileTrigger('traits.plan = "premium"')({ traits: inherited })).toBe(false)
    expect(compileTrigger('properties.constructor != null')({ properties: {} })).toBe(false)
    expect(compileTrigger('properties.toString != null')({ properties: {} })).toBe(false)
    expect(compileTrigger('properties.__proto__ != null')({ properties: {} })).toBe(false)
    expect(compileTrigger('properties.a.prototype != null')({ properties: { a: function named() {} } })).toBe(
      false
    )
    expect(compileTrigger('type = "track"')(Object.create({ type: 'track' }))).toBe(false)
  })

  it('reads a key named __proto__ when the event really has one (JSON.parse makes it own)', () => {
    const event = JSON.parse('{"properties": {"__proto__": {"polluted": true}}}')
    expect(compileTrigger('properties.__proto__.polluted = true')(event)).toBe(true)
    const literal = { properties: { __proto__: { polluted: true } } }
    expect(compileTrigger('properties.__proto__.polluted = true')(literal)).toBe(false)
    expect(compileTrigger('properties.polluted = true')(literal)).toBe(false)
  })

  it('reads array elements and an array length, but not a string length', () => {
    const event = { properties: { products: [{ sku: 'A' }, { sku: 'B' }], name: 'abc' } }
    expect(compileTrigger('properties.products.1.sku = "B"')(event)).toBe(true)
    expect(compileTrigger('properties.products.length = 2')(event)).toBe(true)
    expect(compileTrigger('properties.name.length = 3')(event)).toBe(false)
  })

  it('treats a missing parent like a missing field', () => {
    const matches = compileTrigger('context.page.url = null')
    expect(matches({})).toBe(true)
    expect(matches({ context: null })).toBe(true)
    expect(matches({ context: 'text' })).toBe(true)
    expect(matches({ context: { page: 5 } })).toBe(true)
    expect(compileTrigger('context.page.url != "x"')({ context: { page: null } })).toBe(true)
  })

  it.each([null, undefined, 'track', 42, true])('never throws on a non-object event (%s)', (event) => {
    expect(compileTrigger('type = "track"')(event)).toBe(false)
    expect(compileTrigger('type = null')(event)).toBe(true)
  })

  it('does not change the event', () => {
    const [, event] = fixtureEvents.find(([file]) => file === 'track-order-completed.json')!
    const before = structuredClone(event)
    const frozen = Object.freeze(event)
    expect(
      compileTrigger('type = "track" and properties.total > 100 and context.page.url != null')(frozen)
    ).toBe(true)
    expect(event).toEqual(before)
  })

  it('works on the sample events', () => {
    const byFile = Object.fromEntries(fixtureEvents)
    const unicode = compileTrigger(
      'event = "Signed Up ✓ — Ünïcödé" and properties.`key with spaces` = "ok" and properties.dots\\.in\\.key = "literal" and properties.numeric_string > 12'
    )
    expect(unicode(byFile['track-unicode-edge.json'])).toBe(true)
    expect(
      compileTrigger('properties.nested.deep.deeper.deepest.1.x = "y"')(byFile['track-unicode-edge.json'])
    ).toBe(true)
    expect(compileTrigger('traits.address.city = "London"')(byFile['identify.json'])).toBe(true)
    expect(compileTrigger('context.network.wifi = true')(byFile['screen.json'])).toBe(true)
  })
})

describe('compileTrigger: bad input', () => {
  it('throws a TriggerError with the position for bad text', () => {
    let caught: unknown
    try {
      compileTrigger('type = "track" and event =')
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(TriggerError)
    const error = caught as TriggerError
    expect(error.position).toBe(25)
    expect(error.message).toBe("Expected a value after '=' at position 25 but found the end of the trigger")
    expect(error.code).toBe('INVALID_TRIGGER')
    expect(error.status).toBe(400)
    expect(error.retryable).toBe(false)
  })

  it.each<[string, unknown]>([
    ['an unknown node kind', { kind: 'xor', children: [] }],
    [
      'an unknown field',
      { kind: 'compare', field: { root: 'toString', path: [] }, operator: '=', value: 'x' }
    ],
    [
      'keys under a value field',
      { kind: 'compare', field: { root: 'type', path: ['x'] }, operator: '=', value: 'x' }
    ],
    ['a bad operator', { kind: 'compare', field: { root: 'type', path: [] }, operator: '~', value: 'x' }],
    ['< with a string', { kind: 'compare', field: { root: 'type', path: [] }, operator: '<', value: 'x' }],
    [
      'a bad text test',
      { kind: 'text', test: 'like', negated: false, field: { root: 'type', path: [] }, value: 'x' }
    ],
    ['a missing child', { kind: 'not', child: null }]
  ])('rejects a tree with %s', (_, tree) => {
    expect(() => compileTrigger(tree as TriggerNode)).toThrow(TriggerError)
    expect(() => compileTrigger(tree as TriggerNode)).toThrow(/Invalid trigger tree/)
  })
})

describe('compileTrigger: equalities merged inside or', () => {
  it.each<[string, unknown, boolean]>([
    ['event = "A" or type = "page" or event = "B" or event in ["C", 3]', 'B', true],
    ['event = "A" or type = "page" or event = "B" or event in ["C", 3]', 'C', true],
    ['event = "A" or type = "page" or event = "B" or event in ["C", 3]', 3, true],
    ['event = "A" or type = "page" or event = "B" or event in ["C", 3]', '3', false],
    ['event = "A" or type = "page" or event = "B" or event in ["C", 3]', 'D', false],
    ['properties.n = 5 or properties.n = "5"', '5', true],
    ['properties.n = 5 or properties.m = 5', 5, true],
    ['event = "A" or event != "B"', 'C', true],
    ['event = "A" or event != "B"', 'B', false],
    ['event in ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]', 'j', true],
    ['event in ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]', 'k', false]
  ])('%s with %j → %s', (text, value, expected) => {
    expectRoundTrip(text)
    const matches = compileTrigger(text)
    expect(matches({ type: 'track', event: value, properties: { n: value } })).toBe(expected)
  })

  it('does not change the tree it was given', () => {
    const ast: TriggerNode = {
      kind: 'or',
      children: [
        { kind: 'compare', field: { root: 'event', path: [] }, operator: '=', value: 'A' },
        { kind: 'in', field: { root: 'event', path: [] }, values: ['B'] }
      ]
    }
    const before = structuredClone(ast)
    compileTrigger(ast)
    expect(ast).toEqual(before)
  })
})

describe('compileTrigger: an event whose reading throws', () => {
  const boom = () => {
    throw new Error('boom')
  }
  // Each reads the throwing part before it could answer, also under !( … ).
  const readingEvent = [
    '!(event = "A")',
    'event = "A" or type = "track"',
    'type = "track" and !(contains(event, "x"))'
  ]
  const readingTotal = [
    '!(properties.total > 1)',
    'properties.total = 5 or type = "track"',
    'type = "track" and !(properties.total = null)'
  ]
  const throwingEvents: Array<[string, () => unknown, string[]]> = [
    [
      'a getter on a root field',
      () => Object.defineProperty({ type: 'track' }, 'event', { get: boom, enumerable: true }),
      readingEvent
    ],
    [
      'a getter on a nested key',
      () => ({
        type: 'track',
        properties: {
          get total() {
            return boom()
          }
        }
      }),
      readingTotal
    ],
    [
      'a Proxy whose get trap throws',
      () => new Proxy({ type: 'track' }, { get: boom }),
      [...readingEvent, ...readingTotal]
    ],
    [
      'a Proxy whose prototype trap throws',
      () => new Proxy({ type: 'track', event: 'A', properties: {} }, { getPrototypeOf: boom }),
      [...readingEvent, ...readingTotal]
    ],
    [
      'properties behind a Proxy whose own-property trap throws',
      () => ({ type: 'track', properties: new Proxy({ total: 5 }, { getOwnPropertyDescriptor: boom }) }),
      readingTotal
    ]
  ]

  it.each(throwingEvents)('answers false, never throws, for %s', (_, makeEvent, triggers) => {
    for (const text of triggers) {
      expect(compileTrigger(text)(makeEvent()), text).toBe(false)
      expect(compileTrigger(expectRoundTrip(text))(makeEvent()), text).toBe(false)
    }
  })

  it('answers as usual when the throwing part is not read', () => {
    const event = Object.defineProperty({ type: 'page' }, 'event', { get: boom })
    expect(compileTrigger('type = "page" or event = "A"')(event)).toBe(true)
    expect(compileTrigger('type = "track" and event = "A"')(event)).toBe(false)
    expect(compileTrigger('!(type = "track" and event = "A")')(event)).toBe(true)
    expect(compileTrigger('!(type = "page" and event = "A")')(event)).toBe(false)
  })
})
