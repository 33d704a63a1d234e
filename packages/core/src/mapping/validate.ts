/**
 * Validation of a whole mapping: every problem is collected (not just the first), each with the JSON
 * pointer of the offending value and a sentence that starts with that pointer.
 */
import { isPlainObject } from './copy-clean.js'
import { describeType, typeName } from './describe-type.js'
import { directives } from './directives/index.js'
import { MAX_MAPPING_DEPTH } from './limits.js'
import { isUnsafeKey } from './paths.js'
import { formatPointer } from './pointer.js'
import {
  hasRootDirective,
  ROOT_DIRECTIVE_KEY,
  rootDirectiveFields,
  rootDirectiveProblem,
  withMapping
} from './root-directive.js'
import type { MappingProblem, Pointer, Validator } from './types.js'

/**
 * Every problem of a mapping; an empty list when it can be compiled.
 *
 * @example
 * validateMapping({ user: { '@path': true } })
 * // [{ pointer: '/user/@path',
 * //    message: '/user/@path should be a string or a mapping directive but it is a boolean.' }]
 */
export function validateMapping(mapping: unknown): MappingProblem[] {
  const problems: MappingProblem[] = []
  const check = createValidator(problems)
  if (!hasRootDirective(mapping)) {
    check.value(mapping, [])
    return problems
  }
  // The root directive and the other keys are checked apart, where they are written, and the other keys
  // always: whether the directive is valid or not, and whichever directive it is.
  const rootProblem = rootDirectiveProblem(mapping)
  if (rootProblem) check.report([ROOT_DIRECTIVE_KEY], rootProblem)
  else check.value(withMapping(mapping, {}), [ROOT_DIRECTIVE_KEY])
  check.value(rootDirectiveFields(mapping), [])
  return problems
}

function createValidator(problems: MappingProblem[]): Validator {
  const report = (at: Pointer, sentence: string): void => {
    const pointer = formatPointer(at)
    problems.push({ pointer, message: `${pointer} ${sentence}.` })
  }

  /** A container at `at` sits at level `at.length + 1`; deeper than the limit is reported once. */
  const withinDepth = (at: Pointer): boolean => {
    if (at.length + 1 <= MAX_MAPPING_DEPTH) return true
    report(at, `is nested deeper than ${MAX_MAPPING_DEPTH} levels`)
    return false
  }

  const directive = (node: Record<string, unknown>, at: Pointer): void => {
    const keys = Object.keys(node)
    const directiveKeys = keys.filter((key) => key.startsWith('@'))
    if (directiveKeys.length > 1) {
      report(at, `should only have one @-prefixed key but it has ${directiveKeys.length} keys`)
      return
    }
    if (keys.some((key) => !key.startsWith('@') && key !== '_metadata')) {
      report(at, `should only have one @-prefixed key but it has ${keys.length} keys`)
      return
    }
    const name = directiveKeys[0]
    const definition = directives.get(name)
    if (!definition) {
      report(at, `has an invalid directive: ${name}`)
      return
    }
    definition.validate(node[name], [...at, name], check)
  }

  const rawObject = (node: Record<string, unknown>, at: Pointer): void => {
    for (const key of Object.keys(node)) {
      if (isUnsafeKey(key)) report(at, `should not have the key "${key}"`)
      else check.value(node[key], [...at, key])
    }
  }

  const check: Validator = {
    report,

    value(node, at) {
      if (node === undefined || node === null) return
      const type = typeof node
      if (type === 'string' || type === 'number' || type === 'boolean') return
      if (Array.isArray(node)) {
        if (withinDepth(at)) node.forEach((item, index) => check.value(item, [...at, index]))
        return
      }
      if (!isPlainObject(node)) {
        report(at, `should be a mapping directive or a JSON value but it is ${describeType(node)}`)
        return
      }
      if (!withinDepth(at)) return
      if (Object.keys(node).some((key) => key.startsWith('@'))) directive(node, at)
      else rawObject(node, at)
    },

    stringOrDirective(node, at) {
      if (typeof node === 'string') return
      if (typeName(node) === 'directive') {
        check.value(node, at)
        return
      }
      report(at, `should be a string or a mapping directive but it is ${describeType(node)}`)
    },

    objectOrDirective(node, at) {
      const type = typeName(node)
      if (type === 'directive' || (type === 'object' && isPlainObject(node))) {
        check.value(node, at)
        return
      }
      report(at, `should be an object or a mapping directive but it is ${describeType(node)}`)
    },

    options(node, at) {
      if (typeName(node) !== 'object' || !isPlainObject(node)) {
        report(at, `should be an object but it is ${describeType(node)}`)
        return undefined
      }
      return withinDepth(at) ? node : undefined
    },

    required(options, key, at) {
      if (options[key] !== undefined) return true
      report(at, `should have field "${key}" but it doesn't`)
      return false
    },

    string(node, at, bounds = {}): node is string {
      if (typeof node !== 'string') {
        report(at, `should be a string but it is ${describeType(node)}`)
        return false
      }
      if (bounds.min !== undefined && node.length < bounds.min) {
        report(at, `should be a string of length ${bounds.min} or greater`)
        return false
      }
      if (bounds.max !== undefined && node.length > bounds.max) {
        report(at, `should be a string of length ${bounds.max} or less`)
        return false
      }
      return true
    },

    boolean(node, at): node is boolean {
      if (typeof node === 'boolean') return true
      report(at, `should be a boolean but it is ${describeType(node)}`)
      return false
    },

    oneOf(node, at, allowed) {
      if (!check.string(node, at)) return false
      if (allowed.includes(node.toLowerCase())) return true
      report(at, `should be one of ${allowed.join(', ')} but it is ${JSON.stringify(node)}`)
      return false
    },

    array(node, at): node is unknown[] {
      if (!Array.isArray(node)) {
        report(at, `should be an array but it is ${describeType(node)}`)
        return false
      }
      return withinDepth(at)
    }
  }
  return check
}
