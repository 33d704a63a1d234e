/**
 * Triggers: parsing (`parseTrigger` next to the peer's `parseFql`) and
 * evaluating (a compiled trigger next to the peer's `validate` on its own parsed
 * tree) for a matching and a non-matching event, all in one run.
 */
import { readFileSync } from 'node:fs'
import { compileTrigger, parseTrigger } from '@destkit/core'
import { parseFql, validate } from '@segment/destination-subscriptions'
import { versusPeer } from '../lib/measure.ts'
import type { SuiteResult } from '../lib/suite.ts'

const trigger =
  'type = "track" and (event = "Order Completed" or event = "Checkout Started") and properties.total > 100'

const matching = JSON.parse(
  readFileSync(new URL('../../../shared/fixtures/events/track-order-completed.json', import.meta.url), 'utf8')
)
// Fails only at the last condition, so both sides read every field before answering. Parsed from
// JSON like every event a host receives.
const nonMatching = JSON.parse(
  JSON.stringify({
    ...matching,
    event: 'Checkout Started',
    properties: { ...matching.properties, total: 42 }
  })
)

interface Case {
  name: string
  target: number
  destkit: () => unknown
  peer: () => unknown
}

export default async function triggersSuite(): Promise<SuiteResult> {
  const ours = compileTrigger(trigger)
  const peerAst = parseFql(trigger)
  if ('error' in peerAst) throw new Error(`The peer cannot parse the trigger: ${peerAst.error.message}`)
  const parsed = parseTrigger(trigger)
  if (parsed.error) throw new Error(`destkit cannot parse the trigger: ${parsed.error.message}`)

  // Both must give the same answers before anything is timed.
  for (const [event, expected] of [
    [matching, true],
    [nonMatching, false]
  ] as const) {
    const answers = { destkit: ours(event), peer: validate(peerAst, event) }
    if (answers.destkit !== expected || answers.peer !== expected) {
      throw new Error(`Answers differ from ${expected}: ${JSON.stringify(answers)}`)
    }
  }

  const cases: Case[] = [
    { name: 'parse', target: 5, destkit: () => parseTrigger(trigger), peer: () => parseFql(trigger) },
    {
      name: 'evaluate, matching event',
      target: 3,
      destkit: () => ours(matching),
      peer: () => validate(peerAst, matching)
    },
    {
      name: 'evaluate, non-matching event',
      target: 3,
      destkit: () => ours(nonMatching),
      peer: () => validate(peerAst, nonMatching)
    }
  ]

  const rows: string[] = []
  const targets: string[] = []
  let targetsMet = true
  for (const { name, target, destkit, peer } of cases) {
    const result = versusPeer({ name, target, destkit, peer })
    targetsMet &&= result.met
    rows.push(result.row)
    targets.push(result.targetLine)
  }

  const markdown = [
    `Trigger \`${trigger}\`.`,
    "Parse: `parseTrigger(text)` next to the peer's `parseFql(text)`. Evaluate: the compiled trigger",
    "(`compileTrigger(text)(event)`) next to the peer's `validate(parseFql(text), event)`, on",
    '`track-order-completed.json` (matches) and the same event as "Checkout Started" with total 42',
    '(fails at the last condition). Both gave the same answers before measuring.',
    '',
    '| measure | destkit | peer | ratio | destkit per operation |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    'Targets:',
    ...targets
  ].join('\n')
  return { title: 'Triggers: parse and evaluate vs peer parseFql/validate', markdown, targetsMet }
}
