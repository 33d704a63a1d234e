/**
 * Places in a definition written the way core's structural check writes them:
 * dotted keys, `["odd key"]` for keys that would not read as one segment, and
 * `[0]` for array indexes.
 */

/**
 * One segment of a place: `.key`, `["odd key"]` or `[3]`.
 *
 * @example
 * segment('revenue') // '.revenue'
 * segment('@path') // '["@path"]'
 * segment(0) // '[0]'
 */
export function segment(key: string | number): string {
  if (typeof key === 'number') return `[${key}]`
  return /^[A-Za-z_$][\w$-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`
}

/**
 * A place from its first key and the rest.
 *
 * @example
 * place('actions', 'track', 'fields', 'revenue', 'default') // 'actions.track.fields.revenue.default'
 * place('presets', 0, 'mapping', 'user', '@path') // 'presets[0].mapping.user["@path"]'
 */
export function place(first: string, ...rest: Array<string | number>): string {
  return first + rest.map(segment).join('')
}

/**
 * The keys of a JSON pointer (`/user/@path` → `['user', '@path']`), unescaping `~1` and `~0`.
 *
 * @example
 * pointerKeys('/a~1b/0') // ['a/b', '0']
 */
export function pointerKeys(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return []
  return pointer
    .slice(1)
    .split('/')
    .map((key) => key.replaceAll('~1', '/').replaceAll('~0', '~'))
}
