/**
 * One reader per root field (`type`, `event`, `properties`…): the first and
 * most frequent read of every trigger, so it gets a fast path.
 *
 * Each reader is written out on its own, with the field name as a literal, on
 * purpose: V8 keeps what it learns about a property access per place in the
 * source, so `event.type` written once here stays a direct load, whereas one
 * shared `event[key]` sees every key and falls back to a generic lookup. The
 * same holds for `'type' in objectPrototype`, which the optimiser folds to a
 * constant (and deoptimises should Object.prototype ever change).
 *
 * Own properties only, like every read of a trigger (`ownProperty`), with the
 * same answers but without its `Object.hasOwn` call in the common case:
 * - when Object.prototype has a property of that name (it has been polluted),
 *   the reader is `ownProperty` itself, so nothing is read from Object.prototype;
 * - otherwise a value read from a plain object (whose prototype is
 *   Object.prototype) can only be its own; so can undefined, the answer for a
 *   missing field anyway. Any other object (another prototype, none) still
 *   gets the `Object.hasOwn` check before its value is used (its value is read
 *   first, so a getter on its own prototype runs; what it returns is dropped).
 */
import { ownProperty } from './own-property.js'

/** Reads one field of an event; undefined when it is missing. */
export type FieldReader = (event: unknown) => unknown

type Fields = Record<string, unknown>

const objectPrototype: object = Object.prototype
const { getPrototypeOf, hasOwn } = Object

/** `value`, read as `event[key]`, when `event` owns `key`; undefined when it was inherited. */
function ownValue(event: object, key: string, value: unknown): unknown {
  return hasOwn(event, key) ? value : undefined
}

/**
 * The reader of each root field of `fields.ts`. The bodies are the same but for
 * the name (see above for why one function does not make them all).
 */
export const ROOT_READERS: Readonly<Record<string, FieldReader>> = Object.freeze({
  type: (event) => {
    if (typeof event !== 'object' || event === null || 'type' in objectPrototype)
      return ownProperty(event, 'type')
    const value = (event as Fields).type
    return value === undefined || getPrototypeOf(event) === objectPrototype
      ? value
      : ownValue(event, 'type', value)
  },
  event: (event) => {
    if (typeof event !== 'object' || event === null || 'event' in objectPrototype)
      return ownProperty(event, 'event')
    const value = (event as Fields).event
    return value === undefined || getPrototypeOf(event) === objectPrototype
      ? value
      : ownValue(event, 'event', value)
  },
  name: (event) => {
    if (typeof event !== 'object' || event === null || 'name' in objectPrototype)
      return ownProperty(event, 'name')
    const value = (event as Fields).name
    return value === undefined || getPrototypeOf(event) === objectPrototype
      ? value
      : ownValue(event, 'name', value)
  },
  userId: (event) => {
    if (typeof event !== 'object' || event === null || 'userId' in objectPrototype)
      return ownProperty(event, 'userId')
    const value = (event as Fields).userId
    return value === undefined || getPrototypeOf(event) === objectPrototype
      ? value
      : ownValue(event, 'userId', value)
  },
  anonymousId: (event) => {
    if (typeof event !== 'object' || event === null || 'anonymousId' in objectPrototype)
      return ownProperty(event, 'anonymousId')
    const value = (event as Fields).anonymousId
    return value === undefined || getPrototypeOf(event) === objectPrototype
      ? value
      : ownValue(event, 'anonymousId', value)
  },
  messageId: (event) => {
    if (typeof event !== 'object' || event === null || 'messageId' in objectPrototype)
      return ownProperty(event, 'messageId')
    const value = (event as Fields).messageId
    return value === undefined || getPrototypeOf(event) === objectPrototype
      ? value
      : ownValue(event, 'messageId', value)
  },
  channel: (event) => {
    if (typeof event !== 'object' || event === null || 'channel' in objectPrototype)
      return ownProperty(event, 'channel')
    const value = (event as Fields).channel
    return value === undefined || getPrototypeOf(event) === objectPrototype
      ? value
      : ownValue(event, 'channel', value)
  },
  receivedAt: (event) => {
    if (typeof event !== 'object' || event === null || 'receivedAt' in objectPrototype)
      return ownProperty(event, 'receivedAt')
    const value = (event as Fields).receivedAt
    return value === undefined || getPrototypeOf(event) === objectPrototype
      ? value
      : ownValue(event, 'receivedAt', value)
  },
  timestamp: (event) => {
    if (typeof event !== 'object' || event === null || 'timestamp' in objectPrototype)
      return ownProperty(event, 'timestamp')
    const value = (event as Fields).timestamp
    return value === undefined || getPrototypeOf(event) === objectPrototype
      ? value
      : ownValue(event, 'timestamp', value)
  },
  properties: (event) => {
    if (typeof event !== 'object' || event === null || 'properties' in objectPrototype)
      return ownProperty(event, 'properties')
    const value = (event as Fields).properties
    return value === undefined || getPrototypeOf(event) === objectPrototype
      ? value
      : ownValue(event, 'properties', value)
  },
  traits: (event) => {
    if (typeof event !== 'object' || event === null || 'traits' in objectPrototype)
      return ownProperty(event, 'traits')
    const value = (event as Fields).traits
    return value === undefined || getPrototypeOf(event) === objectPrototype
      ? value
      : ownValue(event, 'traits', value)
  },
  context: (event) => {
    if (typeof event !== 'object' || event === null || 'context' in objectPrototype)
      return ownProperty(event, 'context')
    const value = (event as Fields).context
    return value === undefined || getPrototypeOf(event) === objectPrototype
      ? value
      : ownValue(event, 'context', value)
  },
  integrations: (event) => {
    if (typeof event !== 'object' || event === null || 'integrations' in objectPrototype)
      return ownProperty(event, 'integrations')
    const value = (event as Fields).integrations
    return value === undefined || getPrototypeOf(event) === objectPrototype
      ? value
      : ownValue(event, 'integrations', value)
  }
} satisfies Record<string, FieldReader>)
