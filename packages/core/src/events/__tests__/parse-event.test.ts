import { readdirSync, readFileSync } from 'node:fs'
import { createTestEvent } from '../../test-kit/create-test-event.js'
import { parseEvent } from '../parse-event.js'
import { validateEvent } from '../validate-event.js'
import type { EventValidationResult } from '../validate-event.js'
import type { EventValidationError } from '../event-validation-error.js'

const fixtures = new URL('../../../../../../shared/fixtures/', import.meta.url)
const readFixture = (name: string): string => readFileSync(new URL(name, fixtures), 'utf8')

function errorOf(result: EventValidationResult): EventValidationError {
  if (result.ok) throw new Error('expected the text to be rejected')
  return result.error
}

describe('parseEvent', () => {
  it('reports the truncated fixture as invalid JSON with a position', () => {
    const error = errorOf(parseEvent(readFixture('bad-events/truncated-json.txt')))
    expect(error.message).toBe('The event is not valid JSON: unexpected end of input at position 25.')
    expect(error.code).toBe('INVALID_EVENT')
    expect(error.status).toBe(400)
    expect(error.retryable).toBe(false)
    expect(error.path).toBe('')
  })

  it.each([
    ['{"a":1,}', 'expected a double-quoted property name at position 7'],
    ['nope', "unexpected character 'o' at position 1"],
    ['', 'unexpected end of input at position 0'],
    ['{"type":"track"} trailing', 'unexpected text after the JSON value at position 17']
  ])('describes %j', (text, description) => {
    expect(errorOf(parseEvent(text)).message).toBe(`The event is not valid JSON: ${description}.`)
  })

  it('rejects every bad-event JSON fixture with the same message as validateEvent', () => {
    const files = readdirSync(new URL('bad-events/', fixtures)).filter((file) => file.endsWith('.json'))
    for (const file of files) {
      if (file === 'over-500kb.json') continue // parseEvent knows the exact size
      const text = readFixture(`bad-events/${file}`)
      expect(errorOf(parseEvent(text)).message).toBe(errorOf(validateEvent(JSON.parse(text))).message)
    }
  })

  it('rejects an oversized body by its exact size before parsing it', () => {
    const error = errorOf(parseEvent(readFixture('bad-events/over-500kb.json')))
    expect(error.message).toBe(
      'The event is too large: 600076 bytes as JSON, and the limit is 512000 bytes (500 KB).'
    )
    const notEvenJson = '['.repeat(600_000)
    expect(errorOf(parseEvent(notEvenJson)).message).toMatch(/^The event is too large: 600000 bytes/)
  })

  it('counts the size in UTF-8 bytes, not characters', () => {
    const text = JSON.stringify({
      type: 'track',
      event: 'X',
      userId: 'u1',
      properties: { s: '€'.repeat(100) }
    })
    expect(parseEvent(text, { maxBytes: text.length + 10 }).ok).toBe(false)
    expect(parseEvent(text, { maxBytes: Buffer.byteLength(text) }).ok).toBe(true)
  })

  it('accepts every sample event', () => {
    for (const file of readdirSync(new URL('events/', fixtures))) {
      const result = parseEvent(readFixture(`events/${file}`))
      expect(result.ok).toBe(true)
    }
  })

  it('parses the __proto__ key of the unicode edge fixture as data', () => {
    const result = parseEvent(readFixture('events/track-unicode-edge.json'))
    if (!result.ok) throw result.error
    const properties = result.event.properties as Record<string, unknown>
    expect(Object.hasOwn(properties, '__proto__')).toBe(true)
    expect(properties.polluted).toBeUndefined()
  })

  it('accepts a serialized test event', () => {
    expect(parseEvent(JSON.stringify(createTestEvent())).ok).toBe(true)
  })

  it('never throws, even for a value that is not a string', () => {
    expect(parseEvent(undefined as unknown as string).ok).toBe(false)
  })
})
