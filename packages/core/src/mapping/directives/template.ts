import { MAX_TEMPLATE_LENGTH } from '../limits.js'
import { compileTemplate } from '../template.js'
import type { Directive } from '../types.js'

/** `{ "@template": "Hi {{traits.first_name}}" }`: a string with placeholders filled from the data. */
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
    return {
      run: (data) => {
        const template = source(data)
        return typeof template === 'string' ? compileTemplate(template)(data) : undefined
      },
      fresh: true
    }
  }
}
