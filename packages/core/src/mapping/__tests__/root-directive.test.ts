import { compileMapping } from '../compile.js'
import { MappingError } from '../mapping-error.js'
import { transform } from '../transform.js'
import { validateMapping } from '../validate.js'
import { deepFreeze } from './fixtures.js'

describe('the compatible root directive', () => {
  const event = deepFreeze({
    properties: { test: 'value', nested: { a: 'special', b: 2 } },
    otherStuff: 'foo'
  })

  it('applies a root @transform to the other keys of the mapping', () => {
    const mapping = deepFreeze({
      __segment_internal_directive: {
        '@transform': {
          apply: { properties: { '@flatten': { value: { '@path': '$.properties' }, separator: '_' } } }
        }
      },
      properties: { '@path': '$.properties' },
      topLevel: { '@path': '$.properties.nested_a' }
    })
    const expected = { properties: { test: 'value', nested_a: 'special', nested_b: 2 }, topLevel: 'special' }
    expect(compileMapping(mapping)(event)).toEqual(expected)
    expect(transform(mapping, event)).toEqual(expected)
  })

  it('leaves mappings without it alone', () => {
    expect(compileMapping({ other: { '@path': '$.otherStuff' } })(event)).toEqual({ other: 'foo' })
  })

  const root = { '@transform': { apply: { p: { '@path': '$.properties' } } } }
  const messages = (mapping: unknown) => validateMapping(mapping).map((problem) => problem.message)

  it('reports a problem of the other keys at its pointer in the mapping as written', () => {
    const problems = validateMapping({ __segment_internal_directive: root, total: { '@path': true } })
    expect(problems).toEqual([
      {
        pointer: '/total/@path',
        message: '/total/@path should be a string or a mapping directive but it is a boolean.'
      }
    ])
  })

  it('reports a problem of the root directive under its key', () => {
    expect(
      messages({
        __segment_internal_directive: { '@transform': { apply: { p: { '@path': 1 } } } },
        total: { '@oops': 1 }
      })
    ).toEqual([
      '/__segment_internal_directive/@transform/apply/p/@path should be a string or a mapping directive but it is a number.',
      '/total has an invalid directive: @oops.'
    ])
  })

  it('checks the other keys when the root directive is invalid', () => {
    expect(
      messages({ __segment_internal_directive: 'x', total: { '@path': true }, other: { '@oops': 1 } })
    ).toEqual([
      '/__segment_internal_directive should be an object with one directive whose value is an object.',
      '/total/@path should be a string or a mapping directive but it is a boolean.',
      '/other has an invalid directive: @oops.'
    ])
  })

  it('checks the other keys whatever the root directive does with them', () => {
    expect(
      messages({
        __segment_internal_directive: { '@if': { exists: { '@path': '$.userId' }, then: 1 } },
        total: { '@path': true }
      })
    ).toEqual(['/total/@path should be a string or a mapping directive but it is a boolean.'])
    expect(messages({ __segment_internal_directive: { '@oops': {} }, total: { '@path': true } })).toEqual([
      '/__segment_internal_directive has an invalid directive: @oops.',
      '/total/@path should be a string or a mapping directive but it is a boolean.'
    ])
  })

  it('refuses a prototype key among the other keys', () => {
    const mapping = JSON.parse(
      '{"__segment_internal_directive": {"@transform": {"apply": {}}}, "__proto__": {"x": 1}, "ok": 1}'
    )
    expect(messages(mapping)).toEqual(['/ should not have the key "__proto__".'])
  })

  it('a Liquid template that fails on an event is reported at its pointer in the mapping as written', () => {
    const doubling =
      '{% assign s = "xxxxxxxxxx" %}' + '{% assign s = s | append: s %}'.repeat(30) + '{{ s | size }}'
    const pointerOf = (mapping: unknown): string | undefined => {
      try {
        compileMapping(mapping)(event)
      } catch (error) {
        if (error instanceof MappingError) return error.problems[0].pointer
      }
      return undefined
    }
    expect(pointerOf({ __segment_internal_directive: root, total: { '@liquid': doubling } })).toBe(
      '/total/@liquid'
    )
    expect(
      pointerOf({
        __segment_internal_directive: { '@transform': { apply: { p: { '@liquid': doubling } } } },
        total: { '@path': '$.p' }
      })
    ).toBe('/__segment_internal_directive/@transform/apply/p/@liquid')
  })
})
