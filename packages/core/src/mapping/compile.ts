/**
 * Compiles a mapping to closures, once: raw objects and arrays become builders, directives become the
 * functions their definitions return, paths are pre-split. Running the result on an event does no
 * parsing and no validation; it only reads the event and builds the payload.
 */
import type { JSONObject } from '../util/json.js'
import { copyClean } from './copy-clean.js'
import { directives } from './directives/index.js'
import { withEventBudget } from './liquid.js'
import { MappingError } from './mapping-error.js'
import { expandRootDirective, isRootDirectiveFields, ROOT_DIRECTIVE_KEY } from './root-directive.js'
import type { Compiled, Compiler, Pointer, Resolver } from './types.js'
import { validateMapping } from './validate.js'

/** A compiled mapping: event in, payload out. */
export type CompiledMapping<Payload = JSONObject> = (event: object) => Payload

/**
 * Validates a mapping and compiles it. Throws one `MappingError` listing every problem.
 * The payload never shares objects with the mapping or the event, and holds no `undefined` property.
 *
 * @example
 * const toPayload = compileMapping({ user_id: { '@path': '$.userId' }, plan: 'premium' })
 * toPayload({ type: 'track', userId: 'u1' }) // { user_id: 'u1', plan: 'premium' }
 */
export function compileMapping<Payload = JSONObject>(mapping: unknown): CompiledMapping<Payload> {
  const problems = validateMapping(mapping)
  if (problems.length > 0) throw new MappingError(problems)
  const expanded = expandRootDirective(mapping)
  // An expanded root directive sits at its own key; the other keys keep their pointers (see compileNode).
  const run = compiler.value(expanded, expanded === mapping ? [] : [ROOT_DIRECTIVE_KEY])
  // Every @liquid render of one event shares one budget; mappings without Liquid skip the bookkeeping.
  if (!usesLiquid(expanded)) return run as CompiledMapping<Payload>
  return ((event: object) => withEventBudget(run, event)) as CompiledMapping<Payload>
}

/** Whether a (valid, so shallow enough) mapping has a `@liquid` directive anywhere. */
function usesLiquid(node: unknown): boolean {
  if (typeof node !== 'object' || node === null) return false
  if (Array.isArray(node)) return node.some(usesLiquid)
  return Object.keys(node).some(
    (key) => key === '@liquid' || usesLiquid((node as Record<string, unknown>)[key])
  )
}

const compiler: Compiler = {
  value(node, at) {
    const { run, fresh } = compileNode(node, at)
    if (fresh) return run
    return (data) => {
      const found = run(data)
      return typeof found === 'object' && found !== null ? copyClean(found) : found
    }
  },
  read: compileNode
}

function compileNode(node: unknown, pointer: Pointer): Compiled {
  if (typeof node !== 'object' || node === null) return { run: () => node, fresh: true }
  // The other keys of a root directive are the root of the user's mapping, wherever the expansion put them.
  const at = isRootDirectiveFields(node) ? [] : pointer
  if (Array.isArray(node)) return compileArray(node, at)
  const record = node as Record<string, unknown>
  const name = Object.keys(record).find((key) => key.startsWith('@'))
  if (name === undefined) return compileObject(record, at)
  // Validation guarantees the directive exists.
  return directives.get(name)!.compile(record[name], compiler, [...at, name])
}

function compileArray(node: unknown[], at: Pointer): Compiled {
  // Array.from reads a hole as undefined, as the compatible runtime returns it (`null` in JSON); map
  // would keep the hole and leave nothing to call there.
  const items = Array.from(node, (item, index) => compiler.value(item, [...at, index]))
  return {
    run: (data) => {
      const out = new Array<unknown>(items.length)
      for (let i = 0; i < items.length; i++) out[i] = items[i](data)
      return out
    },
    fresh: true
  }
}

function compileObject(node: Record<string, unknown>, at: Pointer): Compiled {
  const keys: string[] = []
  const values: Resolver[] = []
  for (const key of Object.keys(node)) {
    if (node[key] === undefined) continue
    keys.push(key)
    values.push(compiler.value(node[key], [...at, key]))
  }
  return {
    run: (data) => {
      const out: Record<string, unknown> = {}
      for (let i = 0; i < keys.length; i++) {
        const value = values[i](data)
        if (value !== undefined) out[keys[i]] = value
      }
      return out
    },
    fresh: true
  }
}
