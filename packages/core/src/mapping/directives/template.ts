import { MAX_TEMPLATE_LENGTH } from '../limits.js'
import { MappingError } from '../mapping-error.js'
import { formatPointer } from '../pointer.js'
import { compileTemplate } from '../template.js'
import type { Directive } from '../types.js'

/**
 * `{ "@template": "Hi {{traits.first_name}}" }`: a string with placeholders filled from the data. A
 * template produced per event is held to the same length limit as one written in the mapping: a longer
 * one throws a `MappingError` for that event.
 */
export const templateDirective: Directive = {
  name: '@template',
  validate(value, at, check) {
    if (typeof value === 'string') check.string(value, at, { max: MAX_TEMPLATE_LENGTH })
    else check.stringOrDirective(value, at)
  },
  compile(value, compiler, at) {
    if (typeof value === 'string') return { run: compileTemplate(value), fresh: true }
    // A template produced per event is compiled per event: rare, and unavoidable.
    const source = compiler.read(value, at).run
    const pointer = formatPointer(at)
    return {
      run: (data) => {
        const template = source(data)
        if (typeof template !== 'string') return undefined
        if (template.length > MAX_TEMPLATE_LENGTH) {
          const sentence =
            `${pointer} should be a string of length ${MAX_TEMPLATE_LENGTH} or less but this event ` +
            `gives a template of ${template.length} characters.`
          throw new MappingError([{ pointer, message: sentence }])
        }
        return compileTemplate(template)(data)
      },
      fresh: true
    }
  }
}
