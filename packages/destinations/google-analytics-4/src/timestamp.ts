import { PayloadValidationError } from '@destkit/core'

/**
 * A date as the Unix time in microseconds the Measurement Protocol wants. ISO
 * strings are parsed; epoch numbers are read as seconds, milliseconds or
 * microseconds by their size (a Segment `timestamp` is an ISO string).
 *
 * @example
 * timestampMicros('2026-10-30T14:22:05.118Z') // 1793370125118000
 * timestampMicros(1793370125)                 // 1793370125000000 (seconds)
 */
export function timestampMicros(value: string | number): number {
  const numeric = typeof value === 'number' ? value : /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : NaN
  if (!Number.isNaN(numeric)) return Math.round(epochMicros(numeric))
  const ms = Date.parse(value as string)
  if (Number.isNaN(ms)) {
    throw new PayloadValidationError(`The timestamp '${String(value)}' is not a date.`)
  }
  return ms * 1000
}

function epochMicros(epoch: number): number {
  const size = Math.abs(epoch)
  if (size < 1e11) return epoch * 1e6 // seconds (until the year 5138)
  if (size < 1e14) return epoch * 1e3 // milliseconds
  return epoch // microseconds
}
