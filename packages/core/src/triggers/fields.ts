/**
 * The fields a trigger may read. Anything else at the root is an error — the
 * peer runtime silently drops unknown fields, which turns a typo into a
 * trigger that matches everything.
 */
import { editDistance } from '../util/did-you-mean.js'

/** How a root field is used: a single value, or an object with keys below it. */
export type FieldKind = 'value' | 'object'

interface RootField {
  kind: FieldKind
  /** How `describeTrigger` names it. */
  label: string
}

/** Every root field, in the order the spec lists them. */
export const TRIGGER_ROOT_FIELDS: Readonly<Record<string, RootField>> = Object.freeze({
  type: { kind: 'value', label: 'Event type' },
  event: { kind: 'value', label: 'Event name' },
  name: { kind: 'value', label: 'Page or screen name' },
  userId: { kind: 'value', label: 'User ID' },
  anonymousId: { kind: 'value', label: 'Anonymous ID' },
  messageId: { kind: 'value', label: 'Message ID' },
  channel: { kind: 'value', label: 'Channel' },
  receivedAt: { kind: 'value', label: 'Received at' },
  timestamp: { kind: 'value', label: 'Timestamp' },
  properties: { kind: 'object', label: 'Property' },
  traits: { kind: 'object', label: 'Trait' },
  context: { kind: 'object', label: 'Context' },
  integrations: { kind: 'object', label: 'Integration' }
})

const rootNames = Object.keys(TRIGGER_ROOT_FIELDS)
const rootNameSet = new Set(rootNames)

/**
 * Whether `name` is a root field a trigger may read.
 *
 * @example
 * isTriggerRootField('properties') // true
 * isTriggerRootField('toString') // false
 */
export function isTriggerRootField(name: string): boolean {
  return rootNameSet.has(name)
}

/**
 * The root field closest to a misspelt name, or undefined when none is close.
 *
 * @example
 * suggestRootField('anonymousid') // 'anonymousId'
 * suggestRootField('propertes') // 'properties'
 */
export function suggestRootField(name: string): string | undefined {
  const needle = name.toLowerCase()
  let best: string | undefined
  let bestDistance = needle.length <= 4 ? 1 : 2
  for (const candidate of rootNames) {
    const distance = editDistance(needle, candidate.toLowerCase())
    if (distance <= bestDistance && (best === undefined || distance < bestDistance)) {
      best = candidate
      bestDistance = distance
    }
  }
  return best
}

/** Keys that may be written without backticks or escapes. */
export const PLAIN_KEY = /^[A-Za-z0-9_-]+$/
