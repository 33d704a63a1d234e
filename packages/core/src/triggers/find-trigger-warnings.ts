/**
 * Things that parse but probably do not mean what their author thinks —
 * `destkit validate` prints them; they never stop a trigger from working.
 */
import type { TriggerNode } from './ast.js'
import { formatTrigger } from './format.js'
import { parseTriggerOrThrow } from './parse.js'

/** A warning about trigger text, with the position it refers to. */
export interface TriggerWarning {
  message: string
  position: number
}

const EVENT_TYPES = ['track', 'identify', 'page', 'screen', 'group', 'alias']

/**
 * Warnings for trigger text; empty when it reads clearly (or does not parse —
 * `parseTrigger` reports that).
 *
 * @example
 * findTriggerWarnings('type = "track" or type = "page" and event = "A"')[0].message
 * // "Mixes 'and' and 'or' without parentheses at position 32: 'and' binds tighter, so this means
 * //  type = \"track\" or (type = \"page\" and event = \"A\"). Add parentheses to say so."
 */
export function findTriggerWarnings(text: string): TriggerWarning[] {
  let parsed: ReturnType<typeof parseTriggerOrThrow>
  try {
    parsed = parseTriggerOrThrow(text)
  } catch {
    return []
  }
  const warnings: TriggerWarning[] = parsed.mixed.map(({ position, node }) => ({
    message:
      `Mixes 'and' and 'or' without parentheses at position ${position}: 'and' binds tighter, so this means ` +
      `${formatTrigger(node)}. Add parentheses to say so (other FQL implementations group it differently).`,
    position
  }))
  visit(parsed.ast, (node) => {
    if (node.kind === 'compare' && node.field.root === 'type' && typeof node.value === 'string') {
      if (!EVENT_TYPES.includes(node.value)) {
        const lower = node.value.toLowerCase()
        const hint = EVENT_TYPES.includes(lower) ? ` (did you mean "${lower}"?)` : ''
        warnings.push({
          message: `"${node.value}" is not an event type, so type ${node.operator} "${node.value}" is ${node.operator === '=' ? 'never' : 'always'} true${hint}`,
          position: findValue(text, node.value)
        })
      }
    }
    if (node.kind === 'text' && node.test === 'startsWith' && node.value.startsWith('*')) {
      warnings.push({
        message: `match() with '*' at both ends tests for text starting with "${node.value}"; use contains() to find text anywhere`,
        position: findValue(text, node.value)
      })
    }
  })
  return warnings.sort((a, b) => a.position - b.position)
}

function visit(node: TriggerNode, callback: (node: TriggerNode) => void): void {
  callback(node)
  if (node.kind === 'and' || node.kind === 'or') node.children.forEach((child) => visit(child, callback))
  else if (node.kind === 'not') visit(node.child, callback)
}

/** Best-effort position of a literal (the tree keeps no positions); 0 when not found verbatim. */
function findValue(text: string, value: string): number {
  const at = text.indexOf(value)
  return at < 0 ? 0 : Math.max(0, at - 1)
}
