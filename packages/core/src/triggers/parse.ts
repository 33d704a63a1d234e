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
  ComparisonOperator,
  FieldPath,
  OrNode,
  TextNode,
  TriggerNode,
  TriggerValue
} from './ast.js'
import { isTriggerRootField, suggestRootField, TRIGGER_ROOT_FIELDS } from './fields.js'
import { tokenize, type Token } from './tokenize.js'
import { TriggerError } from './trigger-error.js'

/** The longest trigger text accepted, in characters. */
export const MAX_TRIGGER_LENGTH = 4096
/** The deepest nesting of parentheses accepted. */
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

interface Parser {
  text: string
  tokens: Token[]
  index: number
  depth: number
  mixed: MixedConnectives[]
}

/**
 * Parses trigger text into a tree. Never throws: bad input gives `{ error }`.
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

/**
 * Parses and also reports where `and`/`or` are mixed without parentheses. Throws `TriggerError`.
 *
 * @example
 * parseTriggerOrThrow('a = 1 or b = 2 and c = 3') // throws: unknown field 'a'
 * parseTriggerOrThrow('type = "a" or type = "b" and event = "c"').mixed[0].position // 25
 */
export function parseTriggerOrThrow(text: string): { ast: TriggerNode; mixed: MixedConnectives[] } {
  if (typeof text !== 'string')
    throw new TriggerError('A trigger must be text; found ' + typeof text + ' at position 0', 0)
  if (text.length > MAX_TRIGGER_LENGTH) {
    throw new TriggerError(
      `Trigger too long at position ${MAX_TRIGGER_LENGTH}: the limit is ${MAX_TRIGGER_LENGTH} characters and this one has ${text.length}`,
      MAX_TRIGGER_LENGTH
    )
  }
  const parser: Parser = { text, tokens: tokenize(text), index: 0, depth: 0, mixed: [] }
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
  return { ast, mixed: parser.mixed }
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
  const first = parseAnd(parser)
  if (!isKeyword(peek(parser), 'or')) return first.node
  const children = [first.node]
  let mixedAt = first.andAt
  while (isKeyword(peek(parser), 'or')) {
    take(parser)
    const next = parseAnd(parser)
    children.push(next.node)
    mixedAt ??= next.andAt
  }
  const node: OrNode = { kind: 'or', children }
  if (mixedAt !== undefined) parser.mixed.push({ position: mixedAt, node })
  return node
}

function parseAnd(parser: Parser): { node: TriggerNode; andAt: number | undefined } {
  const first = parseUnary(parser)
  if (!isKeyword(peek(parser), 'and')) return { node: first, andAt: undefined }
  const andAt = peek(parser).start
  const children = [first]
  while (isKeyword(peek(parser), 'and')) {
    take(parser)
    children.push(parseUnary(parser))
  }
  const node: AndNode = { kind: 'and', children }
  return { node, andAt }
}

function parseUnary(parser: Parser): TriggerNode {
  const token = peek(parser)
  if (isSymbol(token, '!')) {
    take(parser)
    const next = peek(parser)
    if (isSymbol(next, '(')) return { kind: 'not', child: parseGroup(parser) }
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
  if (name === 'contains') return { kind: 'text', test: 'contains', negated, field, value: argument.value }
  // The FQL convention: "v*" starts with v, "*v" ends with v; a trailing '*' wins.
  const pattern = argument.value
  if (pattern.endsWith('*'))
    return { kind: 'text', test: 'startsWith', negated, field, value: pattern.slice(0, -1) }
  if (pattern.startsWith('*'))
    return { kind: 'text', test: 'endsWith', negated, field, value: pattern.slice(1) }
  return fail(
    `match() at position ${argument.start} needs a pattern ending with '*' (starts with) or starting with '*' (ends with)`,
    argument
  )
}

function parseCondition(parser: Parser): TriggerNode {
  const fieldToken = take(parser)
  const field = parseField(parser, fieldToken)
  const operator = take(parser)
  if (isKeyword(operator, 'in')) return { kind: 'in', field, values: parseList(parser, operator) }
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
  return { kind: 'compare', field, operator: op, value }
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
