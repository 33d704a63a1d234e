import { parseFql, toFqlSubscription, validate, type FqlCondition } from '../fql-compat.js'
import { parseTrigger } from '../parse.js'
import { TriggerError } from '../trigger-error.js'
import { expectRoundTrip } from './cases.js'

describe('parseFql', () => {
  it('always returns a group at the top', () => {
    expect(parseFql('type = "track"')).toEqual({
      type: 'group',
      operator: 'and',
      children: [{ type: 'event-type', operator: '=', value: 'track' }]
    })
    expect(parseFql('type = "a" or type = "b"')).toEqual({
      type: 'group',
      operator: 'or',
      children: [
        { type: 'event-type', operator: '=', value: 'a' },
        { type: 'event-type', operator: '=', value: 'b' }
      ]
    })
  })

  it.each<[string, FqlCondition]>([
    ['properties.n = 5', { type: 'event-property', name: 'n', operator: 'number_equals', value: 5 }],
    ['properties.n != 5', { type: 'event-property', name: 'n', operator: 'number_not_equals', value: 5 }],
    ['traits.n >= 1.5', { type: 'event-trait', name: 'n', operator: '>=', value: 1.5 }],
    ['context.a.b = null', { type: 'event-context', name: 'a.b', operator: 'not_exists' }],
    ['userId != null', { type: 'userId', operator: 'exists' }],
    ['properties.vip = true', { type: 'event-property', name: 'vip', operator: 'is_true' }],
    ['properties.vip = false', { type: 'event-property', name: 'vip', operator: 'is_false' }],
    ['contains(name, "x")', { type: 'name', operator: 'contains', value: 'x' }],
    ['!contains(name, "x")', { type: 'name', operator: 'not_contains', value: 'x' }],
    ['match(event, "A*")', { type: 'event', operator: 'starts_with', value: 'A' }],
    ['!match(event, "A*")', { type: 'event', operator: 'not_starts_with', value: 'A' }],
    ['match(event, "*A")', { type: 'event', operator: 'ends_with', value: 'A' }],
    ['!match(event, "*A")', { type: 'event', operator: 'not_ends_with', value: 'A' }],
    // destkit extensions
    ['anonymousId = "a"', { type: 'anonymousId', operator: '=', value: 'a' }],
    ['messageId != "m"', { type: 'messageId', operator: '!=', value: 'm' }],
    ['integrations.Mixpanel = false', { type: 'event-integration', name: 'Mixpanel', operator: 'is_false' }],
    [
      'properties.`a.b` = "x"',
      { type: 'event-property', name: 'a.b', path: ['a.b'], operator: '=', value: 'x' }
    ],
    ['properties != null', { type: 'event-property', name: '', path: [], operator: 'exists' }],
    [
      'properties.vip != true',
      {
        type: 'group',
        operator: 'not',
        children: [{ type: 'event-property', name: 'vip', operator: 'is_true' }]
      }
    ],
    [
      'type in ["a", 1]',
      {
        type: 'group',
        operator: 'or',
        children: [
          { type: 'event-type', operator: '=', value: 'a' },
          { type: 'event-type', operator: 'number_equals', value: 1 }
        ]
      }
    ]
  ])('%s', (text, condition) => {
    expectRoundTrip(text)
    const result = parseFql(text)
    const expected =
      condition.type === 'group' && condition.operator !== 'not'
        ? condition
        : { type: 'group', operator: 'and', children: [condition] }
    expect(result).toEqual(expected)
  })

  it('writes negated groups as a not group', () => {
    expect(parseFql('!(type = "a" or type = "b")')).toEqual({
      type: 'group',
      operator: 'and',
      children: [
        {
          type: 'group',
          operator: 'not',
          children: [
            {
              type: 'group',
              operator: 'or',
              children: [
                { type: 'event-type', operator: '=', value: 'a' },
                { type: 'event-type', operator: '=', value: 'b' }
              ]
            }
          ]
        }
      ]
    })
  })

  it('returns the TriggerError for bad text', () => {
    const result = parseFql('type = ')
    expect('error' in result).toBe(true)
    const { error } = result as { error: TriggerError }
    expect(error).toBeInstanceOf(TriggerError)
    expect(error.message).toBe("Expected a value after '=' at position 5 but found the end of the trigger")
    expect(error.position).toBe(5)
  })

  it('converts a destkit tree', () => {
    expect(toFqlSubscription(parseTrigger('properties.total > 100').ast!)).toEqual({
      type: 'group',
      operator: 'and',
      children: [{ type: 'event-property', name: 'total', operator: '>', value: 100 }]
    })
  })
})

describe('validate', () => {
  const event = {
    type: 'track',
    event: 'Order Completed',
    anonymousId: 'anon',
    properties: { total: 141.48, 'a.b': 'dotted', items: [{ sku: 'A' }], flag: true, zero: 0 },
    integrations: { Mixpanel: false }
  }

  it.each<[string, boolean]>([
    ['type = "track" and event = "Order Completed"', true],
    ['type = "track" and event = "Nope"', false],
    ['properties.total > 100 and properties.flag = true', true],
    ['properties.`a.b` = "dotted"', true],
    ['anonymousId = "anon" and integrations.Mixpanel = false', true],
    ['!(type = "track")', false],
    ['properties.vip != true', true],
    ['type in ["page", "track"]', true],
    ['properties.zero = 0 and properties.zero != 1', true]
  ])('%s → %s', (text, expected) => {
    expectRoundTrip(text)
    expect(validate(parseFql(text), event)).toBe(expected)
  })

  it.each<[string, FqlCondition, boolean]>([
    [
      'a peer path with brackets',
      { type: 'event-property', name: 'items[0].sku', operator: '=', value: 'A' },
      true
    ],
    [
      '= compares with the text of the value',
      { type: 'event-property', name: 'zero', operator: '=', value: 0 },
      false
    ],
    ['number_equals', { type: 'event-property', name: 'zero', operator: 'number_equals', value: '0' }, true],
    ['exists', { type: 'event-property', name: 'total', operator: 'exists' }, true],
    ['not_exists', { type: 'event-property', name: 'nope', operator: 'not_exists' }, true],
    ['is_true', { type: 'event-property', name: 'flag', operator: 'is_true' }, true],
    [
      'an unknown operator',
      { type: 'event-property', name: 'total', operator: 'like' as never, value: 1 },
      false
    ],
    ['an unknown condition type', { type: 'event-whatever' as never, operator: '=', value: 'x' }, false],
    ['an unknown group operator', { type: 'group', operator: 'xor' as never, children: [] }, false],
    ['an empty and group', { type: 'group', operator: 'and', children: [] }, true],
    ['an empty or group', { type: 'group', operator: 'or', children: [] }, false]
  ])('evaluates a hand-written tree: %s', (_, condition, expected) => {
    const tree: FqlCondition =
      condition.type === 'group' ? condition : { type: 'group', operator: 'and', children: [condition] }
    expect(validate(tree, event)).toBe(expected)
  })

  it('is false for an error, a missing event or a non-object tree', () => {
    expect(validate(parseFql('type ='), event)).toBe(false)
    expect(validate(parseFql('type = "track"'), undefined)).toBe(false)
    expect(validate(null as never, event)).toBe(false)
  })

  it('compiles a tree once and reuses it', () => {
    const tree = parseFql('type = "track"')
    expect(validate(tree, event)).toBe(true)
    expect(validate(tree, { type: 'page' })).toBe(false)
    expect(validate(tree, event)).toBe(true)
  })
})

describe('validate: an event whose reading throws', () => {
  const boom = () => {
    throw new Error('boom')
  }

  it('answers false, never throws, also under a not group', () => {
    const event = new Proxy({ type: 'track', event: 'A' }, { get: boom, getOwnPropertyDescriptor: boom })
    for (const text of ['type = "track"', '!(event = "B")', 'type = "track" or !(properties.x > 1)']) {
      const ast = parseFql(text)
      expect(validate(ast, event), text).toBe(false)
      expect(validate(ast, { type: 'track', event: 'A' }), text).toBe(true)
    }
    const getter = Object.defineProperty({ type: 'track' }, 'properties', { get: boom })
    expect(validate(parseFql('!(properties.x = 1)'), getter)).toBe(false)
    expect(validate(parseFql('!(properties.x = 1)'), { type: 'track' })).toBe(true)
  })
})
