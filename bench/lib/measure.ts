/**
 * A small, honest micro-benchmark helper: every contender runs in the same
 * process, interleaved round by round, so machine noise hits all of them alike.
 */

export interface Contender {
  name: string
  /** One operation. Its return value is kept so the work cannot be optimised away. */
  fn: () => unknown
}

export interface Measurement {
  name: string
  /** Median operations per second over the rounds. */
  opsPerSec: number
  /** Median nanoseconds per operation. */
  nsPerOp: number
  rounds: number
}

let sink: unknown

/** Runs `fn` for about `ms` milliseconds and returns operations per second. */
function timeRound(fn: () => unknown, ms: number): number {
  let iterations = 0
  let batch = 64
  const start = process.hrtime.bigint()
  const budget = BigInt(ms) * 1_000_000n
  let elapsed = 0n
  while (elapsed < budget) {
    for (let i = 0; i < batch; i++) sink = fn()
    iterations += batch
    elapsed = process.hrtime.bigint() - start
    if (batch < 65_536) batch *= 2
  }
  return iterations / (Number(elapsed) / 1e9)
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/**
 * Measures synchronous contenders side by side.
 *
 * @example
 * const [ours, peer] = compare([{ name: 'destkit', fn: () => run(event) }, { name: 'peer', fn: () => peer(event) }])
 * console.log(ours.opsPerSec / peer.opsPerSec)
 */
export function compare(
  contenders: Contender[],
  options: { rounds?: number; roundMs?: number; warmupMs?: number } = {}
): Measurement[] {
  const { rounds = 7, roundMs = 200, warmupMs = 300 } = options
  for (const c of contenders) timeRound(c.fn, warmupMs)
  const samples = contenders.map(() => [] as number[])
  for (let r = 0; r < rounds; r++) {
    contenders.forEach((c, i) => samples[i].push(timeRound(c.fn, roundMs)))
  }
  if (sink === Symbol.for('never')) console.log(sink)
  return contenders.map((c, i) => {
    const opsPerSec = median(samples[i])
    return { name: c.name, opsPerSec, nsPerOp: 1e9 / opsPerSec, rounds }
  })
}

/** Formats a number of operations per second for a table. */
export function formatOps(ops: number): string {
  if (ops >= 1e6) return `${(ops / 1e6).toFixed(2)} M/s`
  if (ops >= 1e3) return `${(ops / 1e3).toFixed(1)} k/s`
  return `${ops.toFixed(0)} /s`
}

/** A ratio with two decimals and a multiplication sign. */
export function formatRatio(ratio: number): string {
  return `${ratio.toFixed(2)}×`
}

/** One destkit-versus-peer measurement, as a table row and a target line. */
export interface VersusPeer {
  row: string
  targetLine: string
  met: boolean
}

/**
 * Measures destkit against the peer on one case and renders the result: a table row
 * (`| name | destkit | peer | ratio | destkit per operation |`) and a target line.
 *
 * @example
 * const result = versusPeer({ name: 'parse', target: 5, destkit: () => parseTrigger(t), peer: () => parseFql(t) })
 * rows.push(result.row)
 */
export function versusPeer(options: {
  name: string
  target: number
  destkit: () => unknown
  peer: () => unknown
}): VersusPeer {
  const { name, target } = options
  const [ours, theirs] = compare([
    { name: 'destkit', fn: options.destkit },
    { name: 'peer', fn: options.peer }
  ])
  const ratio = ours.opsPerSec / theirs.opsPerSec
  const met = ratio >= target
  return {
    row: `| ${name} | ${formatOps(ours.opsPerSec)} | ${formatOps(theirs.opsPerSec)} | ${formatRatio(ratio)} | ${ours.nsPerOp.toFixed(0)} ns |`,
    targetLine: `- ${name}: at least ${target}× faster: **${met ? 'PASS' : 'MISS'}** (${formatRatio(ratio)})`,
    met
  }
}
