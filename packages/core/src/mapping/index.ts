/**
 * The mapping language: raw JSON mixed with `@directives`, compiled once, run per event.
 *
 * Where destkit deliberately differs from the compatible runtime (each fix cannot break a mapping that
 * works there):
 * - Paths read own properties only; `__proto__`, `prototype` and `constructor` read nothing, and those
 *   keys are left out of every object copied into a payload (and refused as mapping keys).
 * - Payloads share no object with the event or the mapping.
 * - `@template` fills placeholders in one pass: a value containing `{{x}}` is not filled again.
 * - `@replace` is literal in the replacement too (`$&` is not expanded).
 * - `@if` keeps a falsy `else` (`false`, `0`, `''`) instead of omitting the key.
 * - `@merge` skips strings and arrays instead of spreading their characters or items.
 * - `@liquid` never writes to the event (`increment` and `decrement` count in a scope of their own).
 * - `@liquid` allows the `case` tag and the liquidjs filters the compatible runtime refuses when they
 *   run (`sort`, `sort_natural`, `uniq`, `map`, `concat`, `reverse`, `reject`, `group_by`, `has`,
 *   `find`, `find_index`, `array_to_sentence_string`, `newline_to_br`); the work of the array filters is
 *   counted against the render limits. It still refuses the `_exp` filters (`where_exp`, …) and `type`,
 *   and refuses a disabled tag or filter with its pointer when the mapping is compiled, even in a branch
 *   that would never run, instead of failing events.
 * - Array items and `@merge` objects are validated, problems carry JSON pointers, and every problem is
 *   reported at once, at compile time.
 * - `{ "@coalesce": [a, b, …] }` is destkit's own.
 * - Paths read into objects and arrays only: `$.name.length` and `$.name[0]` on a string read nothing
 *   (the same reading would give a string's methods, `$.name.toUpperCase`; `@liquid` has `size`).
 * - `@json` reads its mode in any case, as validation accepts it: `Encode` encodes where the compatible
 *   runtime silently omits the key (it never sent a value a destination could depend on).
 * - `@liquid` renders of one event share one budget (500 ms, one memory budget), so `@arrayPath` cannot
 *   multiply it by its items; a dynamic `@template` is held to the static length limit.
 *
 * Kept compatible on purpose: `@merge` with `direction: 'Left'` (any case but `left`) merges right, as the
 * compatible runtime does: merging left would change values a working destination already sends.
 */
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
