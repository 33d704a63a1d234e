import fc from 'fast-check'
import type { FieldPath, TriggerNode, TriggerValue } from '../ast.js'
import { TRIGGER_ROOT_FIELDS } from '../fields.js'
import { formatField, formatTrigger, formatValue } from '../format.js'
import { MAX_TRIGGER_LENGTH, MAX_TRIGGER_TEXT_LENGTH, parseTrigger } from '../parse.js'
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

/**
 * Text for a tree, written as short as the parser allows: no parentheses around an `and` inside an
 * `or`, control characters as they are, numbers in their shortest form (`1e21`, `.5`), plus any
 * redundant parentheses asked for. formatTrigger writes the same tree longer and deeper.
 */
function writeCompact(node: TriggerNode, redundant: ReadonlySet<TriggerNode> = new Set()): string {
  const text = writeCompactNode(node, redundant)
  return redundant.has(node) ? `(${text})` : text
}

function writeCompactNode(node: TriggerNode, redundant: ReadonlySet<TriggerNode>): string {
  const operand = (child: TriggerNode, bare: boolean) =>
    bare ? writeCompact(child, redundant) : `(${writeCompact(child, redundant)})`
  switch (node.kind) {
    case 'and':
      return node.children.map((c) => operand(c, c.kind !== 'and' && c.kind !== 'or')).join(' and ')
    case 'or':
      return node.children.map((c) => operand(c, c.kind !== 'or')).join(' or ')
    case 'not':
      return `!(${writeCompact(node.child, redundant)})`
    case 'compare':
      return `${formatField(node.field)}${node.operator}${compactValue(node.value)}`
    case 'in':
      return `${formatField(node.field)} in[${node.values.map(compactValue).join(',')}]`
    case 'text': {
      const name = node.test === 'contains' ? 'contains' : 'match'
      const pattern =
        node.test === 'startsWith'
          ? `${node.value}*`
          : node.test === 'endsWith'
            ? `*${node.value}`
            : node.value
      return `${node.negated ? '!' : ''}${name}(${formatField(node.field)},${compactValue(pattern)})`
    }
  }
}

function compactValue(value: TriggerValue): string {
  if (typeof value === 'string') return `"${value.replace(/["\\]/g, '\\$&')}"`
  if (typeof value !== 'number') return String(value)
  if (Object.is(value, -0)) return '-0'
  const forms = [String(value), value.toExponential()].map((form) => form.replace('e+', 'e'))
  const shorter = forms.map((form) => form.replace(/^(-?)0\./, '$1.'))
  return [...forms, ...shorter]
    .filter((form) => Number(form) === value)
    .reduce((a, b) => (b.length < a.length ? b : a))
}

describe('formatted text stays within the parse limits', () => {
  /** Parses text; when it parses, formats the tree and parses that back. */
  function expectFormattedToParse(text: string, ast: TriggerNode): boolean {
    const result = parseTrigger(text)
    if (result.error) return false
    expect(result.ast).toEqual(ast)
    const canonical = formatTrigger(ast)
    expect(parseTrigger(canonical), canonical.slice(0, 200)).toEqual({ ast })
    return true
  }

  it('writes compact text that parses to the same tree', () => {
    for (const text of everyTestTrigger) expect(parsed(writeCompact(parsed(text)))).toEqual(parsed(text))
    expect(compactValue(1e21)).toBe('1e21')
    expect(compactValue(-0.5)).toBe('-.5')
    expect(compactValue(123000)).toBe('123000')
  })

  const shortCondition = fc.constantFrom<TriggerNode>(
    { kind: 'compare', field: { root: 'type', path: [] }, operator: '=', value: 'track' },
    { kind: 'compare', field: { root: 'properties', path: ['x'] }, operator: '>', value: 1 },
    { kind: 'text', test: 'contains', negated: true, field: { root: 'event', path: [] }, value: 'a' }
  )

  it('holds for trees near the nesting limit, whatever parentheses they were written with', () => {
    let accepted = 0
    fc.assert(
      fc.property(
        // Mostly 'or' and 'and', so that formatting often adds parentheses the text does not have.
        fc.array(fc.constantFrom('or', 'or', 'or', 'and', 'and', 'and', 'not', 'redundant'), {
          minLength: 60,
          maxLength: 84
        }),
        fc.array(shortCondition, { minLength: 85, maxLength: 85 }),
        (spine, conditions) => {
          const redundant = new Set<TriggerNode>()
          let ast: TriggerNode = { ...conditions[0] }
          spine.forEach((kind, i) => {
            const sibling = { ...conditions[i + 1] }
            if (kind === 'redundant') redundant.add(ast)
            else if (kind === 'not') ast = { kind: 'not', child: ast }
            else ast = { kind, children: i % 2 === 0 ? [sibling, ast] : [ast, sibling] }
          })
          const text = writeCompact(ast, redundant)
          if (expectFormattedToParse(text, ast)) accepted++
          else expect(parseTrigger(text).error?.message).toMatch(/^Nesting too deep at position \d+: /)
        }
      ),
      { numRuns: 400 }
    )
    expect(accepted).toBeGreaterThan(20)
  })

  // Values that formatting writes longer: control characters (six characters each), quotes and
  // backslashes (two), and numbers whose shortest form is not the one formatting writes.
  const expandingText = fc.string({
    unit: fc.constantFrom('\u0001', '\u001f', '\u007f', '\n', '\t', '"', '\\', 'a', '🚀'),
    maxLength: 60
  })
  const expandingNumber = fc.oneof(
    fc.constantFrom(1e20, -1e20, 1e21, -1.2345678901234568e-300, -0.0000012345678901234567, 5e-324, 0.5, -0),
    fc.double({ noNaN: true, noDefaultInfinity: true })
  )
  const expandingField = fc.constantFrom<FieldPath>(
    { root: 'event', path: [] },
    { root: 'properties', path: ['a b', '`'] },
    { root: 'traits', path: ['\\', 'x'] }
  )
  const longCondition: fc.Arbitrary<TriggerNode> = fc.oneof(
    fc.record({
      kind: fc.constant('compare' as const),
      field: expandingField,
      operator: fc.constantFrom('=' as const, '!=' as const),
      value: fc.oneof(expandingText, expandingNumber)
    }),
    fc.record({
      kind: fc.constant('in' as const),
      field: expandingField,
      values: fc.array(fc.oneof(expandingText, expandingNumber), { minLength: 1, maxLength: 12 })
    }),
    fc.record({
      kind: fc.constant('text' as const),
      test: fc.constant('contains' as const),
      negated: fc.boolean(),
      field: expandingField,
      value: expandingText
    })
  )

  it('holds for triggers near the length limit, however compactly or loosely they were written', () => {
    let accepted = 0
    let longer = 0
    fc.assert(
      fc.property(
        fc.array(longCondition, { minLength: 400, maxLength: 400 }),
        fc.integer({ min: MAX_TRIGGER_LENGTH - 300, max: 2 * MAX_TRIGGER_LENGTH }),
        fc.constantFrom('and' as const, 'or' as const),
        fc.constantFrom('', ' \n\t  '),
        (conditions, target, kind, padding) => {
          const children: TriggerNode[] = []
          let length = 0
          for (const condition of conditions) {
            if (length >= target && children.length >= 2) break
            children.push(condition)
            length += writeCompact(condition).length + padding.length + kind.length + 2
          }
          const ast: TriggerNode = { kind, children }
          const text = writeCompact(ast).replaceAll(` ${kind} `, `${padding} ${kind} ${padding}`)
          if (expectFormattedToParse(text, ast)) {
            accepted++
            if (formatTrigger(ast).length > MAX_TRIGGER_LENGTH) longer++
          } else {
            expect(text.length).toBeGreaterThan(MAX_TRIGGER_LENGTH)
            expect(parseTrigger(text).error?.message).toMatch(/^Trigger too long at position \d+: /)
          }
        }
      ),
      { numRuns: 150 }
    )
    expect(accepted).toBeGreaterThan(20)
    expect(longer).toBeGreaterThan(10)
  })

  it('holds for a compact trigger of control characters that formats to six times its length', () => {
    const value = '\u0001'.repeat(MAX_TRIGGER_LENGTH - 8)
    const text = `event="${value}"`
    expect(text.length).toBe(MAX_TRIGGER_LENGTH)
    expect(formatTrigger(parsed(text)).length).toBeGreaterThan(6 * (MAX_TRIGGER_LENGTH - 8))
    expect(expectFormattedToParse(text, parsed(text))).toBe(true)
  })

  it('holds for the longest formatting there is: lists of long numbers', () => {
    // 2,039 numbers and their commas are 4,078 of the 4,096 counted characters.
    const ast: TriggerNode = {
      kind: 'in',
      field: { root: 'properties', path: ['x'] },
      values: Array<number>(2039).fill(-0.0000012345678901234567)
    }
    const text = writeCompact(ast)
    const canonical = formatTrigger(ast)
    expect(canonical.length).toBeGreaterThan(13 * MAX_TRIGGER_LENGTH)
    expect(canonical.length).toBeLessThan(MAX_TRIGGER_TEXT_LENGTH)
    expect(expectFormattedToParse(text, ast)).toBe(true)
    expect(parseTrigger(text.replace('[', '[1,1,1,1,1,1,1,1,1,1,')).error?.message).toMatch(
      /^Trigger too long/
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
