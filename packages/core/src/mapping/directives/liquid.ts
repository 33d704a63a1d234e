import { MAX_LIQUID_LENGTH } from '../limits.js'
import { parseLiquid, renderLiquid } from '../liquid.js'
import { MappingError } from '../mapping-error.js'
import { formatPointer } from '../pointer.js'
import type { Directive } from '../types.js'

/**
 * `{ "@liquid": "{{ properties.total | times: 100 }}" }`: a bounded Liquid template (≤ 1000 characters,
 * parsed once) rendered with the event as scope. A render that hits a limit throws a `MappingError`.
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
          throw new MappingError([
            { pointer, message: `${pointer} could not be rendered for this event: ${reason}.` }
          ])
        }
      },
      fresh: true
    }
  }
}
