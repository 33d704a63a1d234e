/** Reads the shared fixture events (../shared/fixtures beside the repository). */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const sharedFixtures = fileURLToPath(new URL('../../../../../shared/fixtures/', import.meta.url))

/** A fresh copy of a fixture event, parsed from `fixtures/events/<name>.json`. */
export function fixtureEvent<T = any>(name: string): T {
  return JSON.parse(readFileSync(`${sharedFixtures}events/${name}.json`, 'utf8')) as T
}

/** Freezes a value deeply, so a test proves nothing writes to it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<string | symbol, unknown>)[key])
  }
  return value
}
