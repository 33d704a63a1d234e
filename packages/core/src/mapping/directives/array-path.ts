import { copyClean, isPlainObject } from '../copy-clean.js'
import { compilePath } from '../paths.js'
import type { Directive, Resolver } from '../types.js'

/**
 * `{ "@arrayPath": [path, itemShape?] }`: the array at `path`. With a shape, every item is mapped by the
 * shape with paths relative to the item, and a single object counts as a one-item array.
 */
export const arrayPathDirective: Directive = {
  name: '@arrayPath',
  validate(value, at, check) {
    if (!check.array(value, at)) return
    check.stringOrDirective(value[0], [...at, 0])
    if (value[1] !== undefined) check.value(value[1], [...at, 1])
  },
  compile(value, compiler, at) {
    const [path, shape] = value as unknown[]
    const root: Resolver = typeof path === 'string' ? compilePath(path) : compiler.read(path, [...at, 0]).run
    // As in the compatible runtime, only a non-empty object (raw or directive) is a shape.
    if (!isPlainObject(shape) || Object.keys(shape).length === 0) {
      return { run: (data) => copyClean(root(data)), fresh: true }
    }
    const mapItem = compiler.value(shape, [...at, 1])
    return {
      run: (data) => {
        const found = root(data)
        if (Array.isArray(found)) {
          const items = new Array<unknown>(found.length)
          for (let i = 0; i < found.length; i++) items[i] = mapItem(found[i])
          return items
        }
        if (isPlainObject(found)) return [mapItem(found)]
        return copyClean(found)
      },
      fresh: true
    }
  }
}
