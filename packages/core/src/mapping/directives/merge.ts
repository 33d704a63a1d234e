import { isPlainObject } from '../copy-clean.js'
import { isUnsafeKey } from '../paths.js'
import type { Directive, Resolver } from '../types.js'

/**
 * `{ "@merge": { "objects": [...], "direction": "left" | "right" } }`: a shallow merge. With `right` later
 * objects win, with `left` earlier ones. Values that are not objects are skipped. As in the compatible
 * runtime, the direction is accepted in any case but only `left` written in lower case merges left
 * (`Left` merges right), so a mapping gives the same payload on both.
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
    // Array.from reads a hole as undefined (a value that is skipped), where map would keep it a hole.
    const sources: Resolver[] = Array.from(options.objects, (item, index) =>
      compiler.value(item, [...at, 'objects', index])
    )
    // Applying the sources last-to-first makes the earlier ones win.
    if (options.direction === 'left') sources.reverse()
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
