import { setOwnProperty } from './set-own-property.js'

/**
 * A shallow copy of an object without the given keys (own enumerable keys only).
 * `undefined` gives `{}`.
 *
 * @example
 * omit({ email: 'a@b.co', password: 'x', plan: 'pro' }, ['password']) // { email: 'a@b.co', plan: 'pro' }
 */
export function omit<T extends object | { [key: string]: unknown }, K extends string[]>(
  obj: T | undefined,
  keys: K
): Omit<T, keyof K> {
  const copy: Record<string, unknown> = {}
  if (obj === undefined || obj === null) return copy as Omit<T, keyof K>
  const source = obj as Record<string, unknown>
  for (const key of Object.keys(source)) {
    if (!keys.includes(key)) setOwnProperty(copy, key, source[key])
  }
  return copy as Omit<T, keyof K>
}
