/**
 * Writes a key as an own data property. Plain assignment of `__proto__`
 * replaces the object's prototype instead; JSON can carry such a key
 * (`{"__proto__": {…}}`), and copying it must neither lose it nor let it
 * change what the copy inherits.
 */

/**
 * Sets `target[key] = value` as an own, enumerable, writable property, also for `__proto__`.
 *
 * @example
 * const copy: Record<string, unknown> = {}
 * setOwnProperty(copy, '__proto__', { polluted: true })
 * Object.getPrototypeOf(copy) === Object.prototype // true
 * Object.keys(copy) // ['__proto__']
 */
export function setOwnProperty(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  } else {
    target[key] = value
  }
}
