import { readdirSync, readFileSync } from 'node:fs'
import { IntegrationError } from '../../errors/errors.js'
import { EventValidationError } from '../event-validation-error.js'
import { createPayloadValidator } from '../../schema/validate.js'
import { parseEvent } from '../parse-event.js'
import { MAX_EVENT_BYTES, MAX_EVENT_DEPTH, validateEvent } from '../validate-event.js'
import type { EventValidationResult } from '../validate-event.js'

const fixtures = new URL('../../../../../../shared/fixtures/', import.meta.url)
const readFixture = (name: string): string => readFileSync(new URL(name, fixtures), 'utf8')
const goodEventFiles = readdirSync(new URL('events/', fixtures)).filter((file) => file.endsWith('.json'))

function errorOf(result: EventValidationResult): EventValidationError {
  if (result.ok) throw new Error('expected the event to be rejected')
  return result.error
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key])
    Object.freeze(value)
  }
  return value
}

describe('validateEvent: the bad-event fixtures', () => {
  it.each([
    ['array-instead-of-object.json', /^The event must be a JSON object but it was an array\.$/, ''],
    [
      'bad-timestamp.json',
      /^The field 'timestamp' must be an ISO-8601 date-time .* but it was 'yesterday-ish'\.$/,
      '/timestamp'
    ],
    [
      'no-user-or-anonymous-id.json',
      /^A track event must have a 'userId' or an 'anonymousId', but it has neither\.$/,
      '/userId'
    ],
    [
      'over-500kb.json',
      /^The event is too large: more than 512000 bytes as JSON, and the limit is 512000 bytes \(500 KB\)\.$/,
      ''
    ],
    [
      'properties-not-object.json',
      /^The field 'properties' must be an object but it was a string\.$/,
      '/properties'
    ],
    [
      'track-without-event-name.json',
      /^A track event must have an event name in 'event', but it has none\.$/,
      '/event'
    ],
    [
      'unknown-type.json',
      /^The event type 'teleport' is not one of: track, page, screen, identify, group, alias\.$/,
      '/type'
    ]
  ])('rejects %s with a sentence naming the problem', (file, message, path) => {
    const error = errorOf(validateEvent(JSON.parse(readFixture(`bad-events/${file}`))))
    expect(error.message).toMatch(message)
    expect(error.path).toBe(path)
  })

  it('covers every JSON file of the bad-events folder', () => {
    const files = readdirSync(new URL('bad-events/', fixtures)).filter((file) => file.endsWith('.json'))
    for (const file of files)
      expect(validateEvent(JSON.parse(readFixture(`bad-events/${file}`))).ok).toBe(false)
    expect(files).toHaveLength(7)
  })

  it('reports the exact size when the host passes the raw body size', () => {
    const text = readFixture('bad-events/over-500kb.json')
    const error = errorOf(validateEvent(JSON.parse(text), { byteLength: Buffer.byteLength(text) }))
    expect(error.message).toBe(
      'The event is too large: 600076 bytes as JSON, and the limit is 512000 bytes (500 KB).'
    )
  })
})

describe('validateEvent: errors', () => {
  it('are EventValidationErrors: INVALID_EVENT, status 400, not retryable', () => {
    const error = errorOf(validateEvent([]))
    expect(error).toBeInstanceOf(EventValidationError)
    expect(error).toBeInstanceOf(IntegrationError)
    expect(error.name).toBe('EventValidationError')
    expect(error.code).toBe('INVALID_EVENT')
    expect(error.status).toBe(400)
    expect(error.retryable).toBe(false)
  })
})

describe('validateEvent: the sample events', () => {
  it.each(goodEventFiles)('accepts %s and returns the same object', (file) => {
    const event = JSON.parse(readFixture(`events/${file}`))
    const result = validateEvent(event)
    expect(result.ok).toBe(true)
    if (result.ok) expect(result.event).toBe(event)
  })

  it('never modifies the event', () => {
    for (const file of goodEventFiles) {
      const event = deepFreeze(JSON.parse(readFixture(`events/${file}`)))
      const before = JSON.stringify(event)
      validateEvent(event)
      expect(JSON.stringify(event)).toBe(before)
    }
  })
})

describe('validateEvent: the Segment spec rules', () => {
  const track = { type: 'track', event: 'Signed Up', userId: 'u1' }

  it.each([
    ['null', null, 'null'],
    ['a string', '{"type":"track"}', 'a string'],
    ['a number', 42, 'a number'],
    ['undefined', undefined, 'undefined'],
    ['a Map', new Map(), 'an object']
  ])('rejects %s as the event', (_name, input, kind) => {
    expect(errorOf(validateEvent(input)).message).toBe(`The event must be a JSON object but it was ${kind}.`)
  })

  it('requires a string type', () => {
    expect(errorOf(validateEvent({ userId: 'u1' })).message).toBe(
      "The event is missing the required field 'type'."
    )
    expect(errorOf(validateEvent({ type: 1, userId: 'u1' })).message).toBe(
      "The event's 'type' must be a string but it was a number."
    )
  })

  it('is case-sensitive about the type and cuts long unknown types short in the message', () => {
    expect(errorOf(validateEvent({ ...track, type: 'Track' })).message).toMatch(
      /^The event type 'Track' is not one of/
    )
    const message = errorOf(validateEvent({ ...track, type: 'x'.repeat(10_000) })).message
    expect(message).toContain(`'${'x'.repeat(40)}…'`)
    expect(message.length).toBeLessThan(150)
  })

  it('requires a non-empty event name on track events only', () => {
    expect(errorOf(validateEvent({ ...track, event: '' })).message).toBe(
      "A track event must have an event name in 'event', but it is empty."
    )
    expect(errorOf(validateEvent({ ...track, event: 5 })).message).toBe(
      "A track event must have an event name in 'event', but it is a number."
    )
    expect(validateEvent({ type: 'page', userId: 'u1' }).ok).toBe(true)
    expect(validateEvent({ type: 'identify', anonymousId: 'a1' }).ok).toBe(true)
    expect(validateEvent({ type: 'screen', userId: 'u1' }).ok).toBe(true)
  })

  it('accepts a userId or an anonymousId, treating null and empty strings as absent', () => {
    expect(validateEvent({ ...track, userId: undefined, anonymousId: 'a1' }).ok).toBe(true)
    expect(validateEvent({ ...track, userId: null, anonymousId: 'a1' }).ok).toBe(true)
    expect(validateEvent({ ...track, userId: '', anonymousId: null }).ok).toBe(false)
    expect(errorOf(validateEvent({ type: 'identify', traits: {} })).message).toBe(
      "An identify event must have a 'userId' or an 'anonymousId', but it has neither."
    )
  })

  it('requires identifiers to be strings', () => {
    const error = errorOf(validateEvent({ ...track, userId: 123 }))
    expect(error.message).toBe("The field 'userId' must be a string but it was a number.")
    expect(error.path).toBe('/userId')
    expect(errorOf(validateEvent({ ...track, anonymousId: { id: 1 } })).path).toBe('/anonymousId')
  })

  it('requires previousId and userId on alias events', () => {
    const noPrevious = errorOf(validateEvent({ type: 'alias', userId: 'u1' }))
    expect(noPrevious.message).toBe(
      "An alias event must have the user's previous id in 'previousId', but it has none."
    )
    expect(noPrevious.path).toBe('/previousId')
    const noUser = errorOf(validateEvent({ type: 'alias', previousId: 'p1', anonymousId: 'a1' }))
    expect(noUser.message).toBe("An alias event must have the user's new id in 'userId', but it has none.")
    expect(noUser.path).toBe('/userId')
    expect(validateEvent({ type: 'alias', previousId: 'p1', userId: 'u1' }).ok).toBe(true)
  })

  it('requires a groupId on group events', () => {
    const error = errorOf(validateEvent({ type: 'group', userId: 'u1' }))
    expect(error.message).toBe("A group event must have the group's id in 'groupId', but it has none.")
    expect(error.path).toBe('/groupId')
  })

  it('checks every timestamp field', () => {
    for (const field of ['timestamp', 'sentAt', 'receivedAt', 'originalTimestamp']) {
      const error = errorOf(validateEvent({ ...track, [field]: '30/10/2026' }))
      expect(error.message).toBe(
        `The field '${field}' must be an ISO-8601 date-time such as '2026-10-30T14:22:05.118Z' but it was '30/10/2026'.`
      )
      expect(error.path).toBe(`/${field}`)
    }
  })

  it('accepts valid Date objects and rejects invalid ones and numbers as timestamps', () => {
    expect(validateEvent({ ...track, timestamp: new Date() }).ok).toBe(true)
    expect(errorOf(validateEvent({ ...track, timestamp: new Date(Number.NaN) })).message).toMatch(
      /but it was a date\.$/
    )
    expect(errorOf(validateEvent({ ...track, sentAt: 1793370125 })).message).toMatch(/but it was a number\.$/)
    expect(errorOf(validateEvent({ ...track, timestamp: '2026-02-30T00:00:00Z' })).path).toBe('/timestamp')
  })

  it('treats null as absent for every optional field, as for userId', () => {
    const optional = [
      'timestamp',
      'sentAt',
      'receivedAt',
      'originalTimestamp',
      'properties',
      'traits',
      'context',
      'integrations'
    ]
    for (const field of optional) {
      expect(validateEvent({ ...track, [field]: null })).toEqual({
        ok: true,
        event: { ...track, [field]: null }
      })
    }
    expect(validateEvent({ ...track, userId: null, anonymousId: 'a1', timestamp: null }).ok).toBe(true)
  })

  it('accepts a leap second, as datetime fields do', () => {
    const leap = '2016-12-31T23:59:60Z'
    expect(validateEvent({ ...track, timestamp: leap }).ok).toBe(true)
    expect(validateEvent({ ...track, sentAt: '2016-12-31T23:59:60.5+00:00' }).ok).toBe(true)
    expect(createPayloadValidator({ at: { label: 'At', type: 'datetime' } })({ at: leap }).valid).toBe(true)
    expect(errorOf(validateEvent({ ...track, timestamp: '2016-12-31T23:59:61Z' })).path).toBe('/timestamp')
  })

  it('requires properties, traits, context and integrations to be objects', () => {
    for (const field of ['properties', 'traits', 'context', 'integrations']) {
      for (const [value, kind] of [
        [[], 'an array'],
        ['x', 'a string']
      ] as const) {
        const error = errorOf(validateEvent({ ...track, [field]: value }))
        expect(error.message).toBe(`The field '${field}' must be an object but it was ${kind}.`)
        expect(error.path).toBe(`/${field}`)
      }
    }
  })

  it('allows unknown top-level keys', () => {
    expect(validateEvent({ ...track, _metadata: { bundled: [] }, writeKey: 'x', version: 2 }).ok).toBe(true)
  })

  it('reports the first problem, spec order first', () => {
    expect(errorOf(validateEvent({ type: 'track', properties: 'x' })).path).toBe('/event')
  })

  it('takes a size limit', () => {
    const event = { ...track, properties: { text: 'é'.repeat(100) } }
    expect(validateEvent(event, { maxBytes: 1024 }).ok).toBe(true)
    expect(errorOf(validateEvent(event, { maxBytes: 200 })).message).toBe(
      'The event is too large: more than 200 bytes as JSON, and the limit is 200 bytes (0 KB).'
    )
    expect(validateEvent(event, { byteLength: MAX_EVENT_BYTES }).ok).toBe(true)
    expect(validateEvent(event, { byteLength: MAX_EVENT_BYTES + 1 }).ok).toBe(false)
  })
})

describe('validateEvent never throws', () => {
  it('reports a cycle, a BigInt or a throwing getter as an error', () => {
    const cyclic: Record<string, unknown> = { type: 'track', event: 'X', userId: 'u1' }
    cyclic.properties = { self: cyclic }
    expect(errorOf(validateEvent(cyclic)).message).toBe(
      'The event cannot be read as JSON: Converting circular structure to JSON.'
    )
    expect(errorOf(validateEvent({ ...track(), properties: { n: 1n } })).message).toMatch(/BigInt/)
    const hostile = Object.defineProperty({}, 'type', {
      enumerable: true,
      get() {
        throw new Error('no access')
      }
    })
    expect(errorOf(validateEvent(hostile)).message).toBe('The event cannot be read as JSON: no access.')
  })

  function track(): Record<string, unknown> {
    return { type: 'track', event: 'X', userId: 'u1' }
  }
})

describe('validateEvent: the nesting limit', () => {
  const track = { type: 'track', event: 'Deep', userId: 'u1' }

  /** `levels` objects nested in one another under the key `a`. */
  function nested(levels: number): Record<string, unknown> {
    let value: Record<string, unknown> = { leaf: true }
    for (let level = 1; level < levels; level++) value = { a: value }
    return value
  }

  it('is 64 levels, the event being level 1', () => {
    expect(MAX_EVENT_DEPTH).toBe(64)
    // properties is level 2, so 63 nested objects there reach level 64.
    expect(validateEvent({ ...track, properties: nested(MAX_EVENT_DEPTH - 1) }).ok).toBe(true)
    const error = errorOf(validateEvent({ ...track, properties: nested(MAX_EVENT_DEPTH) }))
    const path = `/properties${'/a'.repeat(MAX_EVENT_DEPTH - 1)}`
    expect(error.path).toBe(path)
    expect(error.message).toBe(
      `The event is nested too deeply: the value at ${path.slice(0, 60)}…${path.slice(-60)} is 65 levels deep, ` +
        'and the limit is 64 levels of objects and arrays.'
    )
    expect(error.code).toBe('INVALID_EVENT')
  })

  it('counts arrays as levels and names the path through them', () => {
    const error = errorOf(validateEvent({ ...track, context: { list: [[{ 'x/y': [] }]] } }, { maxDepth: 5 }))
    expect(error.path).toBe('/context/list/0/0/x~1y')
    expect(error.message).toBe(
      'The event is nested too deeply: the value at /context/list/0/0/x~1y is 6 levels deep, ' +
        'and the limit is 5 levels of objects and arrays.'
    )
  })

  it.each([2_000, 8_000, 50_000])(
    'reports an event nested %i levels deep as too deep, never as unreadable JSON',
    (levels) => {
      const error = errorOf(validateEvent({ ...track, properties: nested(levels) }))
      expect(error.message).toMatch(/^The event is nested too deeply: .* and the limit is 64 levels/)
      expect(error.path).toBe(`/properties${'/a'.repeat(MAX_EVENT_DEPTH - 1)}`)
      // Written by hand: JSON.stringify itself overflows the stack on such values.
      const properties = `${'{"a":'.repeat(levels - 1)}{"leaf":true}${'}'.repeat(levels - 1)}`
      const parsed = parseEvent(`{"type":"track","event":"Deep","userId":"u1","properties":${properties}}`)
      expect(!parsed.ok && parsed.error.message).toMatch(/^The event is nested too deeply/)
    }
  )

  it('takes another limit through parseEvent', () => {
    const text = JSON.stringify({ ...track, properties: nested(3) })
    expect(parseEvent(text).ok).toBe(true)
    expect(parseEvent(text, { maxDepth: 3 }).ok).toBe(false)
  })

  it('reports an array with more items than the size limit has bytes as too large without reading it', () => {
    const sparse: unknown[] = []
    sparse.length = 100_000_000
    expect(errorOf(validateEvent({ ...track, properties: { sparse } })).message).toBe(
      `The event is too large: more than ${MAX_EVENT_BYTES} bytes as JSON, and the limit is ${MAX_EVENT_BYTES} bytes (500 KB).`
    )
  })
})

describe('validateEvent: the size limit, measured exactly only when it might be passed', () => {
  const track = (properties: Record<string, unknown>) => ({
    type: 'track',
    event: 'Sized',
    userId: 'u1',
    properties
  })

  it('accepts an event whose rough bound passes the limit but whose real size does not', () => {
    // 200 000 plain characters: at most 1.2 MB by the bound, 200 KB in fact.
    const result = validateEvent(track({ text: 'a'.repeat(200_000) }))
    expect(result.ok).toBe(true)
  })

  it('rejects an event that is small in characters but large as JSON (escaped control characters)', () => {
    const event = track({ text: '\u0001'.repeat(100_000) })
    expect(Buffer.byteLength(JSON.stringify(event))).toBeGreaterThan(MAX_EVENT_BYTES)
    const result = validateEvent(event)
    expect(result.ok).toBe(false)
    expect((result as { error: Error }).error.message).toMatch(/^The event is too large/)
  })

  it('measures a value written through toJSON instead of trusting the bound', () => {
    const large = { toJSON: () => 'x'.repeat(MAX_EVENT_BYTES) }
    expect(validateEvent(track({ large })).ok).toBe(false)
    expect(validateEvent(track({ list: [large] })).ok).toBe(false)
    const small = { toJSON: () => 'x' }
    expect(validateEvent(track({ small, list: [small] })).ok).toBe(true)
  })

  it('agrees with the exact size on every sample event', () => {
    for (const file of goodEventFiles) {
      const event = JSON.parse(readFixture(`events/${file}`))
      const exact = Buffer.byteLength(JSON.stringify(event))
      expect(validateEvent(event, { maxBytes: exact }).ok).toBe(true)
      expect(validateEvent(event, { maxBytes: exact - 1 }).ok).toBe(false)
    }
  })
})
