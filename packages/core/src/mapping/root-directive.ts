/**
 * The compatible root directive: a mapping whose `__segment_internal_directive` holds one directive
 * (typically `@transform` with only `apply`) applies it to the whole mapping, the other keys becoming that
 * directive's `mapping`. Expanded once, before validation and compilation; the input is never changed.
 */
import { isPlainObject } from './copy-clean.js'

export const ROOT_DIRECTIVE_KEY = '__segment_internal_directive'

/**
 * Why the root directive cannot be expanded, or undefined when it can (or there is none).
 *
 * @example
 * rootDirectiveProblem({ __segment_internal_directive: 'x' }) // 'should be an object with one directive…'
 */
export function rootDirectiveProblem(mapping: unknown): string | undefined {
  if (!isPlainObject(mapping) || !Object.hasOwn(mapping, ROOT_DIRECTIVE_KEY)) return undefined
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
  if (!isPlainObject(mapping) || !Object.hasOwn(mapping, ROOT_DIRECTIVE_KEY)) return mapping
  if (rootDirectiveProblem(mapping) !== undefined) return mapping
  const root = mapping[ROOT_DIRECTIVE_KEY] as Record<string, Record<string, unknown>>
  const name = Object.keys(root)[0]
  const fields: Record<string, unknown> = {}
  for (const key of Object.keys(mapping)) if (key !== ROOT_DIRECTIVE_KEY) fields[key] = mapping[key]
  return { [name]: { ...root[name], mapping: fields } }
}
