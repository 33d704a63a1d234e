/**
 * destkit against the published peer (`@segment/destination-subscriptions`) on
 * the public FQL subset and every sample event. It lives in bench/ because the
 * peer packages are devDependencies of the bench package only.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { parseFql as peerParseFql, validate as peerValidate } from '@segment/destination-subscriptions'
import { compileTrigger, findTriggerWarnings, parseFql, validate } from '@destkit/core'
import { compatTriggers } from '../../packages/core/src/triggers/__tests__/compat-triggers.ts'

const eventsDir = new URL('../../../shared/fixtures/events/', import.meta.url)
const fixtureEvents: Array<[string, Record<string, unknown>]> = readdirSync(eventsDir)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => [file, JSON.parse(readFileSync(new URL(file, eventsDir), 'utf8'))])

describe('compatibility with @segment/destination-subscriptions', () => {
  it('has enough triggers and events to mean something', () => {
    expect(compatTriggers.length).toBeGreaterThanOrEqual(30)
    expect(fixtureEvents.length).toBeGreaterThanOrEqual(7)
  })

  it.each(compatTriggers)('%s: the same tree as the peer parseFql', (text) => {
    const peer = peerParseFql(text)
    expect('error' in peer).toBe(false)
    expect(parseFql(text)).toEqual(peer)
  })

  const rows = compatTriggers.flatMap((text) =>
    fixtureEvents.map(([file, event]) => [text, file, event] as const)
  )

  it.each(rows)('%s on %s: the same answer as the peer validate', (text, _file, event) => {
    const expected = peerValidate(peerParseFql(text), event)
    expect(validate(parseFql(text), event)).toBe(expected)
    expect(compileTrigger(text)(event)).toBe(expected)
    // destkit's validate also evaluates trees made by the peer's parser.
    expect(validate(peerParseFql(text) as Parameters<typeof validate>[0], event)).toBe(expected)
  })

  it('answers both true and false across the table', () => {
    const answers = rows.map(([text, , event]) => compileTrigger(text)(event))
    expect(answers.filter(Boolean).length).toBeGreaterThan(40)
    expect(answers.filter((answer) => !answer).length).toBeGreaterThan(40)
  })

  describe('documented differences (destkit is stricter or more correct)', () => {
    const byFile = Object.fromEntries(fixtureEvents)
    const unicode = byFile['track-unicode-edge.json']
    const order = byFile['track-order-completed.json']

    it('mixes of and/or: and binds tighter; the peer uses the last connective for the whole group', () => {
      const text = 'type = "identify" or type = "track" and event = "Nope"'
      expect(peerValidate(peerParseFql(text), order)).toBe(false)
      expect(compileTrigger(text)(order)).toBe(false)
      const text2 = 'type = "track" or type = "identify" and event = "Nope"'
      expect(peerValidate(peerParseFql(text2), order)).toBe(false)
      expect(compileTrigger(text2)(order)).toBe(true)
    })

    it('numeric strings compare as numbers', () => {
      const text = 'properties.numeric_string > 12'
      expect(peerValidate(peerParseFql(text), unicode)).toBe(false)
      expect(compileTrigger(text)(unicode)).toBe(true)
    })

    it('single-quoted strings lose their quotes', () => {
      const text = "type = 'track'"
      expect(peerValidate(peerParseFql(text), order)).toBe(false)
      expect(compileTrigger(text)(order)).toBe(true)
    })

    it('an unknown field is an error, not a silently dropped condition', () => {
      const text = 'type = "identify" and anonymousid = "x"'
      expect(peerValidate(peerParseFql(text), byFile['identify.json'])).toBe(true)
      expect(parseFql(text)).toEqual({
        error: expect.objectContaining({ position: 22, code: 'INVALID_TRIGGER' })
      })
    })

    it('inherited properties never match', () => {
      const text = 'properties.constructor != null'
      expect(peerValidate(peerParseFql(text), order)).toBe(true)
      expect(compileTrigger(text)(order)).toBe(false)
    })

    it('string escapes: destkit decodes \\n \\t \\\\ \\uXXXX, the peer keeps backslashes as written; findTriggerWarnings says so', () => {
      // The trigger text is event = "C:\temp\new".
      const text = 'event = "C:\\temp\\new"'
      const literally = { type: 'track', event: 'C:\\temp\\new' }
      const decoded = { type: 'track', event: 'C:\temp\new' }
      expect(peerValidate(peerParseFql(text), literally)).toBe(true)
      expect(peerValidate(peerParseFql(text), decoded)).toBe(false)
      expect(compileTrigger(text)(literally)).toBe(false)
      expect(compileTrigger(text)(decoded)).toBe(true)
      expect(findTriggerWarnings(text)).toEqual([
        { message: expect.stringContaining('reads backslashes in strings literally'), position: 11 }
      ])
      // event = "a\\b": the peer's value is the four characters a\\b, destkit's the three a\b.
      const doubled = 'event = "a\\\\b"'
      expect(peerValidate(peerParseFql(doubled), { event: 'a\\\\b' })).toBe(true)
      expect(peerValidate(peerParseFql(doubled), { event: 'a\\b' })).toBe(false)
      expect(compileTrigger(doubled)({ event: 'a\\\\b' })).toBe(false)
      expect(compileTrigger(doubled)({ event: 'a\\b' })).toBe(true)
      expect(findTriggerWarnings(doubled).map((w) => w.position)).toEqual([10])
      // \u0041 is A for destkit, six characters for the peer.
      const unicode = 'event = "\\u0041"'
      expect(peerValidate(peerParseFql(unicode), { event: '\\u0041' })).toBe(true)
      expect(compileTrigger(unicode)({ event: 'A' })).toBe(true)
      expect(findTriggerWarnings(unicode).map((w) => w.position)).toEqual([9])
      // Backslashes before other characters stay as written in both: no warning.
      const kept = 'event = "C:\\data"'
      expect(peerValidate(peerParseFql(kept), { event: 'C:\\data' })).toBe(true)
      expect(compileTrigger(kept)({ event: 'C:\\data' })).toBe(true)
      expect(findTriggerWarnings(kept)).toEqual([])
    })

    it('a number, boolean or null on a field holding text: destkit takes its type, the peer its text; findTriggerWarnings says so', () => {
      const identify = byFile['identify.json']
      const numeric = { type: 'identify', userId: '12345' }
      const userIdNumber = 'userId = 12345'
      expect(peerValidate(peerParseFql(userIdNumber), numeric)).toBe(true)
      expect(compileTrigger(userIdNumber)(numeric)).toBe(false)
      expect(compileTrigger('userId = "12345"')(numeric)).toBe(true)
      expect(findTriggerWarnings(userIdNumber)).toEqual([
        { message: expect.stringContaining('Write userId = "12345" to compare text.'), position: 9 }
      ])

      const eventExists = 'event != null'
      expect(peerValidate(peerParseFql(eventExists), identify)).toBe(true)
      expect(compileTrigger(eventExists)(identify)).toBe(false)
      expect(compileTrigger(eventExists)(order)).toBe(true)
      expect(findTriggerWarnings(eventExists)).toEqual([
        { message: expect.stringContaining('compares event with the text "null"'), position: 9 }
      ])

      const userIdNotNumber = 'userId != 5'
      for (const [file, event] of fixtureEvents) {
        expect(peerValidate(peerParseFql(userIdNotNumber), event), file).toBe(true)
        expect(compileTrigger(userIdNotNumber)(event), file).toBe(false)
      }
      expect(findTriggerWarnings(userIdNotNumber).map((w) => w.position)).toEqual([10])

      const nameTrue = 'name = true'
      expect(peerValidate(peerParseFql(nameTrue), { type: 'page', name: 'true' })).toBe(true)
      expect(compileTrigger(nameTrue)({ type: 'page', name: 'true' })).toBe(false)
      expect(findTriggerWarnings(nameTrue).map((w) => w.position)).toEqual([7])
    })
  })
})
