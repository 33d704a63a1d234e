/**
 * Cold start: a fresh process that loads one destination through the registry
 * (`createRegistry().load('slack')`, with every bundled destination installed),
 * next to a fresh process that requires the published peer runtime
 * (`@segment/actions-core`, which any of its destinations loads first), and an
 * empty Node process as the floor. Time from process start to "loaded", and the
 * resident set size at that point; median of interleaved rounds.
 */
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { formatRatio } from '../lib/measure.ts'
import type { SuiteResult } from '../lib/suite.ts'

const run = promisify(execFile)
const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url))
const benchDirectory = fileURLToPath(new URL('..', import.meta.url))
const ROUNDS = 15

/** Each script prints how long the process took to get there, and its RSS then. */
const report = `console.log(JSON.stringify({ ms: performance.now(), rss: process.memoryUsage().rss }))`

const contenders = [
  {
    name: 'destkit: registry.load("slack")',
    cwd: repositoryRoot,
    args: [
      '--input-type=module',
      '-e',
      `const { createRegistry } = await import('@destkit/core')
const slack = await createRegistry({ roots: [process.cwd()] }).load('slack')
if (!slack.actions.postToChannel) throw new Error('slack did not load')
${report}`
    ]
  },
  {
    name: 'destkit: load("slack") and configure it',
    cwd: repositoryRoot,
    args: [
      '--input-type=module',
      '-e',
      `const { createRegistry } = await import('@destkit/core')
const slack = await createRegistry({ roots: [process.cwd()] }).load('slack')
slack.configure({ settings: {}, mappings: [{ id: 'post', actionId: 'postToChannel' }] })
${report}`
    ]
  },
  {
    name: 'peer: require("@segment/actions-core")',
    cwd: benchDirectory,
    args: [
      '-e',
      `const core = require('@segment/actions-core')
if (typeof core.Destination !== 'function') throw new Error('actions-core did not load')
${report}`
    ]
  },
  { name: 'empty Node process', cwd: benchDirectory, args: ['-e', report] }
]

interface Sample {
  ms: number
  rss: number
}

async function sample(contender: (typeof contenders)[number]): Promise<Sample> {
  const { stdout } = await run(process.execPath, contender.args, { cwd: contender.cwd })
  return JSON.parse(stdout.trim().split('\n').at(-1) as string) as Sample
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

export default async function coldStart(): Promise<SuiteResult> {
  const samples = contenders.map(() => [] as Sample[])
  // One warm-up each (file system cache), then interleaved rounds.
  for (const contender of contenders) await sample(contender)
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, contender] of contenders.entries()) samples[index].push(await sample(contender))
  }
  const figures = samples.map((list) => ({
    ms: median(list.map((entry) => entry.ms)),
    rssMb: median(list.map((entry) => entry.rss)) / 1024 / 1024
  }))
  const [ours, , peer, empty] = figures
  const timeRatio = peer.ms / ours.ms
  const memoryRatio = peer.rssMb / ours.rssMb
  const timeOk = ours.ms <= peer.ms
  const memoryOk = ours.rssMb <= peer.rssMb
  const rows = contenders.map(
    (contender, index) =>
      `| ${contender.name} | ${figures[index].ms.toFixed(1)} | ${figures[index].rssMb.toFixed(1)} |`
  )
  const markdown = [
    'A fresh `node` process per sample; "time" runs from process start to the point where the module is',
    `loaded and checked (\`performance.now()\`), RSS is measured there; median of ${ROUNDS} interleaved rounds.`,
    'destkit lists every bundled destination from package.json files and imports only slack. The peer',
    'figure is only its runtime: one of its destinations would load on top of it. Schemas compile at',
    '`configure` (got, liquidjs and ajv load on first use), so the second row is the cost of being ready',
    'to deliver; it has no target.',
    '',
    '| process | time (ms) | RSS (MB) |',
    '|---|---|---|',
    ...rows,
    '',
    `Above an empty process: destkit +${(ours.ms - empty.ms).toFixed(1)} ms and +${(ours.rssMb - empty.rssMb).toFixed(1)} MB, ` +
      `peer +${(peer.ms - empty.ms).toFixed(1)} ms and +${(peer.rssMb - empty.rssMb).toFixed(1)} MB.`,
    '',
    'Targets:',
    `- time to a loaded destination no slower than the peer's runtime alone: **${timeOk ? 'PASS' : 'MISS'}** (${formatRatio(timeRatio)} faster)`,
    `- RSS no larger than the peer's runtime alone: **${memoryOk ? 'PASS' : 'MISS'}** (${formatRatio(memoryRatio)} smaller)`
  ].join('\n')
  return { title: 'Cold start: load one destination', markdown, targetsMet: timeOk && memoryOk }
}
