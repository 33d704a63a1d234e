/**
 * The bounded Liquid engine behind `@liquid`. Templates are parsed once, when a mapping is compiled, and
 * a disabled tag or filter is refused then, never per event. Rendering is limited in time (500 ms,
 * checked between template nodes) and in memory; the memory budget also pays for the work of the array
 * filters that do a lot per item, so no single node can run far past the time limit. Inside
 * `withEventBudget` (one event through a compiled mapping) every render shares one such budget, so a
 * template under `@arrayPath` cannot spend it once per item.
 */
import { createRequire } from 'node:module'
import type { Context, FilterImplOptions, Liquid, Template } from 'liquidjs'

/** Tags that loop or load files: refused at parse time. */
export const DISABLED_LIQUID_TAGS: readonly string[] = ['for', 'include', 'render', 'layout', 'tablerow']

/**
 * Filters refused at parse time. Every other liquidjs filter is allowed (the compatible runtime refuses
 * some more: see the differences in `index.ts`):
 * - The `_exp` filters evaluate a Liquid expression for every item. That expression is a template of its
 *   own, parsed on each call (so per event, not when the mapping is configured), and it may call other
 *   filters, `_exp` ones included: nested loops whose work no limit counts (3,000 items take seconds).
 * - `type` is not a liquidjs filter. Unknown filters pass the value through unchanged, which would give
 *   the value instead of its type; the compatible runtime refuses it, so it is refused here too.
 */
export const DISABLED_LIQUID_FILTERS: readonly string[] = [
  'where_exp',
  'reject_exp',
  'group_by_exp',
  'has_exp',
  'find_exp',
  'find_index_exp',
  'type'
]

/**
 * The memory budget of one render, in liquidjs units: characters or array items allocated by filters.
 * With the charges below, no filter does more than about 50 ns of work per unit (measured), so a whole
 * budget of work takes about as long as the render time limit.
 */
export const LIQUID_MEMORY_LIMIT = 10_000_000

/** The time one render, or all the renders of one event, may take, in milliseconds. */
export const LIQUID_RENDER_LIMIT_MS = 500

/**
 * Units charged per input item, on top of what liquidjs charges itself, by the array filters whose work
 * per item is far above one unit: sorting (n log n comparisons), deduplicating, reading a property path
 * per item. liquidjs checks the time limit only between template nodes and these filters run inside one
 * node, so without the charge one call on a large array (a range of millions of items costs only its
 * length) could run for seconds. With it, the items they can take in one render fit the time limit.
 * Measured per item on a million items: sort and sort_natural 0.5–2.8 µs; where, reject, group_by,
 * has, find and find_index 1.1–1.6 µs; sample 0.6 µs; uniq 0.3–0.5 µs; map and sum by property 0.25 µs.
 * Filters that only copy or join (reverse, concat, compact, join, …) cost a few ns per unit and are left
 * to liquidjs's own accounting.
 */
const UNITS_PER_ITEM: Readonly<Record<string, number>> = {
  sort: 50,
  sort_natural: 50,
  where: 30,
  reject: 30,
  group_by: 30,
  has: 30,
  find: 30,
  find_index: 30,
  sample: 12,
  uniq: 10,
  map: 5,
  sum: 5
}

/** Thrown while a template is parsed when it uses a disabled tag or filter. */
class DisabledError extends Error {
  readonly kind: 'tag' | 'filter'
  readonly disabled: string
  constructor(kind: 'tag' | 'filter', disabled: string) {
    super(`the ${kind} "${disabled}" is disabled`)
    this.kind = kind
    this.disabled = disabled
  }
}

let liquidjs: typeof import('liquidjs') | undefined
let engine: Liquid | undefined

/**
 * The one bounded engine, built on first use: most mappings have no `@liquid`, and liquidjs is a large
 * part of the cost of loading the runtime. Loaded with `require` (liquidjs ships CommonJS) because
 * mappings compile synchronously.
 */
function liquidEngine(): Liquid {
  if (engine) return engine
  liquidjs = createRequire(import.meta.url)('liquidjs') as typeof import('liquidjs')
  const created = new liquidjs.Liquid({
    renderLimit: LIQUID_RENDER_LIMIT_MS,
    parseLimit: 1000,
    memoryLimit: LIQUID_MEMORY_LIMIT,
    ownPropertyOnly: true
  })
  for (const tag of DISABLED_LIQUID_TAGS) {
    created.registerTag(tag, {
      parse() {
        throw new DisabledError('tag', tag)
      },
      render() {
        throw new DisabledError('tag', tag)
      }
    })
  }
  // liquidjs looks a filter up by name while it parses the template (an unknown name is let through), so a
  // lookup that throws refuses the filter at parse time.
  for (const filter of DISABLED_LIQUID_FILTERS) {
    Object.defineProperty(created.filters, filter, {
      get() {
        throw new DisabledError('filter', filter)
      },
      enumerable: true
    })
  }
  for (const [filter, units] of Object.entries(UNITS_PER_ITEM)) {
    created.registerFilter(filter, charged(created.filters[filter], units, filter === 'sample'))
  }
  engine = created
  return created
}

type FilterHandler = Extract<FilterImplOptions, (...args: never[]) => unknown>

/**
 * The filter, charging `units` memory units per item of its input before it runs. A string is one item,
 * or one item per character for the filters that go through its characters (`sample`).
 */
function charged(filter: FilterImplOptions, units: number, characters = false): FilterHandler {
  const handler = typeof filter === 'function' ? filter : filter.handler
  return function (this: { context: Context }, input: unknown, ...args: unknown[]): unknown {
    this.context.memoryLimit.use(units * itemCount(input, characters))
    return handler.call(this as ThisParameterType<FilterHandler>, input, ...args)
  }
}

/** How many items an array filter goes through: an object counts its keys (`group_by` reads them). */
function itemCount(input: unknown, characters: boolean): number {
  if (Array.isArray(input)) return input.length
  if (input === null || input === undefined) return 0
  if (typeof input === 'string') return characters ? input.length : 1
  if (typeof input === 'object') return Object.keys(input).length
  return 1
}

/** A parsed template, or the sentence saying why it could not be parsed. */
export type LiquidParseResult = { templates: Template[] } | { problem: string }

/**
 * Parses a Liquid template once. A disabled tag or filter, or a syntax error, gives a `problem` sentence.
 *
 * @example
 * parseLiquid('{{ properties.total | times: 100 }}') // { templates: [...] }
 * parseLiquid('{% for p in properties.products %}{% endfor %}') // { problem: 'uses the disabled Liquid tag "for"' }
 * parseLiquid('{{ p | where_exp: "i", "i" }}') // { problem: 'uses the disabled Liquid filter "where_exp"' }
 */
export function parseLiquid(source: string): LiquidParseResult {
  try {
    return { templates: liquidEngine().parse(source) }
  } catch (error) {
    const cause = (error as { originalError?: unknown }).originalError
    if (cause instanceof DisabledError)
      return { problem: `uses the disabled Liquid ${cause.kind} "${cause.disabled}"` }
    return { problem: `is not a valid Liquid template: ${withoutFinalPeriod((error as Error).message)}` }
  }
}

/** Overrides of the render limits, for tests: milliseconds (`renderLimit`) and memory units. */
export interface LiquidLimits {
  renderLimit?: number
  memoryLimit?: number
}

/** What the renders of one event spend together: the deadline and the memory units. */
interface LiquidBudget {
  renderLimit: Context['renderLimit']
  memoryLimit: Context['memoryLimit']
}

/**
 * The budget of the event being resolved: `null` while no render of it has started one, `undefined`
 * outside `withEventBudget` (each render then has a budget of its own).
 */
let eventBudget: LiquidBudget | null | undefined

/**
 * Runs `resolve(event)` with one Liquid budget for every render it makes: the deadline starts at its
 * first render, and the memory units add up. Nested calls share the outer budget.
 *
 * @example
 * withEventBudget(compiledMapping, event) // all its @liquid renders together: 500 ms, one memory budget
 */
export function withEventBudget<T>(resolve: (event: object) => T, event: object): T {
  if (eventBudget !== undefined) return resolve(event)
  eventBudget = null
  try {
    return resolve(event)
  } finally {
    eventBudget = undefined
  }
}

/**
 * Renders parsed templates with the event as scope. Throws the engine's error when a limit is hit.
 * Inside `withEventBudget`, the limits are those left to the event.
 *
 * @example
 * const parsed = parseLiquid('{{ userId }}')
 * if ('templates' in parsed) renderLiquid(parsed.templates, { userId: 'u1' }) // 'u1'
 */
export function renderLiquid(templates: Template[], event: unknown, limits: LiquidLimits = {}): string {
  const globals = typeof event === 'object' && event !== null ? event : {}
  // The event is read as globals; tags that write (`increment`, `decrement`) write into a scope of
  // their own, so rendering never changes the event.
  // Templates exist only once the engine parsed them, so it is loaded here.
  const liquid = liquidEngine()
  const context = new liquidjs!.Context(
    {},
    liquid.options,
    { sync: true, globals, ...limits },
    {
      ...eventBudget,
      liquid
    }
  )
  if (eventBudget === null) {
    eventBudget = { renderLimit: context.renderLimit, memoryLimit: context.memoryLimit }
  }
  return String(liquid.renderSync(templates, context))
}

function withoutFinalPeriod(text: string): string {
  return text.endsWith('.') ? text.slice(0, -1) : text
}
