import { compileMapping } from '../compile.js'
import { transform } from '../transform.js'
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
})
