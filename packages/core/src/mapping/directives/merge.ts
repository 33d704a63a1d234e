import { isPlainObject } from '../copy-clean.js'
import { isUnsafeKey } from '../paths.js'
import type { Directive, Resolver } from '../types.js'

/**
 * `{ "@merge": { "objects": [...], "direction": "left" | "right" } }`: a shallow merge. With `right` later
 * objects win, with `left` earlier ones. Values that are not objects are skipped.
 */
export const mergeDirective: Directive = {
  name: '@merge',
  validate(value, at, check) {
    const options = check.options(value, at)
    if (!options) return
    if (check.required(options, 'objects', at) && check.array(options.objects, [...at, 'objects'])) {
      options.objects.forEach((item, index) => check.objectOrDirective(item, [...at, 'objects', index]))
    }
    if (check.required(options, 'direction', at)) {
      check.oneOf(options.direction, [...at, 'direction'], ['left', 'right'])
    }
  },
  compile(value, compiler, at) {
    const options = value as { objects: unknown[]; direction: string }
    const sources: Resolver[] = options.objects.map((item, index) =>
      compiler.value(item, [...at, 'objects', index])
    )
    // Applying the sources last-to-first makes the earlier ones win.
    if (options.direction.toLowerCase() === 'left') sources.reverse()
    return {
      run: (data) => {
        const merged: Record<string, unknown> = {}
        for (const source of sources) {
          const found = source(data)
          if (!isPlainObject(found)) continue
          for (const key of Object.keys(found)) if (!isUnsafeKey(key)) merged[key] = found[key]
        }
        return merged
      },
      fresh: true
    }
  }
}
