import type { Directive } from '../types.js'

/** `{ "@transform": { "apply": mapping, "mapping": mapping } }`: resolves `apply`, then `mapping` on its result. */
export const transformDirective: Directive = {
  name: '@transform',
  validate(value, at, check) {
    const options = check.options(value, at)
    if (!options) return
    if (check.required(options, 'apply', at)) check.objectOrDirective(options.apply, [...at, 'apply'])
    if (check.required(options, 'mapping', at)) check.objectOrDirective(options.mapping, [...at, 'mapping'])
  },
  compile(value, compiler, at) {
    const options = value as Record<string, unknown>
    const apply = compiler.value(options.apply, [...at, 'apply'])
    const mapping = compiler.value(options.mapping, [...at, 'mapping'])
    return { run: (data) => mapping(apply(data)), fresh: true }
  }
}
