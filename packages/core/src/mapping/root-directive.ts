/**
 * The compatible root directive: a mapping whose `__segment_internal_directive` holds one directive
 * (typically `@transform` with only `apply`) applies it to the whole mapping, the other keys becoming that
 * directive's `mapping`. Expanded once, before compilation; the input is never changed. Validation does
 * not expand it: the directive and the other keys are checked where the user wrote them, so problems
 * carry the pointers of the user's mapping.
 */
import { setOwnProperty } from '../util/set-own-property.js'
import { isPlainObject } from './copy-clean.js'

export const ROOT_DIRECTIVE_KEY = '__segment_internal_directive'

/**
 * Why the root directive cannot be expanded, or undefined when it can (or there is none).
 *
 * @example
 * rootDirectiveProblem({ __segment_internal_directive: 'x' }) // 'should be an object with one directive…'
 */
export function rootDirectiveProblem(mapping: unknown): string | undefined {
  if (!hasRootDirective(mapping)) return undefined
  const root = mapping[ROOT_DIRECTIVE_KEY]
  const keys = isPlainObject(root) ? Object.keys(root) : []
  if (
    keys.length !== 1 ||
    !keys[0].startsWith('@') ||
    !isPlainObject((root as Record<string, unknown>)[keys[0]])
  ) {
    return 'should be an object with one directive whose value is an object'
  }
  return undefined
}

/**
 * Whether a mapping has the root directive key (valid or not).
 *
 * @example
 * hasRootDirective({ __segment_internal_directive: 'x' }) // true
 */
export function hasRootDirective(mapping: unknown): mapping is Record<string, unknown> {
  return isPlainObject(mapping) && Object.hasOwn(mapping, ROOT_DIRECTIVE_KEY)
}

/**
 * The keys of a mapping other than the root directive: what the root directive is applied to.
 *
 * @example
 * rootDirectiveFields({ __segment_internal_directive: {}, total: 1 }) // { total: 1 }
 */
export function rootDirectiveFields(mapping: Record<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = {}
  for (const key of Object.keys(mapping)) {
    if (key !== ROOT_DIRECTIVE_KEY) setOwnProperty(fields, key, mapping[key])
  }
  return fields
}

/** The `mapping` objects made by `expandRootDirective`: they sit at the root of the user's mapping. */
const expandedFields = new WeakSet<object>()

/**
 * Whether a value is the `mapping` an expansion made of the other keys: its pointer is the root (`/`),
 * not `/@transform/mapping`.
 */
export function isRootDirectiveFields(value: unknown): boolean {
  return typeof value === 'object' && value !== null && expandedFields.has(value)
}

/**
 * The mapping with its root directive expanded (the mapping itself when it has none).
 *
 * @example
 * expandRootDirective({
 *   __segment_internal_directive: { '@transform': { apply: { p: { '@path': '$.properties' } } } },
 *   total: { '@path': '$.p.total' }
 * })
 * // { '@transform': { apply: { p: { '@path': '$.properties' } }, mapping: { total: { '@path': '$.p.total' } } } }
 */
export function expandRootDirective(mapping: unknown): unknown {
  if (!hasRootDirective(mapping) || rootDirectiveProblem(mapping) !== undefined) return mapping
  const fields = rootDirectiveFields(mapping)
  expandedFields.add(fields)
  return withMapping(mapping, fields)
}

/**
 * The root directive alone, its `mapping` replaced by `fields` (`{}` when it is only validated).
 * The mapping must have a valid root directive.
 */
export function withMapping(mapping: Record<string, unknown>, fields: object): Record<string, unknown> {
  const root = mapping[ROOT_DIRECTIVE_KEY] as Record<string, Record<string, unknown>>
  const name = Object.keys(root)[0]
  return { [name]: { ...root[name], mapping: fields } }
}
