/**
 * The text `destkit send` prints: which action ran, each request exactly as
 * sent (secrets already redacted by the runtime), each response's status line
 * and body, and the classified error of a delivery that failed.
 */
import type { OutcomeError, RequestSummary, ResponseSummary } from '@destkit/core'
import type { SendReport } from './run-send.js'

/**
 * Formats a report for a terminal. Bodies are printed as they were sent and
 * received, not re-indented: the point is the exact bytes.
 *
 * @example
 * formatReport(report)
 * // Slack › postToChannel (preset "Post Track Event"; trigger: type = "track")
 * //
 * // POST [REDACTED]
 * // accept: *\/*
 * // content-type: application/json
 * // user-agent: destkit
 * //
 * // {"text":"Order Completed"}
 * //
 * // 200 OK
 * // ok
 */
export function formatReport(report: SendReport): string {
  const blocks: string[] = [heading(report)]
  const warnings = [
    ...report.settingsWarnings.map((w) => `settings: ${w.message}`),
    ...report.warnings.map((w) => w.message)
  ]
  if (warnings.length > 0) blocks.push(warnings.map((warning) => `Warning: ${warning}`).join('\n'))

  const count = report.exchanges.length
  report.exchanges.forEach((exchange, index) => {
    const request = formatRequest(exchange.request)
    blocks.push(count > 1 ? `Request ${index + 1} of ${count}:\n${request}` : request)
    if (exchange.response) blocks.push(formatResponse(exchange.response))
  })

  if (report.dryRun) {
    blocks.push(
      count === 0
        ? 'Dry run: the action made no request.'
        : `Dry run: nothing was sent (${count === 1 ? 'the request was' : `each of the ${count} requests was`} answered 200 OK with {} in process).`
    )
  } else if (report.status === 'delivered' && count === 0) {
    blocks.push('Delivered: the action made no request.')
  }
  if (report.error && report.status !== 'delivered') {
    blocks.push(formatError(report.error, { afterSimulatedAnswer: report.dryRun && count > 0 }))
  }
  return blocks.join('\n\n')
}

/**
 * A request as sent: the request line, the headers, a blank line and the body.
 *
 * @example
 * formatRequest({ method: 'GET', url: 'https://api.example.com/x?a=1', headers: { accept: '*\/*' } })
 * // 'GET https://api.example.com/x?a=1\naccept: *\/*'
 */
export function formatRequest(request: RequestSummary): string {
  const lines = [`${request.method} ${request.url}`]
  for (const [name, value] of Object.entries(request.headers)) lines.push(`${name}: ${value}`)
  let text = lines.join('\n')
  if (request.body !== undefined && request.body !== '') text += `\n\n${request.body}`
  if (request.truncated) text += '\n… (body cut at 64 KiB)'
  return text
}

/**
 * A response: the status line, then the body.
 *
 * @example
 * formatResponse({ status: 200, statusText: 'OK', headers: {}, body: 'ok' }) // '200 OK\nok'
 */
export function formatResponse(response: ResponseSummary): string {
  let text = `${response.status} ${response.statusText}`.trimEnd()
  if (response.body !== '') text += `\n${response.body}`
  if (response.truncated) text += '\n… (body cut at 64 KiB)'
  return text
}

/**
 * The classified error of a delivery: code, the sentence, and whether (and
 * when) to retry. `afterSimulatedAnswer`: a dry run failed after its made-up
 * answers, which may be their doing.
 *
 * @example
 * formatError({ code: 'TOO_MANY_REQUESTS', message: 'Too many requests.', retryable: true, retryAfterMs: 30_000 })
 * // 'Not delivered: TOO_MANY_REQUESTS — Too many requests (retryable: retry after 30 s).'
 */
export function formatError(error: OutcomeError, options: { afterSimulatedAnswer?: boolean } = {}): string {
  const hint = error.retryable
    ? `retryable${error.retryAfterMs !== undefined ? `: retry after ${formatDelay(error.retryAfterMs)}` : ''}`
    : 'not retryable'
  const sentence = error.message.trim().replace(/[.\s]+$/, '')
  const text = `Not delivered: ${error.code} — ${sentence} (${hint}).`
  // In a dry run the answers were made up: a failure after them may be the made-up answer's doing.
  return options.afterSimulatedAnswer
    ? `${text}\nThe destination may have failed on the simulated {} answer: send for real to be sure.`
    : text
}

/**
 * A delay as a person reads it, rounded up: `500 ms` → `1 s`, `90000 ms` → `90 s`, `7200000 ms` → `2 h`.
 *
 * @example
 * formatDelay(30_000) // '30 s'
 * formatDelay(600_000) // '10 min'
 */
export function formatDelay(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000))
  if (seconds < 120) return `${seconds} s`
  const minutes = Math.ceil(seconds / 60)
  if (minutes < 120) return `${minutes} min`
  return `${Math.ceil(minutes / 60)} h`
}

function heading(report: SendReport): string {
  const how =
    report.chosenBy === 'preset'
      ? `preset "${report.preset}"; `
      : report.chosenBy === 'subscription'
        ? 'default subscription; '
        : ''
  return `${report.destination.name} › ${report.actionId} (${how}trigger: ${report.trigger})`
}
