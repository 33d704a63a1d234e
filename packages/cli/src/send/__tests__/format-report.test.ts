import { formatDelay, formatError, formatReport, formatRequest, formatResponse } from '../format-report.js'
import type { SendReport } from '../run-send.js'

const request = {
  method: 'POST',
  url: 'https://api.example.com/v1/track?key=[REDACTED]',
  headers: {
    accept: '*/*',
    'user-agent': 'destkit',
    'content-type': 'application/json',
    authorization: 'Bearer [REDACTED]'
  },
  body: '{"event":"Order Completed"}'
}

function report(overrides: Partial<SendReport> = {}): SendReport {
  return {
    destination: { slug: 'acme', name: 'Acme' },
    actionId: 'track',
    trigger: 'type = "track"',
    chosenBy: 'preset',
    preset: 'Track Calls',
    dryRun: false,
    status: 'delivered',
    exchanges: [{ request, response: { status: 200, statusText: 'OK', headers: {}, body: '{"ok":true}' } }],
    warnings: [],
    settingsWarnings: [],
    ...overrides
  }
}

describe('formatRequest', () => {
  it('prints the request line, every header and the body as sent', () => {
    expect(formatRequest(request)).toBe(
      [
        'POST https://api.example.com/v1/track?key=[REDACTED]',
        'accept: */*',
        'user-agent: destkit',
        'content-type: application/json',
        'authorization: Bearer [REDACTED]',
        '',
        '{"event":"Order Completed"}'
      ].join('\n')
    )
  })

  it('leaves out an absent body and flags a cut one', () => {
    expect(formatRequest({ method: 'GET', url: 'https://a.test/', headers: {} })).toBe('GET https://a.test/')
    expect(formatRequest({ ...request, headers: {}, body: 'x', truncated: true })).toBe(
      'POST https://api.example.com/v1/track?key=[REDACTED]\n\nx\n… (body cut at 64 KiB)'
    )
  })
})

describe('formatResponse', () => {
  it('prints the status line and the body', () => {
    expect(formatResponse({ status: 200, statusText: 'OK', headers: {}, body: 'ok' })).toBe('200 OK\nok')
    expect(formatResponse({ status: 204, statusText: 'No Content', headers: {}, body: '' })).toBe(
      '204 No Content'
    )
    expect(formatResponse({ status: 599, statusText: '', headers: {}, body: '' })).toBe('599')
  })
})

describe('formatError', () => {
  it('gives the code, the sentence and the retry hint', () => {
    expect(
      formatError({
        code: 'TOO_MANY_REQUESTS',
        message: 'Too many requests.',
        retryable: true,
        retryAfterMs: 30_000
      })
    ).toBe('Not delivered: TOO_MANY_REQUESTS — Too many requests (retryable: retry after 30 s).')
    expect(formatError({ code: 'ETIMEDOUT', message: 'The request timed out', retryable: true })).toBe(
      'Not delivered: ETIMEDOUT — The request timed out (retryable).'
    )
    expect(formatError({ code: 'BAD_REQUEST', message: 'Bad request.', retryable: false })).toBe(
      'Not delivered: BAD_REQUEST — Bad request (not retryable).'
    )
  })

  it('warns that a dry run may have failed on its simulated answer', () => {
    const text = formatError(
      { code: 'UNKNOWN_ERROR', message: 'No id in the answer.', retryable: false },
      { afterSimulatedAnswer: true }
    )
    expect(text.split('\n')).toHaveLength(2)
    expect(text).toContain('simulated {} answer')
  })
})

describe('formatDelay', () => {
  it('rounds up to seconds, minutes or hours', () => {
    expect(formatDelay(0)).toBe('1 s')
    expect(formatDelay(500)).toBe('1 s')
    expect(formatDelay(30_000)).toBe('30 s')
    expect(formatDelay(30_001)).toBe('31 s')
    expect(formatDelay(119_000)).toBe('119 s')
    expect(formatDelay(120_000)).toBe('2 min')
    expect(formatDelay(600_000)).toBe('10 min')
    expect(formatDelay(7_200_000)).toBe('2 h')
  })
})

describe('formatReport', () => {
  it('prints the action, the request and the response of a delivery', () => {
    expect(formatReport(report())).toBe(
      [
        'Acme › track (preset "Track Calls"; trigger: type = "track")',
        '',
        formatRequest(request),
        '',
        '200 OK',
        '{"ok":true}'
      ].join('\n')
    )
  })

  it('numbers several requests and prints each response after its request', () => {
    const second = { ...request, method: 'PUT', url: 'https://api.example.com/v1/users/1' }
    const text = formatReport(
      report({
        exchanges: [
          { request, response: { status: 200, statusText: 'OK', headers: {}, body: 'first' } },
          { request: second, response: { status: 201, statusText: 'Created', headers: {}, body: 'second' } }
        ]
      })
    )
    expect(text).toContain(`Request 1 of 2:\n${formatRequest(request)}\n\n200 OK\nfirst`)
    expect(text).toContain(`Request 2 of 2:\n${formatRequest(second)}\n\n201 Created\nsecond`)
    expect(text.indexOf('Request 1 of 2')).toBeLessThan(text.indexOf('Request 2 of 2'))
  })

  it('says a dry run sent nothing, and prints no response', () => {
    const text = formatReport(report({ dryRun: true, exchanges: [{ request }, { request }] }))
    expect(text).not.toContain('200 OK\n')
    expect(
      text.endsWith(
        'Dry run: nothing was sent (each of the 2 requests was answered 200 OK with {} in process).'
      )
    ).toBe(true)
    expect(formatReport(report({ dryRun: true, exchanges: [] }))).toContain(
      'Dry run: the action made no request.'
    )
  })

  it('ends a failed delivery with its classified error', () => {
    const text = formatReport(
      report({
        status: 'retryable',
        chosenBy: 'action',
        exchanges: [
          { request, response: { status: 429, statusText: 'Too Many Requests', headers: {}, body: 'slow' } }
        ],
        error: {
          code: 'TOO_MANY_REQUESTS',
          message: 'Slow down.',
          retryable: true,
          retryAfterMs: 5_000,
          httpStatus: 429
        }
      })
    )
    expect(text.startsWith('Acme › track (trigger: type = "track")')).toBe(true)
    expect(text).toContain('429 Too Many Requests\nslow')
    expect(text.endsWith('Not delivered: TOO_MANY_REQUESTS — Slow down (retryable: retry after 5 s).')).toBe(
      true
    )
  })

  it('lists the warnings of the settings and the payload', () => {
    const text = formatReport(
      report({
        chosenBy: 'subscription',
        settingsWarnings: [
          {
            code: 'UNKNOWN_PROPERTY_REMOVED',
            path: '/extra',
            message: "The unknown setting 'extra' was dropped."
          }
        ],
        warnings: [
          { code: 'VALUE_COERCED', path: '/revenue', message: "Revenue '12' was turned into the number 12." }
        ]
      })
    )
    expect(text).toContain('(default subscription; trigger: type = "track")')
    expect(text).toContain(
      "Warning: settings: The unknown setting 'extra' was dropped.\nWarning: Revenue '12' was turned into the number 12."
    )
  })
})
