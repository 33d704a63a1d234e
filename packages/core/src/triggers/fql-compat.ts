/**
 * The subscription format of the public Destination Actions runtime
 * (`parseFql` / `validate` of `@segment/destination-subscriptions`): the same
 * tree shape, produced by destkit's parser and evaluated by destkit's compiler.
 *
 * What the peer format cannot say, destkit writes with small extensions that
 * the peer would ignore: a `not` group, the condition types `anonymousId`,
 * `messageId`, `channel`, `receivedAt`, `timestamp` and `event-integration`, and
 * a `path` array beside `name` when a key contains `.`, `[` or `]`.
 * `f in [a, b]` becomes an `or` group of equalities.
 */
import type { ConditionNode, FieldPath, TriggerNode, TriggerPredicate } from './ast.js'
import { allOf, anyOf, compileTree, negate, neverThrows } from './compile.js'
import { parseTriggerTree } from './parse.js'
import { TriggerError } from './trigger-error.js'

/** Operators of the peer format. */
export type FqlOperator =
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'number_equals'
  | 'number_not_equals'
  | 'contains'
  | 'not_contains'
  | 'starts_with'
  | 'not_starts_with'
  | 'ends_with'
  | 'not_ends_with'
  | 'exists'
  | 'not_exists'
  | 'is_true'
  | 'is_false'

/** `and` / `or` groups as in the peer format; `not` (one child) is a destkit extension. */
export interface FqlGroupCondition {
  type: 'group'
  operator: 'and' | 'or' | 'not'
  children: FqlCondition[]
}

/** A condition on a top-level field. */
export interface FqlFieldCondition {
  type:
    | 'event-type'
    | 'event'
    | 'name'
    | 'userId'
    | 'anonymousId'
    | 'messageId'
    | 'channel'
    | 'receivedAt'
    | 'timestamp'
  operator: FqlOperator
  value?: string | number | boolean
}

/** A condition on a key below `properties`, `traits`, `context` or `integrations`. */
export interface FqlPropertyCondition {
  type: 'event-property' | 'event-trait' | 'event-context' | 'event-integration'
  /** The dot-separated key path, as the peer writes it. */
  name: string
  /** The exact keys, when `name` cannot say them (a key containing `.`, `[` or `]`, or no key at all). */
  path?: string[]
  operator: FqlOperator
  value?: string | number | boolean
}

/** Any condition of the peer format. */
export type FqlCondition = FqlGroupCondition | FqlFieldCondition | FqlPropertyCondition

/** What `parseFql` returns: a group, or the parse error. */
export type FqlSubscription = FqlGroupCondition | { error: TriggerError }

const FIELD_TYPES: Readonly<Record<string, FqlCondition['type']>> = {
  type: 'event-type',
  event: 'event',
  name: 'name',
  userId: 'userId',
  anonymousId: 'anonymousId',
  messageId: 'messageId',
  channel: 'channel',
  receivedAt: 'receivedAt',
  timestamp: 'timestamp',
  properties: 'event-property',
  traits: 'event-trait',
  context: 'event-context',
  integrations: 'event-integration'
}
const ROOTS_BY_TYPE: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(FIELD_TYPES).map(([root, type]) => [type, root])
)
const OBJECT_TYPES = new Set(['event-property', 'event-trait', 'event-context', 'event-integration'])

/**
 * Parses trigger text into the peer's subscription tree (always a group at the top).
 *
 * @example
 * parseFql('type = "track" and event = "Order Completed"')
 * // { type: 'group', operator: 'and', children: [
 * //   { type: 'event-type', operator: '=', value: 'track' }, { type: 'event', operator: '=', value: 'Order Completed' }] }
 * parseFql('type = ').error.message // "Expected a value after '=' at position 5 …"
 */
export function parseFql(text: string): FqlSubscription {
  let ast: TriggerNode
  try {
    ast = parseTriggerTree(text)
  } catch (error) {
    return { error: error instanceof TriggerError ? error : new TriggerError(String(error), 0) }
  }
  return toFqlSubscription(ast)
}

/**
 * The peer-format tree of a destkit trigger tree.
 *
 * @example
 * toFqlSubscription(parseTrigger('properties.total > 100').ast!)
 * // { type: 'group', operator: 'and', children: [{ type: 'event-property', name: 'total', operator: '>', value: 100 }] }
 */
export function toFqlSubscription(ast: TriggerNode): FqlGroupCondition {
  const top = toFql(ast)
  if (top.type === 'group' && top.operator !== 'not') return top
  return { type: 'group', operator: 'and', children: [top] }
}

function toFql(node: TriggerNode): FqlCondition {
  switch (node.kind) {
    case 'and':
    case 'or':
      return { type: 'group', operator: node.kind, children: node.children.map(toFql) }
    case 'not':
      return { type: 'group', operator: 'not', children: [toFql(node.child)] }
    case 'in':
      return {
        type: 'group',
        operator: 'or',
        children: node.values.map((value) =>
          fqlCondition(node.field, typeof value === 'number' ? 'number_equals' : '=', value)
        )
      }
    case 'text': {
      const operator = TEXT_OPERATORS[node.test]
      return fqlCondition(
        node.field,
        node.negated ? (`not_${operator}` as FqlOperator) : operator,
        node.value
      )
    }
    case 'compare': {
      const { field, operator, value } = node
      if (value === null) return fqlCondition(field, operator === '=' ? 'not_exists' : 'exists')
      if (typeof value === 'boolean') {
        const test = fqlCondition(field, value ? 'is_true' : 'is_false')
        return operator === '=' ? test : { type: 'group', operator: 'not', children: [test] }
      }
      if (typeof value === 'number' && (operator === '=' || operator === '!=')) {
        return fqlCondition(field, operator === '=' ? 'number_equals' : 'number_not_equals', value)
      }
      return fqlCondition(field, operator, value)
    }
  }
}

const TEXT_OPERATORS = { contains: 'contains', startsWith: 'starts_with', endsWith: 'ends_with' } as const

function fqlCondition(field: FieldPath, operator: FqlOperator, value?: string | number): FqlCondition {
  const type = FIELD_TYPES[field.root]
  const condition: Record<string, unknown> = { type }
  if (OBJECT_TYPES.has(type)) {
    condition.name = field.path.join('.')
    if (field.path.length === 0 || field.path.some((key) => /[.[\]]/.test(key)))
      condition.path = [...field.path]
  }
  condition.operator = operator
  if (value !== undefined) condition.value = value
  return condition as unknown as FqlCondition
}

const compiled = new WeakMap<object, TriggerPredicate>()

/**
 * Whether an event matches a peer-format subscription tree (from `parseFql`, or
 * stored by the peer runtime). The tree is compiled once and cached; do not
 * mutate it afterwards. Unknown condition types and operators never match, as in the peer; an
 * event whose reading throws (a getter, a Proxy trap) matches nothing.
 *
 * @example
 * const ast = parseFql('type = "track" and properties.total > 100')
 * validate(ast, { type: 'track', properties: { total: 141.48 } }) // true
 */
export function validate(ast: FqlSubscription | FqlCondition, event: unknown): boolean {
  if (ast === null || typeof ast !== 'object' || 'error' in ast || event === undefined) return false
  let predicate = compiled.get(ast)
  if (predicate === undefined) {
    predicate = neverThrows(compileFql(ast))
    compiled.set(ast, predicate)
  }
  return predicate(event)
}

const never: TriggerPredicate = () => false

function compileFql(node: FqlCondition): TriggerPredicate {
  if (node === null || typeof node !== 'object') return never
  if (node.type === 'group') {
    if (!Array.isArray(node.children)) return never
    const children = node.children.map(compileFql)
    if (node.operator === 'and') return allOf(children)
    if (node.operator === 'or') return anyOf(children)
    if (node.operator === 'not') return negate(allOf(children))
    return never
  }
  const condition = toConditionNode(node)
  return condition === undefined ? never : compileTree(condition)
}

function toConditionNode(node: FqlFieldCondition | FqlPropertyCondition): ConditionNode | undefined {
  const root = Object.hasOwn(ROOTS_BY_TYPE, node.type) ? ROOTS_BY_TYPE[node.type] : undefined
  if (root === undefined) return undefined
  // The peer reads `a.b[0].c` as the keys a, b, 0, c.
  const path = OBJECT_TYPES.has(node.type)
    ? ((node as FqlPropertyCondition).path ??
      String((node as FqlPropertyCondition).name ?? '').match(/[^.[\]]+/g) ??
      [])
    : []
  const field = { root, path }
  const { value } = node
  switch (node.operator) {
    case '=':
    case '!=':
      return { kind: 'compare', field, operator: node.operator, value: String(value) }
    case 'number_equals':
      return { kind: 'compare', field, operator: '=', value: Number(value) }
    case 'number_not_equals':
      return { kind: 'compare', field, operator: '!=', value: Number(value) }
    case '<':
    case '<=':
    case '>':
    case '>=':
      return { kind: 'compare', field, operator: node.operator, value: Number(value) }
    case 'exists':
      return { kind: 'compare', field, operator: '!=', value: null }
    case 'not_exists':
      return { kind: 'compare', field, operator: '=', value: null }
    case 'is_true':
      return { kind: 'compare', field, operator: '=', value: true }
    case 'is_false':
      return { kind: 'compare', field, operator: '=', value: false }
  }
  const text = Object.hasOwn(TEXT_TESTS, node.operator) ? TEXT_TESTS[node.operator] : undefined
  return text === undefined ? undefined : { kind: 'text', field, value: String(value), ...text }
}

const TEXT_TESTS: Partial<
  Record<string, { test: 'contains' | 'startsWith' | 'endsWith'; negated: boolean }>
> = {
  contains: { test: 'contains', negated: false },
  not_contains: { test: 'contains', negated: true },
  starts_with: { test: 'startsWith', negated: false },
  not_starts_with: { test: 'startsWith', negated: true },
  ends_with: { test: 'endsWith', negated: false },
  not_ends_with: { test: 'endsWith', negated: true }
}
