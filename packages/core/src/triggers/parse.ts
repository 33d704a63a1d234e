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
 *
 * One pass: the parser consumes tokens as the scanner (`tokenize.ts`) reads them, straight from the
 * characters. The side results (where `and`/`or` are mixed, where values were written) are only
 * recorded when asked for, and only an error reads the text a second time (see `parse`).
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
import { suggestRootField } from './fields.js'
import {
  AND,
  CLOSE,
  CLOSE_LIST,
  COMMA,
  CONTAINS,
  END,
  EQ,
  FALSE,
  FIELD,
  GE,
  GT,
  IN,
  LE,
  LT,
  MATCH,
  NE,
  NOT,
  NULL,
  NUMBER,
  OPEN,
  OPEN_LIST,
  OR,
  Scanner,
  STRING,
  TRUE,
  UNKNOWN_ROOT,
  VALUE_ROOT
} from './tokenize.js'
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

/**
 * The parser: the scanner's current token is the next one to consume, and the side channels
 * below are set by the parse functions, so that nothing is allocated for them.
 */
class Parser extends Scanner {
  /** Parentheses open at the current token, as written. */
  depth = 0
  /**
   * Levels of parentheses inside the node last parsed, as `formatTrigger` writes it. Set by every
   * parse function before it returns.
   */
  levels = 0
  /**
   * Where, on the deepest path of the node last parsed, formatting adds parentheses that the text
   * does not have (an `and` inside an `or`); -1 when nowhere.
   */
  addedAt = -1
  /** Position of the first `and` of the node `parseAnd` returned last; -1 when it had none. */
  andAt = -1
  /** Where `and` and `or` are mixed; only recorded when asked for. */
  readonly mixed: MixedConnectives[] | undefined
  /** Positions of the values of conditions; only recorded when asked for. */
  readonly values: ValuePosition[] | undefined

  constructor(text: string, mixed: MixedConnectives[] | undefined, values: ValuePosition[] | undefined) {
    super(text)
    this.mixed = mixed
    this.values = values
  }
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
    return { ast: parse(text, undefined, undefined) }
  } catch (error) {
    return { error: toSyntaxError(error) }
  }
}

/**
 * The tree of trigger text (what `parseTrigger` gives as `ast`). Throws `TriggerError`.
 *
 * @example
 * parseTriggerTree('type = "track"') // { kind: 'compare', field: { root: 'type', path: [] }, operator: '=', value: 'track' }
 */
export function parseTriggerTree(text: string): TriggerNode {
  return parse(text, undefined, undefined)
}

/** What `parseTriggerOrThrow` found besides the tree. */
export interface ParsedTrigger {
  ast: TriggerNode
  /** Where `and` and `or` meet without parentheses. */
  mixed: MixedConnectives[]
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
  const mixed: MixedConnectives[] = []
  const values: ValuePosition[] = []
  const ast = parse(text, mixed, withValuePositions ? values : undefined)
  return { ast, mixed, values }
}

/**
 * Parses in one pass. Errors come in the order of separate passes over the text, as a tokenizer
 * would find them before a parser: a character that cannot be read (anywhere in the text), then the
 * length, then the grammar. So only an error, or text longer than `MAX_TRIGGER_LENGTH`, reads the
 * text a second time.
 */
function parse(
  text: string,
  mixed: MixedConnectives[] | undefined,
  values: ValuePosition[] | undefined
): TriggerNode {
  if (typeof text !== 'string')
    throw new TriggerError('A trigger must be text; found ' + typeof text + ' at position 0', 0)
  if (text.length > MAX_TRIGGER_TEXT_LENGTH) {
    throw new TriggerError(
      `Trigger too long at position ${MAX_TRIGGER_TEXT_LENGTH}: the limit for the text, spacing included, is ${MAX_TRIGGER_TEXT_LENGTH} characters and this one has ${text.length}`,
      MAX_TRIGGER_TEXT_LENGTH
    )
  }
  let ast: TriggerNode
  try {
    ast = parseAll(new Parser(text, mixed, values))
  } catch (error) {
    checkTokens(text)
    throw error
  }
  // Counted characters never outnumber the characters of the text, so short text needs no count.
  if (text.length > MAX_TRIGGER_LENGTH) checkTokens(text)
  return ast
}

function parseAll(parser: Parser): TriggerNode {
  parser.next()
  if (parser.kind === END)
    throw new TriggerError('Expected a condition at position 0: the trigger is empty', 0)
  const ast = parseOr(parser)
  if (parser.kind !== END) {
    const at = parser.start
    if (parser.kind === CLOSE) fail(`Unexpected ')' at position ${at}: there is no '(' for it to close`, at)
    fail(`Expected 'and', 'or' or the end of the trigger at position ${at} but found ${quote(parser)}`, at)
  }
  return ast
}

/**
 * Reads the whole text: throws the first character that cannot be read, or (for text longer
 * than `MAX_TRIGGER_LENGTH`) when it holds more than `MAX_TRIGGER_LENGTH` counted characters.
 */
function checkTokens(text: string): void {
  const scanner = new Scanner(text)
  const counting = text.length > MAX_TRIGGER_LENGTH
  let total = 0
  let position = -1
  do {
    scanner.next()
    if (counting) {
      total += countedLength(scanner)
      if (position < 0 && total > MAX_TRIGGER_LENGTH) position = scanner.start
    }
  } while (scanner.kind !== END)
  if (position >= 0) {
    throw new TriggerError(
      `Trigger too long at position ${position}: the limit is ${MAX_TRIGGER_LENGTH} characters, not counting spacing and parentheses, and this one has ${total}`,
      position
    )
  }
}

/** The characters of the scanner's token that count towards `MAX_TRIGGER_LENGTH` (see there). */
function countedLength(scanner: Scanner): number {
  switch (scanner.kind) {
    case STRING:
      return scanner.stringValue.length + 2
    case NUMBER:
      return 1
    case FIELD: {
      // The names joined with dots.
      let length = scanner.root.length + scanner.path.length
      for (const key of scanner.path) length += key.length
      return length
    }
    case OPEN:
    case CLOSE:
      return 0
    default:
      return scanner.end - scanner.start
  }
}

function toSyntaxError(error: unknown): TriggerSyntaxError {
  if (error instanceof TriggerError) return { message: error.message, position: error.position ?? 0 }
  // Not expected; reported rather than thrown so that callers can rely on "never throws".
  return { message: `Could not parse the trigger at position 0: ${String(error)}`, position: 0 }
}

/** The current token for a message. */
function quote(parser: Parser): string {
  return parser.kind === END ? 'the end of the trigger' : `'${parser.raw()}'`
}

function fail(message: string, position: number): never {
  throw new TriggerError(message, position)
}

function parseOr(parser: Parser): TriggerNode {
  let start = parser.start
  const first = parseAnd(parser)
  if (parser.kind !== OR) return first
  let andAt = parser.andAt
  const children = [first]
  let levels = operandLevels(parser, first, start, andAt >= 0)
  let addedAt = parser.addedAt
  let mixedAt = andAt
  while (parser.kind === OR) {
    parser.next()
    start = parser.start
    const next = parseAnd(parser)
    andAt = parser.andAt
    children.push(next)
    if (operandLevels(parser, next, start, andAt >= 0) > levels) {
      levels = parser.levels
      addedAt = parser.addedAt
    }
    if (mixedAt < 0) mixedAt = andAt
  }
  const node: OrNode = { kind: 'or', children }
  if (mixedAt >= 0 && parser.mixed !== undefined) parser.mixed.push({ position: mixedAt, node })
  parser.levels = levels
  parser.addedAt = addedAt
  return node
}

/** Also leaves in `parser.andAt` where the first `and` was (-1 when there is none). */
function parseAnd(parser: Parser): TriggerNode {
  let start = parser.start
  const first = parseUnary(parser)
  if (parser.kind !== AND) {
    parser.andAt = -1
    return first
  }
  const andAt = parser.start
  const children = [first]
  let levels = operandLevels(parser, first, start, false)
  let addedAt = parser.addedAt
  while (parser.kind === AND) {
    parser.next()
    start = parser.start
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
  parser.andAt = andAt
  return node
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
  switch (parser.kind) {
    case NOT: {
      parser.next()
      const at = parser.start
      if (parser.kind === OPEN) {
        const child = parseGroup(parser)
        if (++parser.levels > MAX_TRIGGER_DEPTH) failTooDeep(parser, at)
        return { kind: 'not', child }
      }
      if (parser.kind === CONTAINS || parser.kind === MATCH) return parseFunction(parser, true)
      return fail(
        `Expected '(', 'contains' or 'match' after '!' at position ${at} but found ${quote(parser)}` +
          (parser.kind === FIELD ? ` (to negate a condition, write !( … ))` : ''),
        at
      )
    }
    case OPEN:
      return parseGroup(parser)
    case CONTAINS:
    case MATCH:
      return parseFunction(parser, false)
    case FIELD:
      return parseCondition(parser)
  }
  return fail(`Expected a condition at position ${parser.start} but found ${quote(parser)}`, parser.start)
}

function parseGroup(parser: Parser): TriggerNode {
  const open = parser.start
  parser.next()
  if (++parser.depth > MAX_TRIGGER_DEPTH) {
    fail(
      `Nesting too deep at position ${open}: the limit is ${MAX_TRIGGER_DEPTH} levels of parentheses`,
      open
    )
  }
  const node = parseOr(parser)
  if (parser.kind !== CLOSE) {
    if (parser.kind === END) fail(`Unclosed '(' at position ${open}: expected ')' before the end`, open)
    fail(`Expected ')', 'and' or 'or' at position ${parser.start} but found ${quote(parser)}`, parser.start)
  }
  parser.next()
  parser.depth--
  return node
}

function parseField(parser: Parser): FieldPath {
  const at = parser.start
  if (parser.kind !== FIELD) return fail(`Expected a field at position ${at} but found ${quote(parser)}`, at)
  const { root, path } = parser
  if (parser.rootKind === UNKNOWN_ROOT) {
    const suggestion = suggestRootField(root)
    fail(
      `Unknown field '${root}' at position ${at}` + (suggestion ? ` (did you mean '${suggestion}'?)` : ''),
      at
    )
  }
  if (path.length > 0 && parser.rootKind === VALUE_ROOT) {
    fail(`Field '${root}' at position ${at} is a single value: it has no '.${path[0]}' below it`, at)
  }
  parser.next()
  return { root, path }
}

function parseFunction(parser: Parser, negated: boolean): TextNode {
  const name = parser.kind === CONTAINS ? 'contains' : 'match'
  parser.next()
  if (parser.kind !== OPEN) {
    fail(`Expected '(' after '${name}' at position ${parser.start} but found ${quote(parser)}`, parser.start)
  }
  parser.next()
  const field = parseField(parser)
  if (parser.kind !== COMMA) {
    fail(
      `Expected ',' after the field of ${name}() at position ${parser.start} but found ${quote(parser)}`,
      parser.start
    )
  }
  parser.next()
  const at = parser.start
  if (parser.kind !== STRING) {
    fail(
      `Expected a string as the second argument of ${name}() at position ${at} but found ${quote(parser)}`,
      at
    )
  }
  const argument = parser.stringValue
  parser.next()
  if (parser.kind !== CLOSE) {
    fail(
      `Expected ')' to close ${name}() at position ${parser.start} but found ${quote(parser)}`,
      parser.start
    )
  }
  parser.next()
  return conditionParsed(parser, textNode(name, negated, field, argument, at), at)
}

function textNode(
  name: 'contains' | 'match',
  negated: boolean,
  field: FieldPath,
  pattern: string,
  at: number
): TextNode {
  if (name === 'contains') return { kind: 'text', test: 'contains', negated, field, value: pattern }
  // The FQL convention: "v*" starts with v, "*v" ends with v; a trailing '*' wins.
  if (pattern.endsWith('*'))
    return { kind: 'text', test: 'startsWith', negated, field, value: pattern.slice(0, -1) }
  if (pattern.startsWith('*'))
    return { kind: 'text', test: 'endsWith', negated, field, value: pattern.slice(1) }
  return fail(
    `match() at position ${at} needs a pattern ending with '*' (starts with) or starting with '*' (ends with)`,
    at
  )
}

/**
 * Every condition ends here: no parentheses inside it, and where its value was written
 * (`valueAt`, -1 for a list).
 */
function conditionParsed<T extends ConditionNode>(parser: Parser, node: T, valueAt: number): T {
  parser.levels = 0
  parser.addedAt = -1
  if (parser.values !== undefined && valueAt >= 0 && node.kind !== 'in')
    parser.values.push({ node: node as ComparisonNode | TextNode, position: valueAt })
  return node
}

function parseCondition(parser: Parser): TriggerNode {
  const fieldStart = parser.start
  const fieldEnd = parser.end
  const field = parseField(parser)
  if (parser.kind === IN) {
    const at = parser.start
    parser.next()
    return conditionParsed(parser, { kind: 'in', field, values: parseList(parser, at) }, -1)
  }
  const op = comparisonOperator(parser.kind)
  const operatorAt = parser.start
  if (op === undefined) {
    return fail(
      `Expected an operator (=, !=, <, <=, >, >= or in) after '${parser.text.slice(fieldStart, fieldEnd)}' at position ${operatorAt} but found ${quote(parser)}`,
      operatorAt
    )
  }
  parser.next()
  const valueAt = parser.start
  let value: TriggerValue
  switch (parser.kind) {
    case STRING:
      value = parser.stringValue
      break
    case NUMBER:
      value = parser.numberValue
      break
    case TRUE:
      value = true
      break
    case FALSE:
      value = false
      break
    case NULL:
      value = null
      break
    default:
      // The position of the operator: the value is missing after it.
      return fail(
        `Expected a value after '${op}' at position ${operatorAt} but found ${quote(parser)}`,
        operatorAt
      )
  }
  if (op !== '=' && op !== '!=' && parser.kind !== NUMBER) {
    fail(`Expected a number after '${op}' at position ${valueAt} but found ${quote(parser)}`, valueAt)
  }
  parser.next()
  return conditionParsed(parser, { kind: 'compare', field, operator: op, value }, valueAt)
}

function comparisonOperator(kind: number): ComparisonOperator | undefined {
  switch (kind) {
    case EQ:
      return '='
    case NE:
      return '!='
    case LT:
      return '<'
    case LE:
      return '<='
    case GT:
      return '>'
    case GE:
      return '>='
  }
  return undefined
}

function parseList(parser: Parser, inAt: number): Array<string | number> {
  if (parser.kind !== OPEN_LIST) {
    fail(`Expected '[' after 'in' at position ${parser.start} but found ${quote(parser)}`, parser.start)
  }
  parser.next()
  const values: Array<string | number> = []
  for (;;) {
    if (parser.kind === STRING) values.push(parser.stringValue)
    else if (parser.kind === NUMBER) values.push(parser.numberValue)
    else if (parser.kind === CLOSE_LIST && values.length === 0) {
      fail(`Expected at least one value in the list after 'in' at position ${inAt}`, inAt)
    } else {
      fail(
        `Expected a string or a number in the list at position ${parser.start} but found ${quote(parser)}`,
        parser.start
      )
    }
    parser.next()
    if (parser.kind === CLOSE_LIST) {
      parser.next()
      return values
    }
    if (parser.kind !== COMMA) {
      fail(
        `Expected ',' or ']' in the list at position ${parser.start} but found ${quote(parser)}`,
        parser.start
      )
    }
    parser.next()
  }
}
