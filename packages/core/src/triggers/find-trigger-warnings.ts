/**
 * Things that parse but probably do not mean what their author thinks —
 * `destkit validate` prints them; they never stop a trigger from working.
 * Several are about the peer runtime (`@segment/destination-subscriptions`),
 * where the same text means something else.
 */
import type { ComparisonNode, TextNode } from './ast.js'
import { formatField, formatTrigger, formatValue } from './format.js'
import { parseTriggerOrThrow } from './parse.js'
import { tokenize, type Token } from './tokenize.js'
import { TRIGGER_ROOT_FIELDS } from './fields.js'

/** A warning about trigger text, with the position it refers to. */
export interface TriggerWarning {
  message: string
  position: number
}

const EVENT_TYPES = ['track', 'identify', 'page', 'screen', 'group', 'alias']

/** The peer runtime, as warnings name it. */
const PEER = 'the peer runtime (@segment/destination-subscriptions)'

/** Root fields whose values are text in every event: the single-value ones. */
const TEXT_ROOTS: ReadonlySet<string> = new Set(
  Object.entries(TRIGGER_ROOT_FIELDS)
    .filter(([, field]) => field.kind === 'value')
    .map(([name]) => name)
)

/**
 * Warnings for trigger text; empty when it reads clearly (or does not parse —
 * `parseTrigger` reports that). Sorted by position, which is where the
 * `and`, the value or the escape in question starts.
 *
 * @example
 * findTriggerWarnings('type = "track" or type = "page" and event = "A"')[0].message
 * // "Mixes 'and' and 'or' without parentheses at position 32: 'and' binds tighter, so this means
 * //  type = \"track\" or (type = \"page\" and event = \"A\"). Add parentheses to say so."
 * findTriggerWarnings('userId = 12345')[0].position // 9
 */
export function findTriggerWarnings(text: string): TriggerWarning[] {
  let parsed: ReturnType<typeof parseTriggerOrThrow>
  try {
    parsed = parseTriggerOrThrow(text, true)
  } catch {
    return []
  }
  const warnings: TriggerWarning[] = parsed.mixed.map(({ position, node }) => ({
    message:
      `Mixes 'and' and 'or' without parentheses at position ${position}: 'and' binds tighter, so this means ` +
      `${formatTrigger(node)}. Add parentheses to say so (other FQL implementations group it differently).`,
    position
  }))
  for (const { node, position } of parsed.values) {
    const message = node.kind === 'compare' ? comparisonWarning(node) : textWarning(node)
    if (message !== undefined) warnings.push({ message, position })
  }
  for (const token of tokenize(text)) {
    const warning = escapeWarning(token)
    if (warning !== undefined) warnings.push(warning)
  }
  return warnings.sort((a, b) => a.position - b.position)
}

function comparisonWarning(node: ComparisonNode): string | undefined {
  const { field, operator, value } = node
  if (field.root === 'type' && typeof value === 'string' && !EVENT_TYPES.includes(value)) {
    const lower = value.toLowerCase()
    const hint = EVENT_TYPES.includes(lower) ? ` (did you mean "${lower}"?)` : ''
    return `"${value}" is not an event type, so type ${operator} "${value}" is ${operator === '=' ? 'never' : 'always'} true${hint}`
  }
  if (field.path.length === 0 && TEXT_ROOTS.has(field.root) && typeof value !== 'string')
    return literalOnTextWarning(node)
  return undefined
}

function textWarning(node: TextNode): string | undefined {
  if (node.test === 'startsWith' && node.value.startsWith('*'))
    return `match() with '*' at both ends tests for text starting with "${node.value}"; use contains() to find text anywhere`
  return undefined
}

/**
 * `userId = 12345`, `event != null`, `name = true`: a number, boolean or null
 * compared with a field that holds text. destkit takes the literal's type at
 * its word (spec/triggers.md); the peer compares the literal's text for most of
 * these fields, so the same trigger answers differently there.
 */
function literalOnTextWarning({ field, operator, value }: ComparisonNode): string | undefined {
  if (operator !== '=' && operator !== '!=') return undefined
  const name = formatField(field)
  const written = `${name} ${operator} ${formatValue(value)}`
  const text = String(value)
  const quoted = `${name} ${operator} ${formatValue(text)}`
  if (value === null) {
    // The peer tests existence for name and userId too, and does not read the other fields at all.
    if (field.root !== 'type' && field.root !== 'event') return undefined
    return (
      `${written} tests whether ${name} ${operator === '=' ? 'is missing' : 'exists'}, but ${PEER} compares ${name} with the text "null" ` +
      `(true ${operator === '=' ? 'only when it is' : 'unless it is'} "null"), so the trigger means something different there; ` +
      `${quoted} is what it means there`
    )
  }
  const kind = typeof value === 'number' ? 'number' : 'boolean'
  const meaning =
    operator === '='
      ? `is true only when ${name} is the ${kind} ${text}, and ${name} is text in events, so it never matches "${text}"`
      : kind === 'number'
        ? `is true only when ${name} is a number other than ${text}, and ${name} is text in events, so it is never true`
        : `is true unless ${name} is the boolean ${text}, so also when ${name} is the text "${text}"`
  // The peer reads userId = true as "is true", like destkit, and ignores fields it does not know.
  const peerReadsText =
    field.root === 'type' ||
    field.root === 'event' ||
    field.root === 'name' ||
    (field.root === 'userId' && (kind === 'number' || operator === '!='))
  const peer = peerReadsText ? `; ${PEER} compares the text "${text}" instead` : ''
  return `${written} ${meaning}${peer}. Write ${quoted} to compare text.`
}

/** What destkit reads for each escape the peer keeps as written (`\"` aside). */
const ESCAPE_MEANINGS: Readonly<Record<string, string>> = {
  n: 'a line feed',
  r: 'a carriage return',
  t: 'a tab',
  '\\': 'one backslash',
  "'": 'a single quote'
}

/**
 * A string with an escape that destkit decodes and the peer reads literally:
 * one warning per string, at its first such escape. `\"` is left alone (it is
 * how a quote is written), and so are backslashes before other characters,
 * which destkit keeps as written like the peer.
 */
function escapeWarning(token: Token): TriggerWarning | undefined {
  if (token.kind !== 'string' || !token.text.includes('\\')) return undefined
  const raw = token.text
  const found: string[] = []
  let first = -1
  for (let i = 1; i < raw.length - 1; i++) {
    if (raw[i] !== '\\') continue
    const next = raw[i + 1]
    const escape = next === 'u' ? raw.slice(i, i + 6) : raw.slice(i, i + 2)
    const meaning =
      next === 'u'
        ? `the character U+${escape.slice(2).toUpperCase()}`
        : Object.hasOwn(ESCAPE_MEANINGS, next)
          ? ESCAPE_MEANINGS[next]
          : undefined
    const at = token.start + i
    i += escape.length - 1
    if (meaning === undefined) continue
    if (first < 0) first = at
    found.push(`'${escape}' (${meaning})`)
  }
  if (first < 0) return undefined
  // What the peer reads, when it reads the string whole (a double-quoted one without \").
  const literally =
    raw[0] === '"' && !raw.includes('\\"') ? ` (there ${raw} is the text ${raw.slice(1, -1)})` : ''
  const others = found.length > 1 ? `; this string has ${found.length} such escapes: ${found.join(', ')}` : ''
  return {
    message:
      `Escape ${found[0]} at position ${first}: ${PEER} reads backslashes in strings literally${literally}, ` +
      `so the trigger means something different there${others}`,
    position: first
  }
}
