import { compileMapping } from '../compile.js'
import { parseLiquid, renderLiquid } from '../liquid.js'
import { MappingError } from '../mapping-error.js'
import { transformBatch } from '../transform.js'
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

  it('an expensive array filter on a huge value runs out of memory instead of running for seconds', () => {
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
    expect((caught as MappingError).message).toMatch(/memory alloc limit exceeded/)
  })

  it.each(['where: "x", 1', 'has: "x", 1', 'find: "x", 1', 'sort'])(
    'charges the per-item work of %s, so a huge array hits the memory limit before the work',
    (filter) => {
      // 400,000 items cost 400,000 units as a range, but 30 or 50 units each in these filters.
      const run = compileMapping({ a: { '@liquid': `{% assign r = (1..400000) %}{{ r | ${filter} }}` } })
      expect(() => run(order)).toThrow(
        /^\/a\/@liquid could not be rendered for this event: memory alloc limit exceeded/
      )
    }
  )

  it.each<[string, string]>([
    ['{{ properties.products | map: "sku" | join: "," }}', 'TEE-BLK-M,MUG-WHT,BAG-CNV'],
    ['{{ properties.products | sort: "price" | map: "sku" | join: "," }}', 'MUG-WHT,TEE-BLK-M,BAG-CNV'],
    ['{{ properties.products | sort_natural: "name" | map: "name" | first }}', 'Canvas Tote'],
    ['{{ properties.products | map: "quantity" | uniq | join: "," }}', '2,1'],
    ['{{ properties.products | reverse | map: "sku" | first }}', 'BAG-CNV'],
    ['{{ properties.products | concat: properties.products | size }}', '6'],
    ['{{ properties.products | reject: "brand" | size }}', '2'],
    ['{{ properties.products | group_by: "quantity" | map: "name" | join: "," }}', '2,1'],
    ['{{ properties.products | has: "sku", "MUG-WHT" }}', 'true'],
    ['{{ properties.products | find: "sku", "MUG-WHT" | map: "name" }}', 'Enamel Mug'],
    ['{{ properties.products | find_index: "sku", "MUG-WHT" }}', '1'],
    [
      '{{ properties.products | map: "name" | array_to_sentence_string }}',
      'Logo Tee, Enamel Mug, and Canvas Tote'
    ],
    ['{{ "a\nb" | newline_to_br }}', 'a<br />\nb'],
    ['{% case properties.currency %}{% when "GBP" %}£{% else %}?{% endcase %}', '£']
  ])('renders %j', (template, expected) => {
    expect(compileMapping({ a: { '@liquid': template } })(order)).toEqual({ a: expected })
  })

  it('a render that runs past the 500 ms limit fails with a MappingError', () => {
    const run = compileMapping({ slow: { '@liquid': '{{ userId }}{{ userId }}{{ userId }}{{ userId }}' } })
    // Each clock reading is 200 ms later than the one before: the render runs past its limit after a
    // few nodes, without the test waiting for it.
    let now = performance.now()
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => (now += 200))
    let caught: unknown
    try {
      run(order)
    } catch (error) {
      caught = error
    } finally {
      clock.mockRestore()
    }
    expect(caught).toBeInstanceOf(MappingError)
    expect((caught as MappingError).problems).toEqual([
      {
        pointer: '/slow/@liquid',
        message: expect.stringMatching(
          /^\/slow\/@liquid could not be rendered for this event: template render limit exceeded/
        )
      }
    ])
    expect(run(order)).toEqual({ slow: 'u_83712'.repeat(4) })
  })

  it('a template whose nodes keep working is stopped by the render limit', () => {
    // Each node sorts 3,000 numbers (about a millisecond); with a 1 ms limit the render stops after
    // the first nodes instead of running all thirty.
    const parsed = parseLiquid('{% assign a = (1..3000) %}' + '{%assign b=a|sort%}'.repeat(30))
    if ('problem' in parsed) throw new Error(parsed.problem)
    expect(() => renderLiquid(parsed.templates, order, { renderLimit: 1 })).toThrow(
      'template render limit exceeded'
    )
    expect(renderLiquid(parsed.templates, order)).toBe('')
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

describe('@liquid budget of one event', () => {
  // A range costs its length in memory units: 400,000 of the 10,000,000 a render (or an event) may use.
  const range = '{% assign r = (1..400000) %}{{ r | size }}'
  const mapping = { out: { '@arrayPath': ['$.items', { v: { '@liquid': range } }] } }
  const perItem = compileMapping(mapping)
  const items = (count: number) => ({ items: Array.from({ length: count }, (_, i) => ({ i })) })

  it('is shared by every render under @arrayPath: the items cannot spend it once each', () => {
    let caught: unknown
    try {
      perItem(items(100))
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(MappingError)
    expect((caught as MappingError).retryable).toBe(false)
    expect((caught as MappingError).problems).toEqual([
      {
        pointer: '/out/@arrayPath/1/v/@liquid',
        message: expect.stringMatching(
          /^\/out\/@arrayPath\/1\/v\/@liquid could not be rendered for this event: memory alloc limit exceeded.* \(all the @liquid renders of one event share 500 ms and 10,000,000 memory units\)\.$/
        )
      }
    ])
  })

  it('is shared by the renders of different fields', () => {
    const twoFields = compileMapping({
      a: { '@liquid': '{% assign r = (1..6000000) %}{{ r | size }}' },
      b: { '@liquid': '{% assign r = (1..6000000) %}{{ r | size }}' }
    })
    expect(() => twoFields({})).toThrow(/^\/b\/@liquid could not be rendered for this event: memory alloc/)
    expect(compileMapping({ a: { '@liquid': '{% assign r = (1..6000000) %}{{ r | size }}' } })({})).toEqual({
      a: '6000000'
    })
  })

  it('is given afresh to every event, also in a batch', () => {
    const fits = items(20)
    const expected = { out: fits.items.map(() => ({ v: '400000' })) }
    expect(perItem(fits)).toEqual(expected)
    expect(perItem(fits)).toEqual(expected)
    expect(transformBatch(mapping, [fits, fits, fits])).toEqual([expected, expected, expected])
  })

  it('has one deadline: 500 ms from the first render for all the renders of the event', () => {
    const run = compileMapping({ out: { '@arrayPath': ['$.items', { v: { '@liquid': '{{ i }}' } }] } })
    // Each clock reading is 100 ms later than the one before: a render reads it about twice, so each
    // render alone keeps far within 500 ms, while the event's renders together pass it by the third.
    let now = performance.now()
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => (now += 100))
    let caught: unknown
    try {
      run(items(10))
    } catch (error) {
      caught = error
    } finally {
      clock.mockRestore()
    }
    expect(caught).toBeInstanceOf(MappingError)
    expect((caught as MappingError).problems).toEqual([
      {
        pointer: '/out/@arrayPath/1/v/@liquid',
        message: expect.stringMatching(/could not be rendered for this event: template render limit exceeded/)
      }
    ])
    expect(run(items(3))).toEqual({ out: [{ v: '0' }, { v: '1' }, { v: '2' }] })
  })
})
