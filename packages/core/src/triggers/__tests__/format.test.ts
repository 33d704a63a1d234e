import fc from 'fast-check'
import type { FieldPath, TriggerNode } from '../ast.js'
import { TRIGGER_ROOT_FIELDS } from '../fields.js'
import { formatField, formatTrigger, formatValue } from '../format.js'
import { parseTrigger } from '../parse.js'
import { compatTriggers } from './compat-triggers.js'
import { operatorCases, fieldCases, sampleTriggers } from './cases.js'

function parsed(text: string): TriggerNode {
  const result = parseTrigger(text)
  if (result.error) throw new Error(`${text}: ${result.error.message}`)
  return result.ast
}

const everyTestTrigger = [
  ...sampleTriggers,
  ...compatTriggers,
  ...fieldCases.flatMap((field) => operatorCases.map(({ trigger }) => trigger.replaceAll('F', field.written)))
]

describe('formatTrigger', () => {
  it.each([
    ["type='track'   and(event='A'or event='B')", 'type = "track" and (event = "A" or event = "B")'],
    ['((type = "a"))', 'type = "a"'],
    ['type = "a" or type = "b" and event = "c"', 'type = "a" or (type = "b" and event = "c")'],
    ['(type = "a" and type = "b") and event = "c"', '(type = "a" and type = "b") and event = "c"'],
    ['!((type = "a" or type = "b"))', '!(type = "a" or type = "b")'],
    ['properties.dots\\.in\\.key = "x"', 'properties.`dots.in.key` = "x"'],
    ['properties.\\$ref = 1e3', 'properties.`$ref` = 1000'],
    ['properties.x = -0', 'properties.x = -0'],
    ['properties.x in [ "a",1 ]', 'properties.x in ["a", 1]'],
    ["match(event,'ab*') and !match(event,'*yz')", 'match(event, "ab*") and !match(event, "*yz")'],
    ["event = 'tab\there'", 'event = "tab\\there"'],
    ['event = "\\u0001"', 'event = "\\u0001"']
  ])('%s → %s', (text, canonical) => {
    expect(formatTrigger(parsed(text))).toBe(canonical)
  })

  it('writes fields and values', () => {
    expect(formatField({ root: 'properties', path: ['key with spaces', 'a`b\\c', 'ok-1_2'] })).toBe(
      'properties.`key with spaces`.`a\\`b\\\\c`.ok-1_2'
    )
    expect(formatValue('say "hi"')).toBe('"say \\"hi\\""')
    expect(formatValue(1e21)).toBe('1e+21')
    expect(formatValue(null)).toBe('null')
    expect(formatValue(false)).toBe('false')
  })
})

describe('round trip: parse(format(ast)) equals ast', () => {
  it(`holds for every trigger used in the tests (${everyTestTrigger.length})`, () => {
    for (const text of everyTestTrigger) {
      const ast = parsed(text)
      const canonical = formatTrigger(ast)
      expect(parseTrigger(canonical), text).toEqual({ ast })
      expect(formatTrigger(parsed(canonical))).toBe(canonical)
    }
  })

  // Any key, any string, any finite number, groups inside groups.
  const anyText = fc.string({ unit: 'binary', maxLength: 12 })
  const anyNumber = fc.oneof(
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(0, -0, 5e-324, Number.MAX_VALUE, 1e21, -1e-7)
  )
  const fieldArbitrary: fc.Arbitrary<FieldPath> = fc
    .constantFrom(...Object.keys(TRIGGER_ROOT_FIELDS))
    .chain((root) =>
      TRIGGER_ROOT_FIELDS[root].kind === 'value'
        ? fc.constant({ root, path: [] })
        : fc
            .array(fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }), { maxLength: 4 })
            .map((path) => ({ root, path }))
    )
  const condition: fc.Arbitrary<TriggerNode> = fc.oneof(
    fc.record({
      kind: fc.constant('compare' as const),
      field: fieldArbitrary,
      operator: fc.constantFrom('=' as const, '!=' as const),
      value: fc.oneof(anyText, anyNumber, fc.boolean(), fc.constant(null))
    }),
    fc.record({
      kind: fc.constant('compare' as const),
      field: fieldArbitrary,
      operator: fc.constantFrom('<' as const, '<=' as const, '>' as const, '>=' as const),
      value: anyNumber
    }),
    fc.record({
      kind: fc.constant('text' as const),
      test: fc.constantFrom('contains' as const, 'startsWith' as const),
      negated: fc.boolean(),
      field: fieldArbitrary,
      value: anyText
    }),
    // "*v" with v ending in '*' reads as a starts-with test, so ends-with values never end with '*'.
    fc.record({
      kind: fc.constant('text' as const),
      test: fc.constant('endsWith' as const),
      negated: fc.boolean(),
      field: fieldArbitrary,
      value: anyText.filter((v) => v.length > 0 && !v.endsWith('*'))
    }),
    fc.record({
      kind: fc.constant('in' as const),
      field: fieldArbitrary,
      values: fc.array(fc.oneof(anyText, anyNumber), { minLength: 1, maxLength: 4 })
    })
  )
  const { tree } = fc.letrec<{ tree: TriggerNode }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      condition,
      fc.record({
        kind: fc.constant('and' as const),
        children: fc.array(tie('tree'), { minLength: 2, maxLength: 4 })
      }),
      fc.record({
        kind: fc.constant('or' as const),
        children: fc.array(tie('tree'), { minLength: 2, maxLength: 4 })
      }),
      fc.record({ kind: fc.constant('not' as const), child: tie('tree') })
    )
  }))

  it('holds for random trees', () => {
    fc.assert(
      fc.property(tree, (ast) => {
        const text = formatTrigger(ast)
        fc.pre(text.length <= 4096)
        expect(parseTrigger(text)).toEqual({ ast })
      }),
      { numRuns: 1500 }
    )
  })
})

describe('the parser never throws', () => {
  const pieces = [
    'type',
    'event',
    'properties.a',
    'context.`x y`',
    'traits.\\.',
    'anonymousid',
    '=',
    '!=',
    '==',
    '<',
    '<=',
    '>',
    '>=',
    '"x"',
    "'y'",
    '"',
    '`',
    '\\',
    '5',
    '-1.5',
    '1e',
    '.',
    '(',
    ')',
    '[',
    ']',
    ',',
    '!',
    'and',
    'or',
    'in',
    'contains',
    'match',
    'null',
    'true',
    'false',
    '"*a"',
    ' ',
    '\n',
    '🚀'
  ]
  const soup = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((parts) => parts.join(''))
  const spacedSoup = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((parts) => parts.join(' '))

  it.each([
    ['random strings', fc.string({ unit: 'binary', maxLength: 200 })],
    ['random ASCII', fc.string({ unit: 'binary-ascii', maxLength: 200 })],
    ['random token soup', soup],
    ['random spaced token soup', spacedSoup]
  ])('on %s, and gives a position inside the text', (_, strings) => {
    fc.assert(
      fc.property(strings, (text) => {
        const result = parseTrigger(text)
        if (result.error) {
          expect(Number.isInteger(result.error.position)).toBe(true)
          expect(result.error.position).toBeGreaterThanOrEqual(0)
          expect(result.error.position).toBeLessThanOrEqual(text.length)
          expect(result.error.message).toContain(`at position ${result.error.position}`)
        } else {
          expect(parseTrigger(formatTrigger(result.ast))).toEqual({ ast: result.ast })
        }
      }),
      { numRuns: 3000 }
    )
  })
})
