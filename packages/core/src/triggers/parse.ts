/**
 * Recursive-descent parser for the trigger language (grammar, loosest first):
 *
 *   trigger   := or END
 *   or        := and ('or' and)*
 *   and       := unary ('and' unary)*
 *   unary     := '!' '(' or ')' | '!' function | '(' or ')' | function | condition
 *   function  := ('contains' | 'match') '(' field ',' string ')'
 *   condition := field ('=' | '!=') value | field ('<' | '<=' | '>' | '>=') number | field 'in' '[' list ']'
 *
 * `and` binds tighter than `or`. Every error names the position where it was found.
 */
import type {
  AndNode,
  ComparisonNode,
  ComparisonOperator,
  ConditionNode,
  FieldPath,
  OrNode,
  TextNode,
  TriggerNode,
  TriggerValue
} from './ast.js'
import { isTriggerRootField, suggestRootField, TRIGGER_ROOT_FIELDS } from './fields.js'
import { tokenize, type Token } from './tokenize.js'
import { TriggerError } from './trigger-error.js'

/**
 * The longest trigger accepted, in characters of content: whitespace and parentheses do not count,
 * a string counts as its quotes and the characters of its value (an escape such as `\n` or
 * `\u00e9` is one character), a field as its names joined with dots (backticks and backslashes
 * that quote a name do not count) and a number as one character, however it is written (`1e3` and
 * `1000` are the same number). Text of at most this many characters is always within the limit,
 * and so is `formatTrigger`'s text of any tree `parseTrigger` returned (it only adds what is not
 * counted). See `MAX_TRIGGER_TEXT_LENGTH` for the length of the text itself.
 */
export const MAX_TRIGGER_LENGTH = 4096
/**
 * The longest trigger text accepted, in characters including whitespace: 16 times
 * `MAX_TRIGGER_LENGTH`, more than `formatTrigger` ever writes for a tree within that limit (at most
 * about 13.5 characters per counted one, for a list of long numbers).
 */
export const MAX_TRIGGER_TEXT_LENGTH = 16 * MAX_TRIGGER_LENGTH
/**
 * The deepest nesting accepted, in levels of parentheses: both as written, and as `formatTrigger`
 * writes the tree, which puts an `and` group inside an `or` in parentheses (`a or b and c` is
 * written `a or (b and c)`) and drops redundant ones. So `formatTrigger`'s text of any tree
 * `parseTrigger` returned is within the limit too.
 */
export const MAX_TRIGGER_DEPTH = 64

/** Why a trigger could not be parsed, and where (0-based character offset). */
export interface TriggerSyntaxError {
  message: string
  position: number
}

/** The result of `parseTrigger`: a tree, or an error. */
export type ParseTriggerResult =
  { ast: TriggerNode; error?: undefined } | { ast?: undefined; error: TriggerSyntaxError }

/** Where `and` and `or` meet without parentheses (for warnings). */
export interface MixedConnectives {
  /** Position of the first `and` of the unparenthesized chain. */
  position: number
  /** The `or` node whose operands include that chain. */
  node: OrNode
}

/** Where the value of a condition was written (for warnings). */
export interface ValuePosition {
  /** A `compare` or `text` node of the tree. */
  node: ComparisonNode | TextNode
  /** Position of its value's first character (the opening quote of a string). */
  position: number
}

interface Parser {
  text: string
  tokens: Token[]
  index: number
  /** Parentheses open at the current token, as written. */
  depth: number
  /**
   * Levels of parentheses inside the node last parsed, as `formatTrigger` writes it. Set by every
   * parse function before it returns (a side channel, so that nothing is allocated for it).
   */
  levels: number
  /**
   * Where, on the deepest path of the node last parsed, formatting adds parentheses that the text
   * does not have (an `and` inside an `or`); -1 when nowhere.
   */
  addedAt: number
  mixed: MixedConnectives[]
  /** Positions of the values of conditions; only recorded when asked for. */
  values: ValuePosition[] | undefined
}

/**
 * Parses trigger text into a tree. Never throws: bad input gives `{ error }`.
 * The limits (`MAX_TRIGGER_LENGTH`, `MAX_TRIGGER_DEPTH`) are measured so that
 * `formatTrigger`'s text of every tree returned here parses too.
 *
 * @example
 * parseTrigger('type = "track" and event = "Order Completed"').ast
 * // { kind: 'and', children: [{ kind: 'compare', field: { root: 'type', path: [] }, operator: '=', value: 'track' }, …] }
 * parseTrigger('type = ').error // { message: "Expected a value after '=' at position 5 …", position: 5 }
 */
export function parseTrigger(text: string): ParseTriggerResult {
  try {
    return { ast: parseTriggerOrThrow(text).ast }
  } catch (error) {
    return { error: toSyntaxError(error) }
  }
}

/** What `parseTriggerOrThrow` found besides the tree. */
export interface ParsedTrigger {
  ast: TriggerNode
  /** Where `and` and `or` meet without parentheses. */
  mixed: MixedConnectives[]
  /** The tokens of the text (the last one is `end`). */
  tokens: Token[]
  /** Where each condition's value was written; empty unless `withValuePositions` was set. */
  values: ValuePosition[]
}

/**
 * Parses and also reports where `and`/`or` are mixed without parentheses (and, when asked, where
 * each condition's value was written). Throws `TriggerError`.
 *
 * @example
 * parseTriggerOrThrow('a = 1 or b = 2 and c = 3') // throws: unknown field 'a'
 * parseTriggerOrThrow('type = "a" or type = "b" and event = "c"').mixed[0].position // 25
 * parseTriggerOrThrow('type = "a" and event = "a"', true).values[1].position // 23
 */
export function parseTriggerOrThrow(text: string, withValuePositions = false): ParsedTrigger {
  if (typeof text !== 'string')
    throw new TriggerError('A trigger must be text; found ' + typeof text + ' at position 0', 0)
  if (text.length > MAX_TRIGGER_TEXT_LENGTH) {
    throw new TriggerError(
      `Trigger too long at position ${MAX_TRIGGER_TEXT_LENGTH}: the limit for the text, spacing included, is ${MAX_TRIGGER_TEXT_LENGTH} characters and this one has ${text.length}`,
      MAX_TRIGGER_TEXT_LENGTH
    )
  }
  const tokens = tokenize(text)
  // Counted characters never outnumber the characters of the text, so short text needs no count.
  if (text.length > MAX_TRIGGER_LENGTH) checkLength(tokens)
  const parser: Parser = {
    text,
    tokens,
    index: 0,
    depth: 0,
    levels: 0,
    addedAt: -1,
    mixed: [],
    values: withValuePositions ? [] : undefined
  }
  if (parser.tokens[0].kind === 'end')
    throw new TriggerError('Expected a condition at position 0: the trigger is empty', 0)
  const ast = parseOr(parser)
  const rest = peek(parser)
  if (rest.kind !== 'end') {
    if (rest.text === ')')
      fail(`Unexpected ')' at position ${rest.start}: there is no '(' for it to close`, rest)
    fail(
      `Expected 'and', 'or' or the end of the trigger at position ${rest.start} but found ${quote(rest)}`,
      rest
    )
  }
  return { ast, mixed: parser.mixed, tokens, values: parser.values ?? [] }
}

/** The characters of a token that count towards `MAX_TRIGGER_LENGTH` (see there). */
function countedLength(token: Token): number {
  switch (token.kind) {
    case 'string':
      return token.value.length + 2
    case 'number':
      return 1
    case 'field': {
      let length = token.keys.length - 1
      for (const key of token.keys) length += key.length
      return length
    }
    case 'symbol':
      return token.text === '(' || token.text === ')' ? 0 : token.text.length
    default:
      return token.text.length
  }
}

/** Throws when the tokens hold more than `MAX_TRIGGER_LENGTH` counted characters. */
function checkLength(tokens: Token[]): void {
  let total = 0
  let position = -1
  for (const token of tokens) {
    total += countedLength(token)
    if (position < 0 && total > MAX_TRIGGER_LENGTH) position = token.start
  }
  if (position >= 0) {
    throw new TriggerError(
      `Trigger too long at position ${position}: the limit is ${MAX_TRIGGER_LENGTH} characters, not counting spacing and parentheses, and this one has ${total}`,
      position
    )
  }
}

function toSyntaxError(error: unknown): TriggerSyntaxError {
  if (error instanceof TriggerError) return { message: error.message, position: error.position ?? 0 }
  // Not expected; reported rather than thrown so that callers can rely on "never throws".
  return { message: `Could not parse the trigger at position 0: ${String(error)}`, position: 0 }
}

function peek(parser: Parser): Token {
  return parser.tokens[parser.index]
}

function take(parser: Parser): Token {
  const token = parser.tokens[parser.index]
  if (token.kind !== 'end') parser.index++
  return token
}

function isKeyword(token: Token, word: string): boolean {
  return token.kind === 'keyword' && token.text === word
}

function isSymbol(token: Token, symbol: string): boolean {
  return token.kind === 'symbol' && token.text === symbol
}

function quote(token: Token): string {
  return token.kind === 'end' ? 'the end of the trigger' : `'${token.text}'`
}

function fail(message: string, token: Token): never {
  throw new TriggerError(message, token.start)
}

function parseOr(parser: Parser): TriggerNode {
  let start = peek(parser).start
  const first = parseAnd(parser)
  if (!isKeyword(peek(parser), 'or')) return first.node
  const children = [first.node]
  let levels = operandLevels(parser, first.node, start, first.andAt !== undefined)
  let addedAt = parser.addedAt
  let mixedAt = first.andAt
  while (isKeyword(peek(parser), 'or')) {
    take(parser)
    start = peek(parser).start
    const next = parseAnd(parser)
    children.push(next.node)
    if (operandLevels(parser, next.node, start, next.andAt !== undefined) > levels) {
      levels = parser.levels
      addedAt = parser.addedAt
    }
    mixedAt ??= next.andAt
  }
  const node: OrNode = { kind: 'or', children }
  if (mixedAt !== undefined) parser.mixed.push({ position: mixedAt, node })
  parser.levels = levels
  parser.addedAt = addedAt
  return node
}

function parseAnd(parser: Parser): { node: TriggerNode; andAt: number | undefined } {
  let start = peek(parser).start
  const first = parseUnary(parser)
  if (!isKeyword(peek(parser), 'and')) return { node: first, andAt: undefined }
  const andAt = peek(parser).start
  const children = [first]
  let levels = operandLevels(parser, first, start, false)
  let addedAt = parser.addedAt
  while (isKeyword(peek(parser), 'and')) {
    take(parser)
    start = peek(parser).start
    const next = parseUnary(parser)
    children.push(next)
    if (operandLevels(parser, next, start, false) > levels) {
      levels = parser.levels
      addedAt = parser.addedAt
    }
  }
  const node: AndNode = { kind: 'and', children }
  parser.levels = levels
  parser.addedAt = addedAt
  return { node, andAt }
}

/**
 * The levels of parentheses of an operand of `and`/`or`, just parsed from `start`, as
 * `formatTrigger` writes it: one more than inside it when it is itself an `and` or `or` group —
 * also when the text has no parentheses there (`added`: an `and` inside an `or`, `a or b and c`,
 * is written `a or (b and c)`). Leaves them in `parser.levels` (and `parser.addedAt`).
 */
function operandLevels(parser: Parser, node: TriggerNode, start: number, added: boolean): number {
  if (added) parser.addedAt = start
  if ((node.kind === 'and' || node.kind === 'or') && ++parser.levels > MAX_TRIGGER_DEPTH)
    failTooDeep(parser, start)
  return parser.levels
}

/**
 * Too deep as `formatTrigger` writes it (as written, `parseGroup` stops it first): the position
 * is that of an `and` inside an `or` whose parentheses formatting adds, so the text has them not.
 */
function failTooDeep(parser: Parser, opening: number): never {
  const position = parser.addedAt >= 0 ? parser.addedAt : opening
  throw new TriggerError(
    `Nesting too deep at position ${position}: the limit is ${MAX_TRIGGER_DEPTH} levels of parentheses, ` +
      `counting those that formatting adds around an 'and' inside an 'or'`,
    position
  )
}

function parseUnary(parser: Parser): TriggerNode {
  const token = peek(parser)
  if (isSymbol(token, '!')) {
    take(parser)
    const next = peek(parser)
    if (isSymbol(next, '(')) {
      const child = parseGroup(parser)
      if (++parser.levels > MAX_TRIGGER_DEPTH) failTooDeep(parser, next.start)
      return { kind: 'not', child }
    }
    if (isKeyword(next, 'contains') || isKeyword(next, 'match')) return parseFunction(parser, true)
    fail(
      `Expected '(', 'contains' or 'match' after '!' at position ${next.start} but found ${quote(next)}` +
        (next.kind === 'field' ? ` (to negate a condition, write !( … ))` : ''),
      next
    )
  }
  if (isSymbol(token, '(')) return parseGroup(parser)
  if (isKeyword(token, 'contains') || isKeyword(token, 'match')) return parseFunction(parser, false)
  if (token.kind === 'field') return parseCondition(parser)
  return fail(`Expected a condition at position ${token.start} but found ${quote(token)}`, token)
}

function parseGroup(parser: Parser): TriggerNode {
  const open = take(parser)
  if (++parser.depth > MAX_TRIGGER_DEPTH) {
    fail(
      `Nesting too deep at position ${open.start}: the limit is ${MAX_TRIGGER_DEPTH} levels of parentheses`,
      open
    )
  }
  const node = parseOr(parser)
  const close = peek(parser)
  if (!isSymbol(close, ')')) {
    if (close.kind === 'end')
      fail(`Unclosed '(' at position ${open.start}: expected ')' before the end`, open)
    fail(`Expected ')', 'and' or 'or' at position ${close.start} but found ${quote(close)}`, close)
  }
  take(parser)
  parser.depth--
  return node
}

function parseField(parser: Parser, token: Token): FieldPath {
  if (token.kind !== 'field') {
    return fail(`Expected a field at position ${token.start} but found ${quote(token)}`, token)
  }
  const root = token.keys[0]
  const path = token.keys.slice(1)
  if (!isTriggerRootField(root)) {
    const suggestion = suggestRootField(root)
    fail(
      `Unknown field '${root}' at position ${token.start}` +
        (suggestion ? ` (did you mean '${suggestion}'?)` : ''),
      token
    )
  }
  if (path.length > 0 && TRIGGER_ROOT_FIELDS[root].kind === 'value') {
    fail(
      `Field '${root}' at position ${token.start} is a single value: it has no '.${path[0]}' below it`,
      token
    )
  }
  return { root, path }
}

function parseFunction(parser: Parser, negated: boolean): TextNode {
  const name = take(parser).text as 'contains' | 'match'
  const open = take(parser)
  if (!isSymbol(open, '('))
    fail(`Expected '(' after '${name}' at position ${open.start} but found ${quote(open)}`, open)
  const field = parseField(parser, take(parser))
  const comma = take(parser)
  if (!isSymbol(comma, ',')) {
    fail(
      `Expected ',' after the field of ${name}() at position ${comma.start} but found ${quote(comma)}`,
      comma
    )
  }
  const argument = take(parser)
  if (argument.kind !== 'string') {
    fail(
      `Expected a string as the second argument of ${name}() at position ${argument.start} but found ${quote(argument)}`,
      argument
    )
  }
  const close = take(parser)
  if (!isSymbol(close, ')'))
    fail(`Expected ')' to close ${name}() at position ${close.start} but found ${quote(close)}`, close)
  return conditionParsed(parser, textNode(name, negated, field, argument), argument)
}

function textNode(name: 'contains' | 'match', negated: boolean, field: FieldPath, argument: Token): TextNode {
  if (name === 'contains')
    return { kind: 'text', test: 'contains', negated, field, value: argument.value as string }
  // The FQL convention: "v*" starts with v, "*v" ends with v; a trailing '*' wins.
  const pattern = argument.value as string
  if (pattern.endsWith('*'))
    return { kind: 'text', test: 'startsWith', negated, field, value: pattern.slice(0, -1) }
  if (pattern.startsWith('*'))
    return { kind: 'text', test: 'endsWith', negated, field, value: pattern.slice(1) }
  return fail(
    `match() at position ${argument.start} needs a pattern ending with '*' (starts with) or starting with '*' (ends with)`,
    argument
  )
}

/** Every condition ends here: no parentheses inside it, and where its value was written. */
function conditionParsed<T extends ConditionNode>(parser: Parser, node: T, valueToken: Token | undefined): T {
  parser.levels = 0
  parser.addedAt = -1
  if (parser.values !== undefined && valueToken !== undefined && node.kind !== 'in')
    parser.values.push({ node, position: valueToken.start })
  return node
}

function parseCondition(parser: Parser): TriggerNode {
  const fieldToken = take(parser)
  const field = parseField(parser, fieldToken)
  const operator = take(parser)
  if (isKeyword(operator, 'in'))
    return conditionParsed(parser, { kind: 'in', field, values: parseList(parser, operator) }, undefined)
  if (operator.kind !== 'symbol' || !COMPARISONS.has(operator.text)) {
    return fail(
      `Expected an operator (=, !=, <, <=, >, >= or in) after '${fieldToken.text}' at position ${operator.start} but found ${quote(operator)}`,
      operator
    )
  }
  const op = operator.text as ComparisonOperator
  const valueToken = take(parser)
  const value = literalValue(valueToken)
  if (value === undefined) {
    // The position of the operator: the value is missing after it.
    fail(
      `Expected a value after '${op}' at position ${operator.start} but found ${quote(valueToken)}`,
      operator
    )
  }
  if (op !== '=' && op !== '!=' && typeof value !== 'number') {
    fail(
      `Expected a number after '${op}' at position ${valueToken.start} but found ${quote(valueToken)}`,
      valueToken
    )
  }
  return conditionParsed(parser, { kind: 'compare', field, operator: op, value }, valueToken)
}

const COMPARISONS = new Set(['=', '!=', '<', '<=', '>', '>='])

function literalValue(token: Token): TriggerValue | undefined {
  switch (token.kind) {
    case 'string':
    case 'number':
      return token.value
    case 'keyword':
      if (token.text === 'true') return true
      if (token.text === 'false') return false
      if (token.text === 'null') return null
  }
  return undefined
}

function parseList(parser: Parser, inToken: Token): Array<string | number> {
  const open = take(parser)
  if (!isSymbol(open, '['))
    fail(`Expected '[' after 'in' at position ${open.start} but found ${quote(open)}`, open)
  const values: Array<string | number> = []
  for (;;) {
    const item = take(parser)
    if (item.kind === 'string' || item.kind === 'number') values.push(item.value)
    else if (isSymbol(item, ']') && values.length === 0) {
      fail(`Expected at least one value in the list after 'in' at position ${inToken.start}`, inToken)
    } else
      fail(
        `Expected a string or a number in the list at position ${item.start} but found ${quote(item)}`,
        item
      )
    const separator = take(parser)
    if (isSymbol(separator, ']')) return values
    if (!isSymbol(separator, ',')) {
      fail(
        `Expected ',' or ']' in the list at position ${separator.start} but found ${quote(separator)}`,
        separator
      )
    }
  }
}
