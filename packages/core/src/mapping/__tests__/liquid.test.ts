import { compileMapping } from '../compile.js'
import { MappingError } from '../mapping-error.js'
import { deepFreeze, loadEvent } from './fixtures.js'

const order = loadEvent('track-order-completed')

describe('@liquid limits', () => {
  it('renders with the event as scope', () => {
    const run = compileMapping({
      summary: { '@liquid': '{{ event | downcase }}: {{ properties.total }} {{ properties.currency }}' }
    })
    expect(run(order)).toEqual({ summary: 'order completed: 141.48 GBP' })
  })

  it('accepts exactly 1000 characters and refuses 1001', () => {
    const body = '{{ userId }}'
    const pad = (length: number) => body + ' '.repeat(length - body.length)
    expect(compileMapping({ a: { '@liquid': pad(1000) } })(order)).toEqual({
      a: 'u_83712' + ' '.repeat(1000 - body.length)
    })
    expect(() => compileMapping({ a: { '@liquid': pad(1001) } })).toThrow(
      '/a/@liquid should be a string of length 1000 or less.'
    )
  })

  it.each(['for', 'include', 'render', 'layout', 'tablerow'])('refuses the %s tag at compile time', (tag) => {
    const sources: Record<string, string> = {
      for: '{% for p in properties.products %}{{ p.sku }}{% endfor %}',
      include: '{% include "file" %}',
      render: '{% render "file" %}',
      layout: '{% layout "file" %}',
      tablerow: '{% tablerow p in properties.products %}{{ p.sku }}{% endtablerow %}'
    }
    expect(() => compileMapping({ a: { '@liquid': sources[tag] } })).toThrow(
      `uses the disabled Liquid tag "${tag}".`
    )
  })

  it('refuses a disabled tag hidden in a {% liquid %} block', () => {
    expect(() =>
      compileMapping({ a: { '@liquid': '{% liquid\nfor p in properties.products\necho p.sku\nendfor %}' } })
    ).toThrow('uses the disabled Liquid tag "for".')
  })

  it('parses the template once, at compile time', async () => {
    const { Liquid } = await import('liquidjs')
    const parse = vi.spyOn(Liquid.prototype, 'parse')
    try {
      const run = compileMapping({ a: { '@liquid': '{{ userId }}' } })
      const parsedAtCompile = parse.mock.calls.length
      for (let i = 0; i < 5; i++) run(order)
      expect(parse.mock.calls.length).toBe(parsedAtCompile)
    } finally {
      parse.mockRestore()
    }
  })

  it('a template that doubles a string until memory runs out fails instead of hanging', () => {
    const doubling =
      '{% assign s = "xxxxxxxxxx" %}' + '{% assign s = s | append: s %}'.repeat(30) + '{{ s | size }}'
    expect(doubling.length).toBeLessThanOrEqual(1000)
    const run = compileMapping({ big: { '@liquid': doubling } })
    expect(() => run(order)).toThrow(MappingError)
    expect(() => run(order)).toThrow(/^\/big\/@liquid could not be rendered for this event: .*limit exceeded/)
  })

  it('an expensive array filter on a huge value is refused instead of running for seconds', () => {
    const template =
      '{% assign s = "xxxxxxxxxx" %}' +
      '{% assign s = s | append: s %}'.repeat(18) +
      '{% assign a = s | split: "" | sort | uniq %}{{ a | size }}'
    const run = compileMapping({ big: { '@liquid': template } })
    let caught: unknown
    try {
      run(order)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(MappingError)
    expect((caught as MappingError).retryable).toBe(false)
    expect((caught as MappingError).message).toMatch(/the filter "sort" is disabled|limit exceeded/)
  })

  it('never writes to the event, even with increment and decrement', () => {
    const event = deepFreeze({ userId: 'u1', n: 5, properties: { total: 3 } })
    const run = compileMapping({
      a: {
        '@liquid':
          '{% increment counter %}{% decrement n %}{% assign x = properties.total | plus: 1 %}{{ x }}'
      }
    })
    expect(run(event)).toEqual({ a: '0-14' })
    expect(event).toEqual({ userId: 'u1', n: 5, properties: { total: 3 } })
    const plain: Record<string, unknown> = { a: 1 }
    compileMapping({ a: { '@liquid': '{% increment b %}' } })(plain)
    expect(plain).toEqual({ a: 1 })
  })

  it('does not read through prototypes', () => {
    const run = compileMapping({ a: { '@liquid': '[{{ userId.constructor }}{{ properties.toString }}]' } })
    expect(run(order)).toEqual({ a: '[]' })
  })
})
