import fc from 'fast-check'
import { compileMapping } from '../compile.js'
import { MAX_TEMPLATE_LENGTH } from '../limits.js'
import { MappingError } from '../mapping-error.js'
import { compileTemplate, placeholders } from '../template.js'
import { transform, transformBatch } from '../transform.js'

/** The placeholders the regular expression the scan replaces finds (quadratic: small inputs only). */
function byRegExp(template: string): Array<{ start: number; end: number; path: string }> {
  return [...template.matchAll(/\{\{\{([^}]+)\}\}\}|\{\{([^}]+)\}\}/g)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    path: (match[1] ?? match[2]).trim()
  }))
}

describe('template placeholders', () => {
  it.each([
    '',
    'plain',
    '{{a}}',
    '{{{a}}}',
    '{{ a.b }} and {{{ c }}}',
    '{{{a}}',
    '{{a}}}',
    '{{{{a}}}}',
    '{{}}',
    '{{{}}}',
    '{{{}}',
    '{{ {a} }}',
    '{{a}b}}',
    '{{a\nb}}',
    '{{',
    '}}',
    '{{a',
    '{{a}',
    '{{{{{{',
    '{{{{{{}}',
    '{{a}} {{',
    '{{ {{b}} }}',
    '}}{{a}}{{'
  ])('%j is read as the regular expression reads it', (template) => {
    expect(placeholders(template)).toEqual(byRegExp(template))
  })

  it('any mix of braces is read as the regular expression reads it', () => {
    const text = fc.string({ unit: fc.constantFrom('{', '}', 'a', ' ', '.'), maxLength: 40 })
    fc.assert(
      fc.property(text, (template) => {
        expect(placeholders(template)).toEqual(byRegExp(template))
      }),
      { numRuns: 2000 }
    )
  })

  // The regular expression rescanned from every unclosed {{: one such template took seconds to compile,
  // so these ten would run far past the test timeout. The scan is linear: they take milliseconds.
  it('compiles and renders ten 100,000-character templates of unclosed {{', () => {
    const open = '{{'.repeat(MAX_TEMPLATE_LENGTH / 2)
    const mapping: Record<string, unknown> = {}
    for (let i = 0; i < 10; i++) mapping[`t${i}`] = { '@template': open.slice(i) }
    const payload = compileMapping<Record<string, string>>(mapping)({})
    for (let i = 0; i < 10; i++) expect(payload[`t${i}`]).toBe(open.slice(i))
    const closedAtTheEnd = '{{ '.repeat(33_000) + '}}' + '{{userId}}'
    expect(compileTemplate(closedAtTheEnd)({ userId: 'u1' })).toBe('u1')
  })

  it('renders ten events whose 100,000-character template of unclosed {{ comes from the event', () => {
    const mapping = { out: { '@template': { '@path': '$.t' } } }
    const open = '{{'.repeat(MAX_TEMPLATE_LENGTH / 2)
    const events = Array.from({ length: 10 }, (_, i) => ({ t: open.slice(i) }))
    expect(transformBatch(mapping, events)).toEqual(events.map((event) => ({ out: event.t })))
    // The first {{ reads up to the only }}: the whole template is one placeholder of a missing path.
    const closed = '{{'.repeat(MAX_TEMPLATE_LENGTH / 2 - 5) + '{{userId}}'
    expect(closed.length).toBe(MAX_TEMPLATE_LENGTH)
    expect(transform(mapping, { t: closed, userId: 'u1' })).toEqual({ out: '' })
  })

  it('refuses a template from the event over the length limit, as a static one is refused', () => {
    const mapping = { out: { '@template': { '@path': '$.t' } } }
    const event = { t: '{{'.repeat(MAX_TEMPLATE_LENGTH / 2) + '!' }
    let caught: unknown
    try {
      transform(mapping, event)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(MappingError)
    expect((caught as MappingError).retryable).toBe(false)
    expect((caught as MappingError).problems).toEqual([
      {
        pointer: '/out/@template',
        message:
          '/out/@template should be a string of length 100000 or less but this event gives a template of ' +
          '100001 characters.'
      }
    ])
    expect(() => compileMapping({ out: { '@template': event.t } })).toThrow(
      '/out/@template should be a string of length 100000 or less.'
    )
  })
})
