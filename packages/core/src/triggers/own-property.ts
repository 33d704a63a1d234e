/**
 * The one way a trigger reads a key: own properties only, so that `__proto__`,
 * `constructor`, `toString` or a polluted Object.prototype never reach a
 * trigger.
 */

/**
 * `value[key]` when `value` is an object that owns `key`; undefined otherwise
 * (a primitive, null, a missing or an inherited key).
 *
 * @example
 * ownProperty({ plan: 'pro' }, 'plan') // 'pro'
 * ownProperty({}, 'constructor') // undefined
 */
export function ownProperty(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined
}
