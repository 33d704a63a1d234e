/**
 * Canonical trigger text: double-quoted strings, single spaces, parentheses
 * around every nested group and nothing else. `parseTrigger(formatTrigger(ast))`
 * gives back `ast`; for every tree `parseTrigger` returned, that text is within
 * the parse limits too (they do not count what formatting adds).
 */
import type { FieldPath, TriggerNode, TriggerValue } from './ast.js'
import { PLAIN_KEY } from './fields.js'

/**
 * The canonical text of a trigger tree.
 *
 * @example
 * formatTrigger(parseTrigger("type='track' and (event='A' or event='B')").ast!)
 * // 'type = "track" and (event = "A" or event = "B")'
 */
export function formatTrigger(node: TriggerNode): string {
  switch (node.kind) {
    case 'and':
    case 'or':
      return node.children.map(formatOperand).join(` ${node.kind} `)
    case 'not':
      return `!(${formatTrigger(node.child)})`
    case 'compare':
      return `${formatField(node.field)} ${node.operator} ${formatValue(node.value)}`
    case 'in':
      return `${formatField(node.field)} in [${node.values.map(formatValue).join(', ')}]`
    case 'text': {
      const bang = node.negated ? '!' : ''
      if (node.test === 'contains')
        return `${bang}contains(${formatField(node.field)}, ${formatString(node.value)})`
      const pattern = node.test === 'startsWith' ? `${node.value}*` : `*${node.value}`
      return `${bang}match(${formatField(node.field)}, ${formatString(pattern)})`
    }
  }
}

/** Groups inside groups keep their parentheses, so the tree survives a round trip. */
function formatOperand(node: TriggerNode): string {
  return node.kind === 'and' || node.kind === 'or' ? `(${formatTrigger(node)})` : formatTrigger(node)
}

/**
 * A field path as written in a trigger: plain keys as they are, others in backticks.
 *
 * @example
 * formatField({ root: 'properties', path: ['key with spaces'] }) // 'properties.`key with spaces`'
 */
export function formatField(field: FieldPath): string {
  let text = field.root
  for (const key of field.path)
    text += '.' + (PLAIN_KEY.test(key) ? key : '`' + key.replace(/[`\\]/g, '\\$&') + '`')
  return text
}

/**
 * A literal as written in a trigger.
 *
 * @example
 * formatValue('say "hi"') // '"say \\"hi\\""'
 * formatValue(-0) // '-0'
 */
export function formatValue(value: TriggerValue): string {
  if (typeof value === 'string') return formatString(value)
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value)
  return String(value)
}

// Control characters are written as \uXXXX so the canonical text stays on one line.
// eslint-disable-next-line no-control-regex
const CONTROL_OR_QUOTE = /["\\\u0000-\u001f\u007f]/g
const NAMED_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t'
}

function formatString(value: string): string {
  const escaped = value.replace(
    CONTROL_OR_QUOTE,
    (char) => NAMED_ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
  )
  return `"${escaped}"`
}
