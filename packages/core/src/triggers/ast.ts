/**
 * The syntax tree of a trigger. Plain data: it can be stored as JSON, compared
 * with `toEqual`, turned back into text with `formatTrigger` and compiled with
 * `compileTrigger`. Positions are deliberately absent so that formatting and
 * re-parsing gives an identical tree.
 */

/** A field the trigger reads: a root (`type`, `properties`…) and the keys below it. */
export interface FieldPath {
  /** One of the root fields of `fields.ts` (`type`, `event`, `properties`, `context`…). */
  root: string
  /** Keys below the root (`['page', 'url']` for `context.page.url`); empty for top-level fields. */
  path: string[]
}

/** A literal value written in a comparison. */
export type TriggerValue = string | number | boolean | null

/** Comparison operators. Which test they make depends on the value's type (see `compile.ts`). */
export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>='

/** `field op value`: `type = "track"`, `properties.total > 100`, `userId != null`. */
export interface ComparisonNode {
  kind: 'compare'
  field: FieldPath
  operator: ComparisonOperator
  value: TriggerValue
}

/** The text tests of `contains()` and `match()`. */
export type TextTest = 'contains' | 'startsWith' | 'endsWith'

/** `contains(f, "v")`, `match(f, "v*")`, `match(f, "*v")`, each optionally negated with `!`. */
export interface TextNode {
  kind: 'text'
  test: TextTest
  /** `!contains(…)` / `!match(…)`: true only for strings that fail the test. */
  negated: boolean
  field: FieldPath
  value: string
}

/** `f in ["a", "b", 3]`: equals any of the values. */
export interface InNode {
  kind: 'in'
  field: FieldPath
  values: Array<string | number>
}

/** `a and b and c` (at least two children). */
export interface AndNode {
  kind: 'and'
  children: TriggerNode[]
}

/** `a or b or c` (at least two children). */
export interface OrNode {
  kind: 'or'
  children: TriggerNode[]
}

/** `!( … )`. */
export interface NotNode {
  kind: 'not'
  child: TriggerNode
}

/** A single condition: one field tested against a value. */
export type ConditionNode = ComparisonNode | TextNode | InNode

/** Any node of a trigger's tree. */
export type TriggerNode = ConditionNode | AndNode | OrNode | NotNode

/** A compiled trigger: true when the event should be delivered. */
export type TriggerPredicate = (event: unknown) => boolean
