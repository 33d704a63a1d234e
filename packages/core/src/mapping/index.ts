/** The mapping language: raw JSON mixed with `@directives`, compiled once, run per event. */
export { compileMapping, type CompiledMapping } from './compile.js'
export { validateMapping } from './validate.js'
export { transform, transformBatch } from './transform.js'
export { isDirective } from './is-directive.js'
export { MappingError } from './mapping-error.js'
export type { MappingProblem } from './types.js'
export {
  MAX_MAPPING_DEPTH,
  MAX_LIQUID_LENGTH,
  MAX_TEMPLATE_LENGTH,
  MAX_PATTERN_LENGTH,
  MAX_REPLACEMENT_LENGTH
} from './limits.js'
