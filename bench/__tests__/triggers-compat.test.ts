/**
 * destkit against the published peer (`@segment/destination-subscriptions`) on
 * the public FQL subset and every sample event. It lives in bench/ because the
 * peer packages are devDependencies of the bench package only.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { parseFql as peerParseFql, validate as peerValidate } from '@segment/destination-subscriptions'
import { compileTrigger, parseFql, validate } from '@destkit/core'
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
  })
})
