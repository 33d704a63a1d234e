/**
 * Compiles a trigger to a tree of closures, once. Evaluating it reads the event
 * and compares; it parses nothing, splits no paths and allocates nothing.
 *
 * Semantics (see spec/triggers.md):
 * - `f = "v"` is string equality; `f != "v"` is its opposite, so true when f is missing.
 * - `f = 5` is true only when f is the number 5; `f != 5` only when f is another number.
 * - `< <= > >=` compare numbers, and strings written as decimal numbers ("12.50", "-3", "1e3").
 * - `f = null` is true when f is missing or null; `f != null` when it has any other value.
 * - `f = true` / `f = false` are true only for that boolean; `!=` with a boolean is the opposite.
 * - `contains`/`match` test strings only; `!contains`/`!match` are true only for strings that fail
 *   the test (as in the peer runtime) — write `!(contains(f, "v"))` to count a missing f too.
 * - Fields are read from own properties only: `__proto__`, `constructor` and the like never reach a prototype.
 * - The answer is always a boolean: when reading the event throws (a getter, a Proxy trap), it is false.
 *
 * Speed, all decided here and not per event: nested `and`s (and `or`s) are flattened; equalities on
 * one field inside an `or` become one membership test; root fields are read by a reader of their own
 * (`root-readers.ts`) that the engine can turn into a direct load; keys and string values are
 * canonical engine strings, so lookups and comparisons do not scan characters.
 */
import type {
  AndNode,
  ConditionNode,
  FieldPath,
  InNode,
  OrNode,
  TriggerNode,
  TriggerPredicate
} from './ast.js'
import { isTriggerRootField, TRIGGER_ROOT_FIELDS } from './fields.js'
import { ownProperty } from './own-property.js'
import { parseTriggerTree } from './parse.js'
import { type FieldReader, ROOT_READERS } from './root-readers.js'
import { TriggerError } from './trigger-error.js'

/**
 * Compiles trigger text or a parsed tree to a predicate over events.
 *
 * @throws TriggerError (code `INVALID_TRIGGER`, status 400, not retryable) with the position of bad text.
 * @example
 * const matches = compileTrigger('type = "track" and properties.total > 100')
 * matches({ type: 'track', properties: { total: 141.48 } }) // true
 * matches({ type: 'identify' }) // false
 */
export function compileTrigger(trigger: string | TriggerNode): TriggerPredicate {
  const ast = typeof trigger === 'string' ? parseTriggerTree(trigger) : trigger
  return neverThrows(compileTree(ast))
}

/**
 * The predicate of a tree, without `compileTrigger`'s guard: for callers that
 * combine predicates and guard the combination once (`validate`).
 *
 * @throws TriggerError for a node that is not part of a trigger tree.
 */
export function compileTree(ast: TriggerNode): TriggerPredicate {
  return compileNode(ast)
}

/**
 * A predicate that answers false where `predicate` throws: reading an event
 * can run its code (a getter, a Proxy trap), and a trigger always answers with
 * a boolean. Only the outermost predicate has a try/catch, so evaluation pays
 * for it once, and a throw inside `!( … )` does not turn into true.
 *
 * @example
 * neverThrows(compileTree(ast))({ get type() { throw new Error('no') } }) // false
 */
export function neverThrows(predicate: TriggerPredicate): TriggerPredicate {
  return (event) => {
    try {
      return predicate(event)
    } catch {
      return false
    }
  }
}

function compileNode(node: TriggerNode): TriggerPredicate {
  if (node === null || typeof node !== 'object') throw invalidTree(`expected a node, found ${String(node)}`)
  switch (node.kind) {
    case 'and':
      return allOf(flatten(node).map(compileNode))
    case 'or':
      return anyOf(mergeEqualities(flatten(node)).map(compileNode))
    case 'not':
      return negate(compileNode(node.child))
    case 'compare':
    case 'text':
    case 'in':
      return compileCondition(node)
  }
  throw invalidTree(`unknown node kind '${String((node as { kind?: unknown }).kind)}'`)
}

/** `a and (b and c)` evaluates like `a and b and c`: one level of calls less. */
function flatten(node: AndNode | OrNode): TriggerNode[] {
  if (!Array.isArray(node.children)) throw invalidTree(`an '${node.kind}' node needs a children array`)
  return node.children.flatMap((child) =>
    child !== null && typeof child === 'object' && child.kind === node.kind ? flatten(child) : [child]
  )
}

/**
 * Inside an `or`, equalities on one field become one membership test, so
 * `event = "A" or event = "B"` reads the event name once.
 */
function mergeEqualities(children: TriggerNode[]): TriggerNode[] {
  const merged: TriggerNode[] = []
  const byField = new Map<string, InNode>()
  for (const child of children) {
    const values = equalityValues(child)
    if (values === undefined) {
      merged.push(child)
      continue
    }
    const field = (child as InNode).field
    const key = JSON.stringify([field.root, field.path])
    const existing = byField.get(key)
    if (existing) for (const value of values) existing.values.push(value)
    else {
      const node: InNode = { kind: 'in', field, values: [...values] }
      byField.set(key, node)
      merged.push(node)
    }
  }
  return merged
}

/** The values of `f = "v"` / `f = 5` / `f in [...]`; undefined for any other node. */
function equalityValues(node: TriggerNode): Array<string | number> | undefined {
  if (node === null || typeof node !== 'object') return undefined
  if (node.kind !== 'in' && node.kind !== 'compare') return undefined
  if (node.field === null || typeof node.field !== 'object') return undefined
  if (node.kind === 'in') return Array.isArray(node.values) ? node.values : undefined
  const { operator, value } = node
  return operator === '=' && (typeof value === 'string' || typeof value === 'number') ? [value] : undefined
}

function invalidTree(detail: string): TriggerError {
  return new TriggerError(`Invalid trigger tree: ${detail}`)
}

/**
 * True when every predicate is (true for none).
 *
 * @example
 * allOf([isTrack, isBig])({ type: 'track', properties: { total: 500 } }) // true
 */
export function allOf(predicates: TriggerPredicate[]): TriggerPredicate {
  const [a, b, c] = predicates
  switch (predicates.length) {
    case 0:
      return () => true
    case 1:
      return a
    case 2:
      return (event) => a(event) && b(event)
    case 3:
      return (event) => a(event) && b(event) && c(event)
  }
  const count = predicates.length
  return (event) => {
    for (let i = 0; i < count; i++) if (!predicates[i](event)) return false
    return true
  }
}

/**
 * True when any predicate is (false for none).
 *
 * @example
 * anyOf([isTrack, isPage])({ type: 'page' }) // true
 */
export function anyOf(predicates: TriggerPredicate[]): TriggerPredicate {
  const [a, b, c] = predicates
  switch (predicates.length) {
    case 0:
      return () => false
    case 1:
      return a
    case 2:
      return (event) => a(event) || b(event)
    case 3:
      return (event) => a(event) || b(event) || c(event)
  }
  const count = predicates.length
  return (event) => {
    for (let i = 0; i < count; i++) if (predicates[i](event)) return true
    return false
  }
}

/**
 * The opposite of a predicate.
 *
 * @example
 * negate(isTrack)({ type: 'page' }) // true
 */
export function negate(predicate: TriggerPredicate): TriggerPredicate {
  return (event) => !predicate(event)
}

/**
 * A reader for one field. The keys are checked and fixed here: the root is read
 * by its own reader (`root-readers.ts`), and short paths below it get their own
 * unrolled reader, so that evaluation only indexes.
 */
function compileReader(field: FieldPath): FieldReader {
  if (
    field === null ||
    typeof field !== 'object' ||
    !isTriggerRootField(field.root) ||
    !Array.isArray(field.path)
  ) {
    throw invalidTree(`unknown field ${JSON.stringify(field)}`)
  }
  if (field.path.length > 0 && TRIGGER_ROOT_FIELDS[field.root].kind === 'value') {
    throw invalidTree(`field '${field.root}' has no keys below it`)
  }
  const { root: name } = field
  // Every root field has a reader; the generic read only covers a root added without one.
  const root = Object.hasOwn(ROOT_READERS, name)
    ? ROOT_READERS[name]
    : (event: unknown) => ownProperty(event, name)
  const keys = field.path.map(String).map(internalize)
  const [a, b, c] = keys
  switch (keys.length) {
    case 0:
      return root
    case 1:
      return (event) => ownProperty(root(event), a)
    case 2:
      return (event) => ownProperty(ownProperty(root(event), a), b)
    case 3:
      return (event) => ownProperty(ownProperty(ownProperty(root(event), a), b), c)
  }
  const count = keys.length
  return (event) => {
    let value = root(event)
    for (let i = 0; i < count && value !== undefined; i++) value = ownProperty(value, keys[i])
    return value
  }
}

/**
 * The engine's canonical copy of a string. Keys and values sliced from trigger
 * text are fresh strings; canonical ones make property lookups and
 * comparisons with event strings pointer checks instead of character scans.
 */
function internalize(text: string): string {
  return Object.keys({ [text]: true })[0]
}

/** Decimal notation only: no hex, no blanks, no "Infinity". */
const NUMERIC_STRING = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/

/** A number, or a string holding one; NaN otherwise (every comparison with NaN is false). */
function asNumber(value: unknown): number {
  if (typeof value === 'number') return value
  if (typeof value === 'string' && NUMERIC_STRING.test(value)) return Number(value)
  return NaN
}

function compileCondition(node: ConditionNode): TriggerPredicate {
  const read = compileReader(node.field)
  if (node.kind === 'in') {
    if (!Array.isArray(node.values)) throw invalidTree(`an 'in' node needs a values array`)
    return compileOneOf(read, node.values)
  }
  if (node.kind === 'text') return compileTextTest(node.test, node.negated, String(node.value), read)
  const { operator, value } = node
  if (value === null) {
    if (operator === '=') return (event) => read(event) == null
    if (operator === '!=') return (event) => read(event) != null
  } else if (typeof value === 'string' || typeof value === 'boolean') {
    const expected = typeof value === 'string' ? internalize(value) : value
    if (operator === '=') return (event) => read(event) === expected
    if (operator === '!=') return (event) => read(event) !== expected
  } else if (typeof value === 'number') {
    switch (operator) {
      case '=':
        return (event) => read(event) === value
      case '!=':
        return (event) => {
          const v = read(event)
          return typeof v === 'number' && v !== value
        }
      case '<':
        return (event) => asNumber(read(event)) < value
      case '<=':
        return (event) => asNumber(read(event)) <= value
      case '>':
        return (event) => asNumber(read(event)) > value
      case '>=':
        return (event) => asNumber(read(event)) >= value
    }
  }
  throw invalidTree(`operator '${String(operator)}' cannot compare with ${JSON.stringify(value)}`)
}

function compileTextTest(test: string, negated: boolean, text: string, read: FieldReader): TriggerPredicate {
  switch (test) {
    case 'contains':
      return negated
        ? (event) => {
            const v = read(event)
            return typeof v === 'string' && !v.includes(text)
          }
        : (event) => {
            const v = read(event)
            return typeof v === 'string' && v.includes(text)
          }
    case 'startsWith':
      return negated
        ? (event) => {
            const v = read(event)
            return typeof v === 'string' && !v.startsWith(text)
          }
        : (event) => {
            const v = read(event)
            return typeof v === 'string' && v.startsWith(text)
          }
    case 'endsWith':
      return negated
        ? (event) => {
            const v = read(event)
            return typeof v === 'string' && !v.endsWith(text)
          }
        : (event) => {
            const v = read(event)
            return typeof v === 'string' && v.endsWith(text)
          }
  }
  throw invalidTree(`unknown text test '${test}'`)
}

/** Equal (`===`) to one of the values: a loop for a few, a set for many. */
function compileOneOf(read: FieldReader, values: ReadonlyArray<string | number>): TriggerPredicate {
  const list = values.map((v) => (typeof v === 'string' ? internalize(v) : v))
  const count = list.length
  if (count === 1) {
    const [only] = list
    return (event) => read(event) === only
  }
  if (count === 2) {
    const [a, b] = list
    return (event) => {
      const v = read(event)
      return v === a || v === b
    }
  }
  if (count <= 8) {
    return (event) => {
      const v = read(event)
      for (let i = 0; i < count; i++) if (v === list[i]) return true
      return false
    }
  }
  // NaN never equals anything, and a set would find it.
  const set = new Set(list.filter((v) => v === v))
  return (event) => {
    const v = read(event)
    return (typeof v === 'string' || typeof v === 'number') && set.has(v)
  }
}
