/**
 * The bounded Liquid engine behind `@liquid`. Templates are parsed once, when a mapping is compiled;
 * rendering one event is limited in time (500 ms, checked between template nodes) and in memory, and the
 * tags that loop or load other templates are refused when the template is parsed.
 */
import { Liquid, type Template } from 'liquidjs'

/** Tags that loop or load files: refused at parse time. */
export const DISABLED_LIQUID_TAGS: readonly string[] = ['for', 'include', 'render', 'layout', 'tablerow']

/**
 * Filters whose cost grows faster than their input (sorting, grouping, searching arrays with
 * expressions). The render limit is only checked between nodes, so one such call on a large value
 * could run far past it. A template that works with the compatible runtime never uses them (it refuses
 * them too).
 */
const DISABLED_LIQUID_FILTERS: readonly string[] = [
  'sort',
  'sort_natural',
  'uniq',
  'group_by',
  'group_by_exp',
  'where_exp',
  'find',
  'find_exp',
  'find_index',
  'find_index_exp',
  'has',
  'has_exp',
  'reject',
  'reject_exp',
  'map',
  'concat',
  'reverse',
  'array_to_sentence_string',
  'newline_to_br',
  'type'
]

/** Thrown by a disabled tag while a template is parsed; carries the tag's name. */
class DisabledTagError extends Error {
  readonly tag: string
  constructor(tag: string) {
    super(`the tag "${tag}" is disabled`)
    this.tag = tag
  }
}

const engine = new Liquid({
  renderLimit: 500,
  parseLimit: 1000,
  // Units are characters or array items allocated by filters over one render.
  memoryLimit: 10_000_000,
  ownPropertyOnly: true
})
for (const tag of DISABLED_LIQUID_TAGS) {
  engine.registerTag(tag, {
    parse() {
      throw new DisabledTagError(tag)
    },
    render() {
      throw new DisabledTagError(tag)
    }
  })
}
for (const filter of DISABLED_LIQUID_FILTERS) {
  engine.registerFilter(filter, () => {
    throw new Error(`the filter "${filter}" is disabled`)
  })
}

/** A parsed template, or the sentence saying why it could not be parsed. */
export type LiquidParseResult = { templates: Template[] } | { problem: string }

/**
 * Parses a Liquid template once. A disabled tag or a syntax error gives a `problem` sentence.
 *
 * @example
 * parseLiquid('{{ properties.total | times: 100 }}') // { templates: [...] }
 * parseLiquid('{% for p in properties.products %}{% endfor %}') // { problem: 'uses the disabled Liquid tag "for"' }
 */
export function parseLiquid(source: string): LiquidParseResult {
  try {
    return { templates: engine.parse(source) }
  } catch (error) {
    const cause = (error as { originalError?: unknown }).originalError
    if (cause instanceof DisabledTagError) return { problem: `uses the disabled Liquid tag "${cause.tag}"` }
    return { problem: `is not a valid Liquid template: ${withoutFinalPeriod((error as Error).message)}` }
  }
}

/**
 * Renders parsed templates with the event as scope. Throws the engine's error when a limit is hit or a
 * disabled filter is used.
 *
 * @example
 * const parsed = parseLiquid('{{ userId }}')
 * if ('templates' in parsed) renderLiquid(parsed.templates, { userId: 'u1' }) // 'u1'
 */
export function renderLiquid(templates: Template[], event: unknown): string {
  const globals = typeof event === 'object' && event !== null ? event : {}
  // The event is read as globals; tags that write (`increment`, `decrement`) write into a scope of
  // their own, so rendering never changes the event.
  return String(engine.renderSync(templates, {}, { globals }))
}

function withoutFinalPeriod(text: string): string {
  return text.endsWith('.') ? text.slice(0, -1) : text
}
