import { compilePath, readPath } from '../paths.js'
import type { Directive } from '../types.js'

/** `{ "@path": "$.a.b" }`: the value at a path. A directive may produce the path (read per event). */
export const pathDirective: Directive = {
  name: '@path',
  validate(value, at, check) {
    check.stringOrDirective(value, at)
  },
  compile(value, compiler, at) {
    if (typeof value === 'string') return { run: compilePath(value), fresh: false }
    const path = compiler.read(value, at).run
    return {
      run: (data) => {
        const dynamic = path(data)
        return typeof dynamic === 'string' ? readPath(data, dynamic) : undefined
      },
      fresh: false
    }
  }
}
