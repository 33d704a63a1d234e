/** Every directive the mapping language knows, by name. */
import type { Directive } from '../types.js'
import { arrayPathDirective } from './array-path.js'
import { caseDirective } from './case.js'
import { coalesceDirective } from './coalesce.js'
import { excludeWhenNullDirective } from './exclude-when-null.js'
import { flattenDirective } from './flatten.js'
import { ifDirective } from './if.js'
import { jsonDirective } from './json.js'
import { liquidDirective } from './liquid.js'
import { literalDirective } from './literal.js'
import { mergeDirective } from './merge.js'
import { pathDirective } from './path.js'
import { replaceDirective } from './replace.js'
import { templateDirective } from './template.js'
import { transformDirective } from './transform.js'

export const directives: ReadonlyMap<string, Directive> = new Map(
  [
    pathDirective,
    templateDirective,
    literalDirective,
    ifDirective,
    arrayPathDirective,
    caseDirective,
    replaceDirective,
    jsonDirective,
    flattenDirective,
    mergeDirective,
    transformDirective,
    excludeWhenNullDirective,
    liquidDirective,
    coalesceDirective
  ].map((directive) => [directive.name, directive])
)
