import { readFileSync } from 'node:fs'

const eventsDir = new URL('../../../../../../shared/fixtures/events/', import.meta.url)

/** A sample event from the shared fixtures, parsed fresh for each call. */
export function loadEvent(name: string): Record<string, any> {
  return JSON.parse(readFileSync(new URL(`${name}.json`, eventsDir), 'utf8'))
}

/** Freezes a value deeply, so a test fails if anything writes to it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as any)[key])
    Object.freeze(value)
  }
  return value
}
