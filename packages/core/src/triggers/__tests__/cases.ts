/**
 * Shared test data: every operator against every kind of field, with the value
 * present, missing or null. Used by the evaluation tests and the round-trip tests.
 */
import { readFileSync, readdirSync } from 'node:fs'
import type { TriggerNode } from '../ast.js'
import { formatTrigger } from '../format.js'
import { parseTrigger } from '../parse.js'

/** A field as written in a trigger, and how to put a value there in an event. */
export interface FieldCase {
  written: string
  place: (value: unknown) => Record<string, unknown>
}

const MISSING = Symbol('missing')
/** Use as a value to leave the field out of the event altogether. */
export const missing = MISSING

export const fieldCases: FieldCase[] = [
  { written: 'type', place: (v) => ({ type: v }) },
  { written: 'event', place: (v) => ({ type: 'track', event: v }) },
  { written: 'name', place: (v) => ({ type: 'page', name: v }) },
  { written: 'userId', place: (v) => ({ type: 'identify', userId: v }) },
  { written: 'anonymousId', place: (v) => ({ type: 'identify', anonymousId: v }) },
  { written: 'messageId', place: (v) => ({ type: 'track', messageId: v }) },
  { written: 'channel', place: (v) => ({ type: 'track', channel: v }) },
  { written: 'receivedAt', place: (v) => ({ type: 'track', receivedAt: v }) },
  { written: 'timestamp', place: (v) => ({ type: 'track', timestamp: v }) },
  { written: 'properties.total', place: (v) => ({ type: 'track', properties: { total: v, other: 1 } }) },
  { written: 'traits.plan', place: (v) => ({ type: 'identify', traits: { plan: v } }) },
  { written: 'context.page.url', place: (v) => ({ type: 'page', context: { page: { url: v } } }) },
  {
    written: 'properties.a.b.c.d',
    place: (v) => ({ type: 'track', properties: { a: { b: { c: { d: v } } } } })
  },
  { written: 'integrations.Mixpanel', place: (v) => ({ type: 'track', integrations: { Mixpanel: v } }) },
  { written: 'properties.`key with spaces`', place: (v) => ({ properties: { 'key with spaces': v } }) },
  { written: 'properties.dots\\.in\\.key', place: (v) => ({ properties: { 'dots.in.key': v } }) },
  { written: 'properties.`back\\`tick`', place: (v) => ({ properties: { 'back`tick': v } }) },
  {
    written: 'context.traits.`e-mail`.\\$x',
    place: (v) => ({ context: { traits: { 'e-mail': { $x: v } } } })
  }
]

/** `F` stands for the field. Each value: the field's value in the event and the expected answer. */
export interface OperatorCase {
  trigger: string
  values: Array<[unknown, boolean]>
}

export const operatorCases: OperatorCase[] = [
  {
    trigger: 'F = "abc"',
    values: [
      ['abc', true],
      ['abd', false],
      ['ABC', false],
      [missing, false],
      [null, false],
      [5, false]
    ]
  },
  {
    trigger: 'F != "abc"',
    values: [
      ['abc', false],
      ['x', true],
      [missing, true],
      [null, true],
      [5, true]
    ]
  },
  {
    trigger: 'F = ""',
    values: [
      ['', true],
      [missing, false],
      [null, false],
      [0, false],
      [false, false]
    ]
  },
  {
    trigger: 'F = 5',
    values: [
      [5, true],
      ['5', false],
      [6, false],
      [missing, false],
      [null, false]
    ]
  },
  {
    trigger: 'F = 0',
    values: [
      [0, true],
      [-0, true],
      ['0', false],
      [false, false],
      [missing, false]
    ]
  },
  {
    trigger: 'F != 5',
    values: [
      [5, false],
      [6, true],
      ['6', false],
      [missing, false],
      [null, false]
    ]
  },
  {
    trigger: 'F < 10',
    values: [
      [5, true],
      ['5', true],
      ['-3', true],
      ['9.99', true],
      [10, false],
      ['12.50', false],
      ['abc', false],
      ['', false],
      [' 5', false],
      ['0x5', false],
      [missing, false],
      [null, false],
      [true, false],
      [[5], false]
    ]
  },
  {
    trigger: 'F <= 10',
    values: [
      [10, true],
      ['10', true],
      ['1e1', true],
      [10.01, false],
      [missing, false]
    ]
  },
  {
    trigger: 'F > 10',
    values: [
      [12.5, true],
      ['12.50', true],
      [10, false],
      ['Infinity', false],
      [missing, false],
      [null, false]
    ]
  },
  {
    trigger: 'F >= 10',
    values: [
      [10, true],
      [9.99, false],
      ['10.0', true],
      [missing, false]
    ]
  },
  {
    trigger: 'F > -1.5',
    values: [
      [-1, true],
      [-2, false],
      ['-1.25', true]
    ]
  },
  {
    trigger: 'contains(F, "bc")',
    values: [
      ['abcd', true],
      ['bc', true],
      ['xyz', false],
      ['BC', false],
      [missing, false],
      [5, false]
    ]
  },
  {
    trigger: '!contains(F, "bc")',
    values: [
      ['xyz', true],
      ['abcd', false],
      [missing, false],
      [null, false]
    ]
  },
  {
    trigger: '!(contains(F, "bc"))',
    values: [
      ['xyz', true],
      ['abcd', false],
      [missing, true],
      [null, true]
    ]
  },
  {
    trigger: 'match(F, "ab*")',
    values: [
      ['abc', true],
      ['ab', true],
      ['cab', false],
      [missing, false]
    ]
  },
  {
    trigger: 'match(F, "*ab")',
    values: [
      ['cab', true],
      ['abc', false],
      [missing, false],
      [7, false]
    ]
  },
  {
    trigger: '!match(F, "ab*")',
    values: [
      ['cab', true],
      ['abc', false],
      [missing, false]
    ]
  },
  {
    trigger: '!match(F, "*ab")',
    values: [
      ['abc', true],
      ['cab', false],
      [missing, false]
    ]
  },
  {
    trigger: 'F = null',
    values: [
      [missing, true],
      [null, true],
      ['', false],
      [0, false],
      [false, false],
      [{}, false]
    ]
  },
  {
    trigger: 'F != null',
    values: [
      [missing, false],
      [null, false],
      ['', true],
      [0, true],
      [false, true],
      [[], true]
    ]
  },
  {
    trigger: 'F = true',
    values: [
      [true, true],
      ['true', false],
      [1, false],
      [false, false],
      [missing, false]
    ]
  },
  {
    trigger: 'F = false',
    values: [
      [false, true],
      [0, false],
      ['', false],
      [true, false],
      [missing, false]
    ]
  },
  {
    trigger: 'F != true',
    values: [
      [false, true],
      [missing, true],
      ['true', true],
      [true, false]
    ]
  },
  {
    trigger: 'F in ["a", "b", 3]',
    values: [
      ['a', true],
      ['b', true],
      [3, true],
      ['3', false],
      ['c', false],
      [missing, false],
      [null, false]
    ]
  },
  {
    trigger: '!(F = "abc")',
    values: [
      ['abc', false],
      ['x', true],
      [missing, true]
    ]
  }
]

/** Every operator case applied to every field, as [trigger text, event, expected]. */
export function expandCases(): Array<[string, Record<string, unknown>, boolean]> {
  const rows: Array<[string, Record<string, unknown>, boolean]> = []
  for (const field of fieldCases) {
    for (const { trigger, values } of operatorCases) {
      const text = trigger.replaceAll('F', field.written)
      for (const [value, expected] of values) {
        const event = value === missing ? withoutField(field) : field.place(value)
        rows.push([text, event, expected])
      }
    }
  }
  return rows
}

/** The event of a field case with the field itself removed (its parents stay). */
function withoutField(field: FieldCase): Record<string, unknown> {
  const event = field.place('__remove__')
  const strip = (node: Record<string, unknown>): void => {
    for (const [key, value] of Object.entries(node)) {
      if (value === '__remove__') delete node[key]
      else if (value !== null && typeof value === 'object') strip(value as Record<string, unknown>)
    }
  }
  strip(event)
  return event
}

const eventsDir = new URL('../../../../../../shared/fixtures/events/', import.meta.url)

/** The sample events of /shared/fixtures/events, parsed with JSON.parse (so `__proto__` is an own key). */
export const fixtureEvents: Array<[string, Record<string, unknown>]> = readdirSync(eventsDir)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => [file, JSON.parse(readFileSync(new URL(file, eventsDir), 'utf8'))])

/** Triggers written the way people write them; shared by the round-trip tests. */
export const sampleTriggers = [
  'type = "track" and event = "Order Completed"',
  'type = "identify" or (type = "track" and event = "Signed Up")',
  'type = "track" and properties.total > 100 and !contains(context.page.url, "/staging")',
  'type = "track" and (event = "Order Completed" or event = "Checkout Started") and properties.total > 100',
  '((type = "track" or type = "page") and (userId != null or !(anonymousId = null and properties.x in [1, 2])))',
  'event = \'single quoted\' and properties.note = "with \\"quotes\\" and \\\\ backslash"',
  'properties.`key with spaces` = "ok" or properties.dots\\.in\\.key = "literal"',
  'integrations.Mixpanel = false and channel = "server" and receivedAt != null and timestamp != null',
  'properties.amount >= -1.5e3 and properties.amount <= 2.5E+2',
  'match(event, "Order*") or match(event, "*Started") or !match(name, "Draft*")',
  'type in ["track", "page", "screen"] and messageId != "x"'
]

/** Checks `parse(format(ast))` equals `ast` for a trigger a test uses, and returns the tree. */
export function expectRoundTrip(text: string): TriggerNode {
  const parsed = parseTrigger(text)
  if (parsed.error) throw new Error(`${text}: ${parsed.error.message}`)
  expect(parseTrigger(formatTrigger(parsed.ast)), text).toEqual({ ast: parsed.ast })
  return parsed.ast
}
