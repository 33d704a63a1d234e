import { compileMapping } from '../compile.js'
import { MappingError } from '../mapping-error.js'
import { validateMapping } from '../validate.js'
import { ErrorCodes } from '../../errors/error-codes.js'
import { IntegrationError } from '../../errors/errors.js'

const long = (length: number) => 'x'.repeat(length)

describe('validateMapping', () => {
  it.each<[string, unknown, string[]]>([
    [
      'two directive keys',
      { obj: { '@path': 'a', '@template': 'b' } },
      ['/obj should only have one @-prefixed key but it has 2 keys.']
    ],
    [
      'a directive beside another key',
      { obj: { '@path': 'a', other: 1 } },
      ['/obj should only have one @-prefixed key but it has 2 keys.']
    ],
    ['an unknown directive at the root', { '@oops': 1 }, ['/ has an invalid directive: @oops.']],
    [
      'a boolean path',
      { '@path': true },
      ['/@path should be a string or a mapping directive but it is a boolean.']
    ],
    [
      'a pattern too long',
      { '@replace': { value: 'a', pattern: long(11) } },
      ['/@replace/pattern should be a string of length 10 or less.']
    ],
    [
      'an empty pattern',
      { '@replace': { value: 'a', pattern: '' } },
      ['/@replace/pattern should be a string of length 1 or greater.']
    ],
    [
      'a replacement too long',
      { '@replace': { value: 'a', pattern: 'a', replacement: long(11) } },
      ['/@replace/replacement should be a string of length 10 or less.']
    ],
    [
      'a second pattern too long',
      { '@replace': { value: 'a', pattern: 'a', pattern2: long(11), replacement2: long(11) } },
      [
        '/@replace/pattern2 should be a string of length 10 or less.',
        '/@replace/replacement2 should be a string of length 10 or less.'
      ]
    ],
    [
      'a replace without pattern nor value',
      { '@replace': {} },
      [
        '/@replace should have field "pattern" but it doesn\'t.',
        '/@replace should have field "value" but it doesn\'t.'
      ]
    ],
    [
      'a non-boolean global',
      { '@replace': { value: 'a', pattern: 'a', global: 'yes', ignorecase: 1 } },
      [
        '/@replace/global should be a boolean but it is a string.',
        '/@replace/ignorecase should be a boolean but it is a number.'
      ]
    ],
    [
      'an arrayPath string',
      { '@arrayPath': '$.products' },
      ['/@arrayPath should be an array but it is a string.']
    ],
    [
      'an arrayPath with a number path',
      { '@arrayPath': [3] },
      ['/@arrayPath/0 should be a string or a mapping directive but it is a number.']
    ],
    [
      'an arrayPath shape with a bad directive',
      { '@arrayPath': ['$.p', { sku: { '@path': 1 } }] },
      ['/@arrayPath/1/sku/@path should be a string or a mapping directive but it is a number.']
    ],
    [
      'an if without a condition',
      { a: { '@if': { then: 1 } } },
      ['/a/@if should have field "exists" or "blank" but it doesn\'t.']
    ],
    [
      'an if that is not an object',
      { a: { '@if': 'x' } },
      ['/a/@if should be an object but it is a string.']
    ],
    [
      'an if whose branch is invalid',
      { a: { '@if': { exists: 1, then: { '@nope': 1 } } } },
      ['/a/@if/then has an invalid directive: @nope.']
    ],
    [
      'a case without operator',
      { '@case': { value: 'a' } },
      ['/@case should have field "operator" but it doesn\'t.']
    ],
    [
      'a case with a bad operator',
      { '@case': { operator: 'title', value: 'a' } },
      ['/@case/operator should be one of lower, upper but it is "title".']
    ],
    [
      'a json with a bad mode',
      { '@json': { mode: 'yaml', value: 1 } },
      ['/@json/mode should be one of encode, decode but it is "yaml".']
    ],
    [
      'a json without value',
      { '@json': { mode: 'encode' } },
      ['/@json should have field "value" but it doesn\'t.']
    ],
    [
      'a flatten without separator',
      { '@flatten': { value: {} } },
      ['/@flatten should have field "separator" but it doesn\'t.']
    ],
    [
      'a flatten with a number separator',
      { '@flatten': { value: {}, separator: 1 } },
      ['/@flatten/separator should be a string but it is a number.']
    ],
    [
      'merge objects that are not objects',
      { m: { '@merge': { objects: [{ a: 1 }, 'x', { '@path': 2 }], direction: 'right' } } },
      [
        '/m/@merge/objects/1 should be an object or a mapping directive but it is a string.',
        '/m/@merge/objects/2/@path should be a string or a mapping directive but it is a number.'
      ]
    ],
    [
      'a merge with a nested bad directive in an object',
      { '@merge': { objects: [{ a: { '@bad': 1 } }], direction: 'left' } },
      ['/@merge/objects/0/a has an invalid directive: @bad.']
    ],
    [
      'a merge with a bad direction and no objects',
      { '@merge': { direction: 'up' } },
      [
        '/@merge should have field "objects" but it doesn\'t.',
        '/@merge/direction should be one of left, right but it is "up".'
      ]
    ],
    [
      'a merge whose objects is not an array',
      { '@merge': { objects: {}, direction: 'left' } },
      ['/@merge/objects should be an array but it is an object.']
    ],
    [
      'a transform without mapping',
      { '@transform': { apply: 'x' } },
      [
        '/@transform/apply should be an object or a mapping directive but it is a string.',
        '/@transform should have field "mapping" but it doesn\'t.'
      ]
    ],
    [
      'array elements are validated',
      { list: [{ '@path': 'a' }, { '@path': false }, [{ '@x': 1 }]] },
      [
        '/list/1/@path should be a string or a mapping directive but it is a boolean.',
        '/list/2/0 has an invalid directive: @x.'
      ]
    ],
    [
      'a coalesce that is not an array',
      { '@coalesce': 'a' },
      ['/@coalesce should be an array but it is a string.']
    ],
    [
      'coalesce elements are validated',
      { '@coalesce': ['a', { '@path': null }] },
      ['/@coalesce/1/@path should be a string or a mapping directive but it is a null.']
    ],
    [
      'a function value',
      { a: () => 1 },
      ['/a should be a mapping directive or a JSON value but it is a function.']
    ],
    [
      'a literal holding a function',
      { '@literal': { f: () => 1 } },
      ['/@literal/f should be a mapping directive or a JSON value but it is a function.']
    ],
    [
      'a literal holding a bad directive',
      { '@literal': { a: { '@path': 1 } } },
      ['/@literal/a/@path should be a string or a mapping directive but it is a number.']
    ],
    [
      'a root directive that is not one directive',
      { __segment_internal_directive: { '@transform': {}, '@path': 'x' }, a: 1 },
      ['/__segment_internal_directive should be an object with one directive whose value is an object.']
    ],
    [
      'a root directive whose value is not an object',
      { __segment_internal_directive: { '@transform': 'x' } },
      ['/__segment_internal_directive should be an object with one directive whose value is an object.']
    ],
    [
      'a root transform without apply',
      { __segment_internal_directive: { '@transform': {} }, a: 1 },
      ['/__segment_internal_directive/@transform should have field "apply" but it doesn\'t.']
    ],
    [
      'a prototype key',
      JSON.parse('{"__proto__": {"x": 1}, "ok": 1}'),
      ['/ should not have the key "__proto__".']
    ],
    [
      'a template over its length limit',
      { t: { '@template': long(100_001) } },
      ['/t/@template should be a string of length 100000 or less.']
    ],
    [
      'a liquid template over 1000 characters',
      { l: { '@liquid': long(1001) } },
      ['/l/@liquid should be a string of length 1000 or less.']
    ],
    [
      'a liquid that is not a string',
      { l: { '@liquid': 1 } },
      ['/l/@liquid should be a string but it is a number.']
    ],
    [
      'a liquid for loop',
      { l: { '@liquid': '{% for p in properties.products %}{{ p.sku }}{% endfor %}' } },
      ['/l/@liquid uses the disabled Liquid tag "for".']
    ],
    [
      'a liquid include',
      { l: { '@liquid': '{% include "secrets" %}' } },
      ['/l/@liquid uses the disabled Liquid tag "include".']
    ],
    [
      'a liquid render, layout and tablerow',
      {
        a: { '@liquid': '{% render "x" %}' },
        b: { '@liquid': '{% layout "x" %}' },
        c: { '@liquid': '{% tablerow x in y %}{% endtablerow %}' }
      },
      [
        '/a/@liquid uses the disabled Liquid tag "render".',
        '/b/@liquid uses the disabled Liquid tag "layout".',
        '/c/@liquid uses the disabled Liquid tag "tablerow".'
      ]
    ],
    [
      'a liquid _exp filter',
      { l: { '@liquid': '{{ properties.products | where_exp: "p", "p.price > 20" | size }}' } },
      ['/l/@liquid uses the disabled Liquid filter "where_exp".']
    ],
    [
      'a liquid disabled filter inside a branch and a {% liquid %} block',
      {
        a: [{ '@liquid': '{% if x %}{{ x | type }}{% endif %}' }],
        b: { '@liquid': '{% liquid\nassign y = x | has_exp: "i", "i"\necho y %}' }
      },
      [
        '/a/0/@liquid uses the disabled Liquid filter "type".',
        '/b/@liquid uses the disabled Liquid filter "has_exp".'
      ]
    ],
    [
      'a liquid syntax error',
      { l: { '@liquid': '{% if %}' } },
      ['/l/@liquid is not a valid Liquid template: invalid value expression: "", line:1, col:6.']
    ],
    [
      'pointers escape ~ and /',
      { 'a/b': { 'c~d': { '@path': 1 } } },
      ['/a~1b/c~0d/@path should be a string or a mapping directive but it is a number.']
    ]
  ])('%s', (_title, mapping, messages) => {
    const problems = validateMapping(mapping)
    expect(problems.map((problem) => problem.message)).toEqual(messages)
    for (const problem of problems) expect(problem.message.startsWith(`${problem.pointer} `)).toBe(true)
  })

  it.each<[string, unknown]>([
    ['raw values', { a: 1, b: 'x', c: null, d: true, e: [1, { f: 2 }], g: undefined }],
    [
      'every directive',
      {
        a: { '@path': '$.a' },
        b: { '@template': '{{a}}' },
        c: { '@literal': { a: { '@path': 'x' }, b: '{{x}}' } },
        d: { '@if': { blank: { '@path': 'a' }, then: 1, else: 2 } },
        e: { '@arrayPath': ['$.items', { id: { '@path': 'id' } }] },
        f: { '@case': { operator: 'UPPER', value: 'a' } },
        g: {
          '@replace': {
            value: 'a',
            pattern: 'a',
            replacement: 'b',
            pattern2: 'c',
            replacement2: 'd',
            global: false,
            ignorecase: true
          }
        },
        h: { '@json': { mode: 'decode', value: '{}' } },
        i: { '@flatten': { value: {}, separator: '.', omitArrays: true } },
        j: { '@merge': { objects: [{}, { '@path': 'x' }], direction: 'left' } },
        k: { '@transform': { apply: { x: 1 }, mapping: { '@path': 'x' } } },
        l: { '@excludeWhenNull': { '@path': 'x' } },
        m: { '@liquid': '{{ a | upcase }}' },
        n: { '@coalesce': [{ '@path': 'a' }, 'b'] },
        o: { '@path': '$.x', _metadata: { label: 'editor notes' } }
      }
    ],
    ['a primitive root', 'text'],
    ['a directive root', { '@path': '$.properties' }],
    ['an array root', [{ '@path': '$.a' }]]
  ])('accepts %s', (_title, mapping) => {
    expect(validateMapping(mapping)).toEqual([])
  })

  it('reports a disabled Liquid tag or filter with the pointer of its directive', () => {
    const mapping = {
      user: { name: { '@liquid': '{% for p in properties.products %}{{ p.name }}{% endfor %}' } },
      items: [{ '@liquid': '{{ properties.products | find_exp: "p", "p.price > 20" }}' }]
    }
    const problems = [
      {
        pointer: '/user/name/@liquid',
        message: '/user/name/@liquid uses the disabled Liquid tag "for".'
      },
      {
        pointer: '/items/0/@liquid',
        message: '/items/0/@liquid uses the disabled Liquid filter "find_exp".'
      }
    ]
    expect(validateMapping(mapping)).toEqual(problems)
    let caught: unknown
    try {
      compileMapping(mapping)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(MappingError)
    expect((caught as MappingError).problems).toEqual(problems)
  })

  it.each([
    'sort',
    'sort_natural',
    'uniq',
    'map: "sku"',
    'concat: properties.products',
    'reverse',
    'reject: "brand"',
    'group_by: "category"',
    'has: "sku", "MUG-WHT"',
    'find: "sku", "MUG-WHT"',
    'find_index: "sku", "MUG-WHT"',
    'array_to_sentence_string',
    'newline_to_br'
  ])('accepts the Liquid filter %s, which the compatible runtime refuses', (filter) => {
    expect(validateMapping({ a: { '@liquid': `{{ properties.products | ${filter} }}` } })).toEqual([])
  })

  it('compiles and renders a template with a filter the compatible runtime refuses', () => {
    const mapping = { skus: { '@liquid': '{{ properties.products | map: "sku" | sort | join: "," }}' } }
    expect(validateMapping(mapping)).toEqual([])
    const event = { properties: { products: [{ sku: 'b' }, { sku: 'c' }, { sku: 'a' }] } }
    expect(compileMapping(mapping)(event)).toEqual({ skus: 'a,b,c' })
  })

  it('rejects a mapping nested 33 levels deep and accepts 32', () => {
    const nest = (levels: number): unknown => {
      let node: unknown = { '@path': '$.x' }
      for (let i = 1; i < levels; i++) node = { a: node }
      return node
    }
    expect(validateMapping(nest(32))).toEqual([])
    const problems = validateMapping(nest(33))
    expect(problems).toHaveLength(1)
    expect(problems[0].message).toBe(`/${Array(32).fill('a').join('/')} is nested deeper than 32 levels.`)
  })

  it('rejects a cyclic mapping instead of overflowing the stack', () => {
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(validateMapping(cyclic)[0].message).toMatch(/is nested deeper than 32 levels\.$/)
  })

  it('rejects deep literals and deep arrays too', () => {
    let literal: unknown = 1
    for (let i = 0; i < 40; i++) literal = [literal]
    expect(validateMapping({ '@literal': literal })[0].message).toMatch(/is nested deeper than 32 levels\.$/)
  })
})

describe('compileMapping errors', () => {
  it('throws one MappingError listing every problem', () => {
    const mapping = { a: { '@path': true }, b: { '@oops': 1 }, c: [{ '@arrayPath': 'x' }] }
    let caught: unknown
    try {
      compileMapping(mapping)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(MappingError)
    expect(caught).toBeInstanceOf(IntegrationError)
    const error = caught as MappingError
    expect(error.code).toBe(ErrorCodes.INVALID_MAPPING)
    expect(error.status).toBe(400)
    expect(error.retryable).toBe(false)
    expect(error.problems).toEqual([
      {
        pointer: '/a/@path',
        message: '/a/@path should be a string or a mapping directive but it is a boolean.'
      },
      { pointer: '/b', message: '/b has an invalid directive: @oops.' },
      { pointer: '/c/0/@arrayPath', message: '/c/0/@arrayPath should be an array but it is a string.' }
    ])
    expect(error.message).toBe(error.problems.map((problem) => problem.message).join(' '))
  })
})
