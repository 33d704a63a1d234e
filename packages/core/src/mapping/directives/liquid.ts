import { MAX_LIQUID_LENGTH } from '../limits.js'
import { LIQUID_MEMORY_LIMIT, LIQUID_RENDER_LIMIT_MS, parseLiquid, renderLiquid } from '../liquid.js'
import { MappingError } from '../mapping-error.js'
import { formatPointer } from '../pointer.js'
import type { Directive } from '../types.js'

/** Said when a render runs out of time or memory: the limits are those of the whole event. */
const SHARED_BUDGET =
  `all the @liquid renders of one event share ${LIQUID_RENDER_LIMIT_MS} ms and ` +
  `${withThousandsSeparators(LIQUID_MEMORY_LIMIT)} memory units`

/** 10000000 → '10,000,000' (not `toLocaleString`, which loads the locale data at start-up). */
function withThousandsSeparators(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+$)/g, ',')
}

/**
 * `{ "@liquid": "{{ properties.total | times: 100 }}" }`: a bounded Liquid template (≤ 1000 characters,
 * parsed once) rendered with the event as scope. A render that hits a limit throws a `MappingError`;
 * the limits are shared by every render of one event (see `withEventBudget`).
 */
export const liquidDirective: Directive = {
  name: '@liquid',
  validate(value, at, check) {
    if (!check.string(value, at, { max: MAX_LIQUID_LENGTH }) || value === '') return
    const parsed = parseLiquid(value)
    if ('problem' in parsed) check.report(at, parsed.problem)
  },
  compile(value, _compiler, at) {
    const parsed = parseLiquid(value as string)
    if (value === '' || 'problem' in parsed) return { run: () => '', fresh: true }
    const { templates } = parsed
    const pointer = formatPointer(at)
    return {
      run: (data) => {
        try {
          return renderLiquid(templates, data)
        } catch (error) {
          const reason = (error as Error).message
          const budget = /limit exceeded/.test(reason) ? ` (${SHARED_BUDGET})` : ''
          throw new MappingError([
            { pointer, message: `${pointer} could not be rendered for this event: ${reason}${budget}.` }
          ])
        }
      },
      fresh: true
    }
  }
}
