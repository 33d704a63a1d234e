/**
 * The clean-up before validation, compiled once per schema into closures.
 * It builds a copy (the caller's value is never touched) and reports every
 * change as a warning: undefined/null/empty-string removals, scalars wrapped in
 * arrays, coercions, and undeclared keys dropped.
 */
import { isObject } from '../util/real-type-of.js'
import { setOwnProperty } from '../util/set-own-property.js'
import { coerceTo, matchesType } from './coerce.js'
import { describeTypes, describeValue, escapePointerKey, shortenPointer, subjectOf } from './type-words.js'
import type { JsonSchema, JsonSchemaTypeName, ValidationWarning } from './types.js'

/** Cleans one input: returns the cleaned copy and appends what it changed to `warnings`. */
export type CleanUp = (input: unknown, warnings: ValidationWarning[]) => unknown

/**
 * The deepest value the clean-up reads: 512 levels of objects and arrays, the value
 * itself being level 1. Far more than an event may carry (`MAX_EVENT_DEPTH`, 64) plus
 * what a mapping adds, and far from the stack's limit (each level takes three calls).
 */
export const MAX_CLEAN_UP_DEPTH = 512

/** A value nested deeper than the clean-up reads; `path` points at the first container past the limit. */
export class ValueTooDeepError extends Error {
  readonly path: string
  readonly limit: number

  constructor(path: string, limit: number) {
    super(
      `The value at ${shortenPointer(path)} is ${limit + 1} levels deep, and the limit is ${limit} levels of objects and arrays.`
    )
    this.name = 'ValueTooDeepError'
    this.path = path
    this.limit = limit
  }
}

const REMOVE = Symbol('remove')

/**
 * Cleans a value at `pointer` and nesting `level` (1 for the root); answers REMOVE when
 * its parent should drop it (never at the root).
 */
type CleanNode = (
  value: unknown,
  pointer: string,
  warnings: ValidationWarning[],
  removable: boolean,
  level: number
) => unknown

// Any value: what unconstrained keys and items are cleaned with (undefined removed, copied).
const anyValue: JsonSchema = {}

const coercibleTypes = new Set<string>(['number', 'integer', 'boolean', 'string'])

interface PropertyPlan {
  clean: CleanNode
  /** `/key`, escaped once at compile time. */
  pointerSegment: string
}

function cleanArray(
  items: readonly unknown[],
  pointer: string,
  warnings: ValidationWarning[],
  cleanItem: CleanNode,
  level: number
) {
  const copy: unknown[] = []
  for (let index = 0; index < items.length; index++) {
    const cleaned = cleanItem(items[index], `${pointer}/${index}`, warnings, true, level + 1)
    if (cleaned !== REMOVE) copy.push(cleaned)
  }
  return copy
}

function compileNode(schema: unknown, memo: Map<object, CleanNode>): CleanNode {
  if (schema === null || typeof schema !== 'object') return compileNode(anyValue, memo)
  const known = memo.get(schema)
  if (known) return known
  // Registered before recursing, so a schema that contains itself compiles.
  memo.set(schema, (value, pointer, warnings, removable, level) =>
    compiled(value, pointer, warnings, removable, level)
  )

  const node = schema as JsonSchema
  const label = typeof node.title === 'string' ? node.title : undefined
  // The label, or where the value is; for the item of a `multiple` field, the label and the position.
  const nameAt = (pointer: string) => subjectOf(node, pointer)
  const types: string[] | undefined =
    node.type === undefined ? undefined : Array.isArray(node.type) ? node.type : [node.type]
  const allowsNull = !types || types.includes('null')
  const allowsString = !types || types.includes('string')
  const expectsArray = types?.includes('array') ?? false
  const coercionTargets = (types ?? []).filter((type) => coercibleTypes.has(type)) as JsonSchemaTypeName[]

  const properties = new Map<string, PropertyPlan>()
  if (isObject(node.properties)) {
    for (const [key, propertySchema] of Object.entries(node.properties)) {
      properties.set(key, {
        clean: compileNode(propertySchema, memo),
        pointerSegment: `/${escapePointerKey(key)}`
      })
    }
  }
  const dropUnknownKeys = node.additionalProperties === false
  const cleanUnknownKey = compileNode(
    isObject(node.additionalProperties) ? node.additionalProperties : anyValue,
    memo
  )
  const cleanItem = compileNode(isObject(node.items) ? node.items : anyValue, memo)

  const warn = (
    warnings: ValidationWarning[],
    code: ValidationWarning['code'],
    path: string,
    message: string
  ) => {
    warnings.push({ code, path, message })
  }

  function cleanObject(
    object: Record<string, unknown>,
    pointer: string,
    warnings: ValidationWarning[],
    level: number
  ) {
    const copy: Record<string, unknown> = {}
    for (const key of Object.keys(object)) {
      const plan = properties.get(key)
      let cleaned: unknown
      if (plan) {
        cleaned = plan.clean(object[key], pointer + plan.pointerSegment, warnings, true, level + 1)
      } else {
        const keyPointer = `${pointer}/${escapePointerKey(key)}`
        if (dropUnknownKeys) {
          const owner = label ? ` of ${nameAt(pointer)}` : pointer === '' ? '' : ` of the value at ${pointer}`
          warn(
            warnings,
            'DROPPED_UNKNOWN_KEY',
            keyPointer,
            `The key '${key}' is not a declared field${owner} and was dropped.`
          )
          continue
        }
        cleaned = cleanUnknownKey(object[key], keyPointer, warnings, true, level + 1)
      }
      if (cleaned !== REMOVE) setOwnProperty(copy, key, cleaned)
    }
    return copy
  }

  const compiled: CleanNode = (value, pointer, warnings, removable, level) => {
    if (value === undefined) {
      if (!removable) return value
      warn(warnings, 'REMOVED_UNDEFINED', pointer, `${nameAt(pointer)} was undefined and was removed.`)
      return REMOVE
    }
    if (types) {
      if (value === null && !allowsNull && removable) {
        const message = `${nameAt(pointer)} was null, which it does not allow, and was removed.`
        warn(warnings, 'REMOVED_NULL', pointer, message)
        return REMOVE
      }
      if (value === '' && !allowsString && removable) {
        const message = `${nameAt(pointer)} was an empty string where ${describeTypes(types)} is expected, and was removed.`
        warn(warnings, 'REMOVED_EMPTY_STRING', pointer, message)
        return REMOVE
      }
      if (!matchesType(value, types)) {
        if (expectsArray && !Array.isArray(value)) {
          warn(
            warnings,
            'WRAPPED_IN_ARRAY',
            pointer,
            `${nameAt(pointer)} was a single value and was wrapped in an array.`
          )
          value = [value]
        } else {
          for (const target of coercionTargets) {
            const coerced = coerceTo(value, target)
            if (!coerced) continue
            const message = `${nameAt(pointer)} was converted from ${describeValue(value)} to ${describeTypes([target])}.`
            warn(warnings, 'COERCED', pointer, message)
            value = coerced.value
            break
          }
        }
      }
    }
    if (Array.isArray(value)) {
      if (level > MAX_CLEAN_UP_DEPTH) throw new ValueTooDeepError(pointer, MAX_CLEAN_UP_DEPTH)
      return cleanArray(value, pointer, warnings, cleanItem, level)
    }
    if (isObject(value)) {
      if (level > MAX_CLEAN_UP_DEPTH) throw new ValueTooDeepError(pointer, MAX_CLEAN_UP_DEPTH)
      return cleanObject(value, pointer, warnings, level)
    }
    return value
  }
  return compiled
}

/**
 * Compiles the clean-up of a schema. Walks `type`, `properties`,
 * `additionalProperties` and `items`; other keywords are left to validation.
 *
 * @example
 * const cleanUp = compileCleanUp(fieldsToJsonSchema({ revenue: { label: 'Revenue', type: 'number' } }))
 * const warnings = []
 * cleanUp({ revenue: '12.5', extra: 1 }, warnings) // { revenue: 12.5 }
 * warnings.map((w) => w.code) // ['COERCED', 'DROPPED_UNKNOWN_KEY']
 * // A value nested deeper than MAX_CLEAN_UP_DEPTH throws a ValueTooDeepError (never a RangeError).
 */
export function compileCleanUp(schema: JsonSchema): CleanUp {
  const cleanRoot = compileNode(schema, new Map())
  return (input, warnings) => cleanRoot(input, '', warnings, false, 1)
}
