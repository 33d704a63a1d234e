import type { TriggerNode } from '../ast.js'
import { formatTrigger } from '../format.js'
import { MAX_TRIGGER_DEPTH, MAX_TRIGGER_LENGTH, MAX_TRIGGER_TEXT_LENGTH, parseTrigger } from '../parse.js'
import { expectRoundTrip } from './cases.js'

const field = (root: string, ...path: string[]) => ({ root, path })
const eq = (root: string, value: string): TriggerNode => ({
  kind: 'compare',
  field: field(root),
  operator: '=',
  value
})

describe('parseTrigger: trees', () => {
  it.each<[string, TriggerNode]>([
    ['type = "track"', eq('type', 'track')],
    ["type='track'", eq('type', 'track')],
    ['  type\t=\n"track"  ', eq('type', 'track')],
    ['(type = "track")', eq('type', 'track')],
    ['(((type = "track")))', eq('type', 'track')],
    [
      'type = "track" and event = "A" and name = "B"',
      { kind: 'and', children: [eq('type', 'track'), eq('event', 'A'), eq('name', 'B')] }
    ],
    [
      'type = "a" or type = "b" and event = "c"',
      {
        kind: 'or',
        children: [eq('type', 'a'), { kind: 'and', children: [eq('type', 'b'), eq('event', 'c')] }]
      }
    ],
    [
      'type = "a" and type = "b" or event = "c"',
      {
        kind: 'or',
        children: [{ kind: 'and', children: [eq('type', 'a'), eq('type', 'b')] }, eq('event', 'c')]
      }
    ],
    [
      '(type = "a" and type = "b") and event = "c"',
      {
        kind: 'and',
        children: [{ kind: 'and', children: [eq('type', 'a'), eq('type', 'b')] }, eq('event', 'c')]
      }
    ],
    ['!(type = "a")', { kind: 'not', child: eq('type', 'a') }],
    ['!((type = "a"))', { kind: 'not', child: eq('type', 'a') }],
    ['!(!(type = "a"))', { kind: 'not', child: { kind: 'not', child: eq('type', 'a') } }],
    [
      'properties.total > 100',
      { kind: 'compare', field: field('properties', 'total'), operator: '>', value: 100 }
    ],
    [
      'properties.total<=-0.5',
      { kind: 'compare', field: field('properties', 'total'), operator: '<=', value: -0.5 }
    ],
    [
      'properties.total >= 1e3',
      { kind: 'compare', field: field('properties', 'total'), operator: '>=', value: 1000 }
    ],
    ['properties.x != .5', { kind: 'compare', field: field('properties', 'x'), operator: '!=', value: 0.5 }],
    ['userId = null', { kind: 'compare', field: field('userId'), operator: '=', value: null }],
    ['userId != null', { kind: 'compare', field: field('userId'), operator: '!=', value: null }],
    ['traits.vip = true', { kind: 'compare', field: field('traits', 'vip'), operator: '=', value: true }],
    ['traits.vip = false', { kind: 'compare', field: field('traits', 'vip'), operator: '=', value: false }],
    ['properties != null', { kind: 'compare', field: field('properties'), operator: '!=', value: null }],
    [
      'contains(context.page.url, "/staging")',
      {
        kind: 'text',
        test: 'contains',
        negated: false,
        field: field('context', 'page', 'url'),
        value: '/staging'
      }
    ],
    [
      '!contains(event, "x")',
      { kind: 'text', test: 'contains', negated: true, field: field('event'), value: 'x' }
    ],
    [
      'match(event, "Order*")',
      { kind: 'text', test: 'startsWith', negated: false, field: field('event'), value: 'Order' }
    ],
    [
      '!match(event, "*ed")',
      { kind: 'text', test: 'endsWith', negated: true, field: field('event'), value: 'ed' }
    ],
    [
      'match(event, "*")',
      { kind: 'text', test: 'startsWith', negated: false, field: field('event'), value: '' }
    ],
    [
      'match(event, "*a*")',
      { kind: 'text', test: 'startsWith', negated: false, field: field('event'), value: '*a' }
    ],
    ['type in ["track", "page"]', { kind: 'in', field: field('type'), values: ['track', 'page'] }],
    ['properties.n in [1,2.5,"3"]', { kind: 'in', field: field('properties', 'n'), values: [1, 2.5, '3'] }],
    [
      'properties.`key with spaces` = "ok"',
      { kind: 'compare', field: field('properties', 'key with spaces'), operator: '=', value: 'ok' }
    ],
    [
      'properties.dots\\.in\\.key = "x"',
      { kind: 'compare', field: field('properties', 'dots.in.key'), operator: '=', value: 'x' }
    ],
    [
      'properties.`a\\`b\\\\c`.d = "x"',
      { kind: 'compare', field: field('properties', 'a`b\\c', 'd'), operator: '=', value: 'x' }
    ],
    [
      'properties.products.0.sku = "x"',
      { kind: 'compare', field: field('properties', 'products', '0', 'sku'), operator: '=', value: 'x' }
    ],
    [
      'properties.and.or.in = "x"',
      { kind: 'compare', field: field('properties', 'and', 'or', 'in'), operator: '=', value: 'x' }
    ]
  ])('%s', (text, ast) => {
    expect(parseTrigger(text)).toEqual({ ast })
    expectRoundTrip(text)
  })

  it.each<[string, number]>([
    ['-.5', -0.5],
    ['.5', 0.5],
    ['2.5E-4', 0.00025],
    ['1e+3', 1000],
    ['-0', -0],
    ['007', 7],
    ['9007199254740993', 9007199254740992]
  ])('reads the number %s', (written, value) => {
    expectRoundTrip(`properties.x = ${written}`)
    expect(parseTrigger(`properties.x = ${written}`).ast).toEqual({
      kind: 'compare',
      field: field('properties', 'x'),
      operator: '=',
      value
    })
  })

  it.each([
    ['1.', "Invalid number '1.' at position 15"],
    ['1e', "Invalid number '1e' at position 15"],
    ['1e+', "Invalid number '1e' at position 15"],
    ['0x10', "Invalid number '0x10' at position 15"],
    ['-', "Unexpected character '-' at position 15"],
    ['--1', "Unexpected character '-' at position 15"]
  ])('rejects the number %s', (written, message) => {
    expect(parseTrigger(`properties.x = ${written}`).error).toEqual({ message, position: 15 })
  })

  it('reads escapes in strings', () => {
    const ast = parseTrigger('event = "a\\"b\\\\c\\n\\t\\u00e9\\q" and name = \'it\\\'s\'').ast
    expect(ast).toEqual({ kind: 'and', children: [eq('event', 'a"b\\c\n\té\\q'), eq('name', "it's")] })
  })

  it('reads an escaped emoji in a key as one character', () => {
    const ast = parseTrigger('properties.\\🚀 = "x"').ast
    expect(ast).toEqual({ kind: 'compare', field: field('properties', '🚀'), operator: '=', value: 'x' })
  })

  it('accepts every root field', () => {
    for (const root of [
      'type',
      'event',
      'name',
      'userId',
      'anonymousId',
      'messageId',
      'channel',
      'receivedAt',
      'timestamp'
    ]) {
      expect(parseTrigger(`${root} = "x"`)).toEqual({ ast: eq(root, 'x') })
    }
    for (const root of ['properties', 'traits', 'context', 'integrations']) {
      expect(parseTrigger(`${root}.k = "x"`).ast).toEqual({
        kind: 'compare',
        field: field(root, 'k'),
        operator: '=',
        value: 'x'
      })
    }
  })
})

describe('parseTrigger: errors name the position', () => {
  it.each<[string, string, number]>([
    ['anonymousid = "x"', "Unknown field 'anonymousid' at position 0 (did you mean 'anonymousId'?)", 0],
    [
      'type = "track" and propertes.total > 1',
      "Unknown field 'propertes' at position 19 (did you mean 'properties'?)",
      19
    ],
    ['type = "track" and revenue > 1', "Unknown field 'revenue' at position 19", 19],
    ['constructor = "x"', "Unknown field 'constructor' at position 0", 0],
    ['__proto__.x = "x"', "Unknown field '__proto__' at position 0", 0],
    ['type.x = "x"', "Field 'type' at position 0 is a single value: it has no '.x' below it", 0],
    ['properties.total = ', "Expected a value after '=' at position 17 but found the end of the trigger", 17],
    ['properties.total = and', "Expected a value after '=' at position 17 but found 'and'", 17],
    ['type = track', "Expected a value after '=' at position 5 but found 'track'", 5],
    ['properties.total > "5"', `Expected a number after '>' at position 19 but found '"5"'`, 19],
    ['properties.total > true', "Expected a number after '>' at position 19 but found 'true'", 19],
    ['type = "track" and event = "Order', 'Unterminated string starting at position 27', 27],
    ["name = 'x", 'Unterminated string starting at position 7', 7],
    ['(type = "track"', "Unclosed '(' at position 0: expected ')' before the end", 0],
    [
      'type = "a" and (event = "b" or (name = "c")',
      "Unclosed '(' at position 15: expected ')' before the end",
      15
    ],
    ['type = "track")', "Unexpected ')' at position 14: there is no '(' for it to close", 14],
    ['(type = "track" event = "x")', "Expected ')', 'and' or 'or' at position 16 but found 'event'", 16],
    [
      'type = "track" event = "x"',
      "Expected 'and', 'or' or the end of the trigger at position 15 but found 'event'",
      15
    ],
    [
      'type = "track" AND event = "x"',
      "Expected 'and', 'or' or the end of the trigger at position 15 but found 'AND'",
      15
    ],
    ['', 'Expected a condition at position 0: the trigger is empty', 0],
    ['   ', 'Expected a condition at position 0: the trigger is empty', 0],
    ['type = "a" and', 'Expected a condition at position 14 but found the end of the trigger', 14],
    ['type = "a" or or', "Expected a condition at position 14 but found 'or'", 14],
    ['()', "Expected a condition at position 1 but found ')'", 1],
    [
      'type',
      "Expected an operator (=, !=, <, <=, >, >= or in) after 'type' at position 4 but found the end of the trigger",
      4
    ],
    ['type == "x"', "Unexpected '==' at position 5 (write a single '=')", 5],
    ['type ~ "x"', "Unexpected character '~' at position 5", 5],
    ['type = "x" && event = "y"', "Unexpected character '&' at position 11", 11],
    ['type = "x" 🚀', "Unexpected character '🚀' at position 11", 11],
    [
      '!type = "x"',
      "Expected '(', 'contains' or 'match' after '!' at position 1 but found 'type' (to negate a condition, write !( … ))",
      1
    ],
    ['contains event', "Expected '(' after 'contains' at position 9 but found 'event'", 9],
    [
      'contains(event "x")',
      "Expected ',' after the field of contains() at position 15 but found '\"x\"'",
      15
    ],
    [
      'contains(event, 5)',
      "Expected a string as the second argument of contains() at position 16 but found '5'",
      16
    ],
    [
      'contains(event, "x"',
      "Expected ')' to close contains() at position 19 but found the end of the trigger",
      19
    ],
    ['contains(evnt, "x")', "Unknown field 'evnt' at position 9 (did you mean 'event'?)", 9],
    ['contains("x", event)', `Expected a field at position 9 but found '"x"'`, 9],
    [
      'match(event, "Order")',
      "match() at position 13 needs a pattern ending with '*' (starts with) or starting with '*' (ends with)",
      13
    ],
    ['type in "track"', `Expected '[' after 'in' at position 8 but found '"track"'`, 8],
    ['type in []', "Expected at least one value in the list after 'in' at position 5", 5],
    ['type in ["a" "b"]', `Expected ',' or ']' in the list at position 13 but found '"b"'`, 13],
    ['type in ["a", null]', "Expected a string or a number in the list at position 14 but found 'null'", 14],
    [
      'type in ["a",',
      'Expected a string or a number in the list at position 13 but found the end of the trigger',
      13
    ],
    ['properties. = 1', "Expected a name after '.' at position 10", 10],
    ['properties.a. = 1', "Expected a name after '.' at position 12", 12],
    ['properties.`` = 1', 'Empty name in backticks at position 11', 11],
    ['properties.`abc = 1', 'Unterminated backtick name starting at position 11', 11],
    ['properties.a\\', "Expected a character after '\\' at position 12", 12],
    ['properties.x = 1.2.3', "Invalid number '1.2.3' at position 15", 15],
    ['properties.x = 12abc', "Invalid number '12abc' at position 15", 15],
    ['properties.x = 1e999', "Number '1e999' at position 15 is too large", 15],
    ['event = "\\u00zz"', "Invalid escape '\\u00zz' at position 9: expected four hex digits", 9]
  ])('%s', (text, message, position) => {
    expect(parseTrigger(text)).toEqual({ error: { message, position } })
  })

  it(`rejects text longer than ${MAX_TRIGGER_LENGTH} characters`, () => {
    // 16 counted characters each (the space is not counted): 256 of them reach the limit exactly.
    const condition = 'properties.x=1 or '
    const text = condition.repeat(256) + 'properties.x=2'
    expect(text.length).toBeGreaterThan(MAX_TRIGGER_LENGTH)
    expect(parseTrigger(text).error).toEqual({
      message:
        'Trigger too long at position 4608: the limit is 4096 characters, not counting spacing and parentheses, and this one has 4110',
      position: 4608
    })
    expect(text.slice(4608)).toBe('properties.x=2')
    expect(parseTrigger(condition.repeat(255) + 'properties.x=2').ast).toBeDefined()
  })

  it('does not count spacing or parentheses, however many', () => {
    const condition = '  ( ( properties.x = 1 ) )\n or\t'
    const within = condition.repeat(255) + 'properties.x=2'
    expect(within.length).toBeGreaterThan(MAX_TRIGGER_LENGTH)
    expect(parseTrigger(within).ast).toBeDefined()
    expect(parseTrigger(within + ' or properties.x=3').error?.message).toBe(
      `Trigger too long at position ${within.length + 4}: the limit is 4096 characters, not counting spacing and parentheses, and this one has 4110`
    )
  })

  it('counts a string as its quotes and value (an escape is one character), a name as its keys and a number as one', () => {
    const escapes = 'event = "' + '\\n'.repeat(MAX_TRIGGER_LENGTH - 8) + '"'
    expect(escapes.length).toBe(2 * MAX_TRIGGER_LENGTH - 6)
    expect(parseTrigger(escapes).ast).toEqual(eq('event', '\n'.repeat(MAX_TRIGGER_LENGTH - 8)))
    expect(parseTrigger(escapes.replace('event', 'event ').replace('"', ' "x')).error?.position).toBe(10)
    const quotedKey = 'properties.`' + 'k'.repeat(MAX_TRIGGER_LENGTH - 13) + '` = 1'
    expect(parseTrigger(quotedKey).ast).toBeDefined()
    expect(parseTrigger(quotedKey.replace('` = 1', '` = 12')).ast).toBeDefined()
    expect(parseTrigger(quotedKey.replace('`k', '`kk')).error?.position).toBe(quotedKey.length)
    const numbers = 'properties.x in [' + Array(2000).fill('-1.2345678901234567e-300').join(', ') + ']'
    expect(numbers.length).toBeGreaterThan(12 * MAX_TRIGGER_LENGTH)
    expect(parseTrigger(numbers).ast).toBeDefined()
  })

  it('never counts more characters than the text has: any text within the limit is within it', () => {
    // Every kind of token, written as short as it can be (see also format.test.ts).
    const dense = '!(properties.`a.b`.\\$=1e300)and!contains(traits.x,"\\u0041")or event in["\\n",-.5]'
    expect(parseTrigger(dense).ast).toBeDefined()
    const packed = Array(Math.floor(MAX_TRIGGER_LENGTH / (dense.length + 4)))
      .fill(`(${dense})`)
      .join('or')
    expect(packed.length).toBeLessThanOrEqual(MAX_TRIGGER_LENGTH)
    expect(parseTrigger(packed).ast).toBeDefined()
  })

  it(`rejects text longer than ${MAX_TRIGGER_TEXT_LENGTH} characters, spacing included, before reading it`, () => {
    const text = 'type = "track"' + ' '.repeat(MAX_TRIGGER_TEXT_LENGTH - 13)
    expect(parseTrigger(text).error).toEqual({
      message: `Trigger too long at position 65536: the limit for the text, spacing included, is 65536 characters and this one has 65537`,
      position: 65536
    })
    expect(parseTrigger(text.slice(0, -1)).ast).toEqual(eq('type', 'track'))
  })

  it(`accepts exactly ${MAX_TRIGGER_LENGTH} characters`, () => {
    const text = 'type = "' + 'x'.repeat(MAX_TRIGGER_LENGTH - 9) + '"'
    expect(text.length).toBe(MAX_TRIGGER_LENGTH)
    expect(parseTrigger(text).ast).toBeDefined()
  })

  it(`accepts ${MAX_TRIGGER_DEPTH} levels of parentheses and rejects ${MAX_TRIGGER_DEPTH + 1}`, () => {
    const nest = (depth: number) => '('.repeat(depth) + 'type = "track"' + ')'.repeat(depth)
    expect(parseTrigger(nest(MAX_TRIGGER_DEPTH)).ast).toEqual(eq('type', 'track'))
    expect(parseTrigger(nest(MAX_TRIGGER_DEPTH + 1)).error).toEqual({
      message: 'Nesting too deep at position 64: the limit is 64 levels of parentheses',
      position: 64
    })
    const negated = '!('.repeat(MAX_TRIGGER_DEPTH + 1) + 'type = "track"' + ')'.repeat(MAX_TRIGGER_DEPTH + 1)
    expect(parseTrigger(negated).error?.position).toBe(2 * MAX_TRIGGER_DEPTH + 1)
  })

  it(`counts an 'and' inside an 'or' as a level, as formatTrigger writes it in parentheses`, () => {
    const notNot = (depth: number, inner: string) => '!('.repeat(depth) + inner + ')'.repeat(depth)
    // or → and (no parentheses, but formatTrigger adds them) → 64 nots: 65 levels.
    const text = 'type = "a" or type = "b" and ' + notNot(MAX_TRIGGER_DEPTH, 'type = "c"')
    expect(parseTrigger(text).error).toEqual({
      message:
        "Nesting too deep at position 14: the limit is 64 levels of parentheses, counting those that formatting adds around an 'and' inside an 'or'",
      position: 14
    })
    const within = 'type = "a" or type = "b" and ' + notNot(MAX_TRIGGER_DEPTH - 1, 'type = "c"')
    const { ast } = parseTrigger(within)
    expect(ast).toBeDefined()
    expect(parseTrigger(formatTrigger(ast!))).toEqual({ ast })
    // With those parentheses written out, the same levels.
    const written = (depth: number) => 'type = "a" or (type = "b" and ' + notNot(depth, 'type = "c"') + ')'
    expect(parseTrigger(written(MAX_TRIGGER_DEPTH)).error?.message).toMatch(
      /^Nesting too deep at position 157: /
    )
    expect(parseTrigger(written(MAX_TRIGGER_DEPTH - 1)).ast).toBeDefined()
    // Deeper inside, at the 'and' that takes it past the limit.
    const inner = 'type = "z" and (type = "a" or type = "b" and ' + notNot(61, 'type = "c"') + ')'
    expect(parseTrigger(notNot(2, inner)).error?.position).toBe(4 + inner.indexOf('type = "b"'))
    expect(parseTrigger(notNot(1, inner)).ast).toBeDefined()
    // Redundant parentheses are levels as written, but formatting drops them.
    const redundant =
      '('.repeat(MAX_TRIGGER_DEPTH) + 'type = "a" or type = "b" and event = "c"' + ')'.repeat(64)
    expect(formatTrigger(parseTrigger(redundant).ast!)).toBe('type = "a" or (type = "b" and event = "c")')
  })

  it('stops at the depth limit long before the stack could overflow', () => {
    expect(parseTrigger('('.repeat(4000)).error?.message).toMatch(/^Nesting too deep at position 64/)
  })

  it('reports a character it cannot read, then the length, before a grammar error earlier in the text', () => {
    expect(parseTrigger('type = and event ~ "x"').error).toEqual({
      message: "Unexpected character '~' at position 17",
      position: 17
    })
    expect(parseTrigger('type = "a" or or "b').error).toEqual({
      message: 'Unterminated string starting at position 17',
      position: 17
    })
    expect(parseTrigger('type = and ' + 'properties.x=1 or '.repeat(256) + 'properties.x=2').error).toEqual({
      message:
        'Trigger too long at position 4601: the limit is 4096 characters, not counting spacing and parentheses, and this one has 4118',
      position: 4601
    })
  })

  it('never throws on a value that is not text', () => {
    expect(parseTrigger(42 as unknown as string).error).toEqual({
      message: 'A trigger must be text; found number at position 0',
      position: 0
    })
  })
})
