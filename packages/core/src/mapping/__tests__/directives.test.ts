import { compileMapping } from '../compile.js'
import { deepFreeze, loadEvent } from './fixtures.js'

const order = deepFreeze(loadEvent('track-order-completed'))
const edge = deepFreeze(loadEvent('track-unicode-edge'))

const sample = deepFreeze({
  type: 'track',
  userId: 'u1',
  anonymousId: null,
  traits: { first_name: 'Ada', last_name: null, nickname: '', age: 36, vip: false, zero: 0 },
  properties: { total: 12.5, tags: ['a', 'b'], empty: [], nested: { a: { b: 1 } }, text: 'Hello World' },
  integrations: { 'Actions Amplitude': { session_id: 42 } }
})

type Case = [title: string, mapping: unknown, expected: unknown, event?: object]

/** Runs a mapping `{ out: <directive> }` and returns what `out` became (undefined when omitted). */
function resolveOut(directive: unknown, event: object = sample): unknown {
  const payload = compileMapping<Record<string, unknown>>({ out: directive })(event)
  return Object.hasOwn(payload, 'out') ? payload.out : undefined
}

function table(cases: Case[]): void {
  it.each(cases)('%s', (_title, mapping, expected, event) => {
    expect(resolveOut(mapping, event)).toEqual(expected)
  })
}

describe('@path', () => {
  table([
    ['a $. path', { '@path': '$.userId' }, 'u1'],
    ['a path without $.', { '@path': 'traits.first_name' }, 'Ada'],
    ['an array index', { '@path': '$.properties.tags[1]' }, 'b'],
    ['an index then a key', { '@path': '$.properties.products[0].sku' }, 'TEE-BLK-M', order],
    ['a key with spaces', { '@path': '$.integrations.Actions Amplitude.session_id' }, 42],
    ['a quoted key with dots', { '@path': "$.properties['dots.in.key']" }, 'literal', edge],
    ['a missing segment', { '@path': '$.traits.missing.deeper' }, undefined],
    ['a path through a primitive', { '@path': '$.userId.length' }, undefined],
    // A deliberate difference: the compatible runtime reads a string's length and characters.
    ['a string index reads nothing', { '@path': '$.userId[0]' }, undefined],
    ['null is kept', { '@path': '$.anonymousId' }, null],
    ['an empty string is kept', { '@path': '$.traits.nickname' }, ''],
    ['an object value', { '@path': '$.properties.nested' }, { a: { b: 1 } }],
    ['$ alone is the whole event', { '@path': '$' }, sample],
    ["'' is the whole event", { '@path': '' }, sample],
    [
      'a path produced by a directive',
      { '@path': { '@template': 'traits.{{properties.field}}' } },
      'Ada',
      {
        ...sample,
        properties: { field: 'first_name' }
      }
    ],
    ['a directive producing a non-string gives nothing', { '@path': { '@path': '$.traits.age' } }, undefined]
  ])
})

describe('@template', () => {
  table([
    ['placeholders', { '@template': 'Hi {{traits.first_name}} ({{traits.age}})' }, 'Hi Ada (36)'],
    ['triple braces', { '@template': '{{{traits.first_name}}}!' }, 'Ada!'],
    ['spaces inside braces', { '@template': '{{ traits.first_name }}' }, 'Ada'],
    ['missing and null render empty', { '@template': '[{{traits.missing}}|{{traits.last_name}}]' }, '[|]'],
    ['false and 0 render as text', { '@template': '{{traits.vip}} {{traits.zero}}' }, 'false 0'],
    [
      'no HTML escaping',
      { '@template': '{{properties.html}}' },
      '<b>&</b>',
      { properties: { html: '<b>&</b>' } }
    ],
    ['arrays join with commas', { '@template': '{{properties.tags}}' }, 'a,b'],
    ['no placeholders', { '@template': 'plain text' }, 'plain text'],
    ['a key with spaces', { '@template': 'id={{integrations.Actions Amplitude.session_id}}' }, 'id=42'],
    [
      'values are never re-scanned for placeholders',
      { '@template': '{{{traits.a}}} {{traits.b}}' },
      '{{traits.b}} x',
      {
        traits: { a: '{{traits.b}}', b: 'x' }
      }
    ],
    [
      'a template produced by a directive',
      { '@template': { '@path': '$.properties.tpl' } },
      'Ada',
      {
        ...sample,
        properties: { tpl: '{{traits.first_name}}' }
      }
    ]
  ])
})

describe('@literal', () => {
  table([
    ['a string that looks like a template', { '@literal': '{{traits.first_name}}' }, '{{traits.first_name}}'],
    ['a number', { '@literal': 0 }, 0],
    ['false', { '@literal': false }, false],
    ['null', { '@literal': null }, null],
    [
      'directives nested in an object are resolved (compatible)',
      { '@literal': { a: { '@path': '$.userId' }, b: { '@path': '$.nope' } } },
      { a: 'u1' }
    ],
    ['strings in an object are not templates', { '@literal': { a: '{{userId}}' } }, { a: '{{userId}}' }],
    ['an array', { '@literal': [1, 'two'] }, [1, 'two']]
  ])
})

describe('@if', () => {
  const ifExists = (value: unknown) => ({ '@if': { exists: value, then: 'yes', else: 'no' } })
  const ifBlank = (value: unknown) => ({ '@if': { blank: value, then: 'filled', else: 'blank' } })
  table([
    ['exists: a value', ifExists({ '@path': '$.userId' }), 'yes'],
    ['exists: undefined', ifExists({ '@path': '$.missing' }), 'no'],
    ['exists: null', ifExists({ '@path': '$.anonymousId' }), 'no'],
    ["exists: '' exists", ifExists({ '@path': '$.traits.nickname' }), 'yes'],
    ['exists: 0 exists', ifExists({ '@path': '$.traits.zero' }), 'yes'],
    ['exists: false exists', ifExists({ '@path': '$.traits.vip' }), 'yes'],
    ['blank: a value', ifBlank({ '@path': '$.userId' }), 'filled'],
    ['blank: undefined', ifBlank({ '@path': '$.missing' }), 'blank'],
    ['blank: null', ifBlank({ '@path': '$.anonymousId' }), 'blank'],
    ["blank: ''", ifBlank({ '@path': '$.traits.nickname' }), 'blank'],
    ['blank: 0 (compatible quirk)', ifBlank({ '@path': '$.traits.zero' }), 'blank'],
    ['blank: false (compatible quirk)', ifBlank({ '@path': '$.traits.vip' }), 'blank'],
    ['blank: an empty array (compatible quirk)', ifBlank({ '@path': '$.properties.empty' }), 'blank'],
    ['blank: 36', ifBlank({ '@path': '$.traits.age' }), 'filled'],
    // The compatible runtime compares with '' loosely: an array is blank when its text is ''.
    ["blank: [''] (compatible)", ifBlank({ '@path': '$.a' }), 'blank', { a: [''] }],
    ['blank: [null] (compatible)', ifBlank({ '@path': '$.a' }), 'blank', { a: [null] }],
    ['blank: [[]] (compatible)', ifBlank({ '@path': '$.a' }), 'blank', { a: [[]] }],
    ["blank: [[['']]] (compatible)", ifBlank({ '@path': '$.a' }), 'blank', { a: [[['']]] }],
    ['blank: [0] reads "0"', ifBlank({ '@path': '$.a' }), 'filled', { a: [0] }],
    ['blank: [false] reads "false"', ifBlank({ '@path': '$.a' }), 'filled', { a: [false] }],
    ["blank: ['', ''] reads ','", ifBlank({ '@path': '$.a' }), 'filled', { a: ['', ''] }],
    ['blank: [null, null] reads ","', ifBlank({ '@path': '$.a' }), 'filled', { a: [null, null] }],
    ['blank: [{}] reads "[object Object]"', ifBlank({ '@path': '$.a' }), 'filled', { a: [{}] }],
    ["blank: ' ' is not blank", ifBlank({ '@path': '$.a' }), 'filled', { a: ' ' }],
    ['then is resolved', { '@if': { exists: { '@path': '$.userId' }, then: { '@path': '$.userId' } } }, 'u1'],
    ['missing then omits the key', { '@if': { exists: { '@path': '$.userId' }, else: 'x' } }, undefined],
    ['missing else omits the key', { '@if': { exists: { '@path': '$.nope' }, then: 'x' } }, undefined],
    ['a false else is kept', { '@if': { exists: { '@path': '$.nope' }, then: true, else: false } }, false],
    ['a raw condition', { '@if': { exists: 'constant', then: 1 } }, 1],
    [
      'coalesce, UI style',
      { '@if': { exists: { '@path': '$.nope' }, then: 1, else: { '@path': '$.userId' } } },
      'u1'
    ]
  ])
})

describe('@arrayPath', () => {
  table([
    ['the array as is', { '@arrayPath': ['$.properties.tags'] }, ['a', 'b']],
    [
      'items mapped by a shape',
      {
        '@arrayPath': [
          '$.properties.products',
          { id: { '@path': '$.product_id' }, qty: { '@path': 'quantity' } }
        ]
      },
      [
        { id: 'p-1001', qty: 2 },
        { id: 'p-2044', qty: 1 },
        { id: 'p-3090', qty: 1 }
      ],
      order
    ],
    [
      'missing item fields are omitted',
      { '@arrayPath': ['$.properties.products', { v: { '@path': '$.variant' } }] },
      [{}, {}, { v: 'natural' }],
      order
    ],
    [
      'a single object is a one-item array',
      { '@arrayPath': ['$.properties.nested', { b: { '@path': '$.a.b' } }] },
      [{ b: 1 }]
    ],
    [
      'a single object without a shape stays an object',
      { '@arrayPath': ['$.properties.nested'] },
      { a: { b: 1 } }
    ],
    ['a missing path', { '@arrayPath': ['$.properties.none', { a: 'x' }] }, undefined],
    ['a null path', { '@arrayPath': ['$.anonymousId', { a: 'x' }] }, null],
    [
      'a directive shape',
      { '@arrayPath': ['$.properties.products', { '@path': '$.sku' }] },
      ['TEE-BLK-M', 'MUG-WHT', 'BAG-CNV'],
      order
    ],
    ['a directive path', { '@arrayPath': [{ '@path': '$.properties.tags' }] }, ['a', 'b']],
    ['an empty shape is no shape', { '@arrayPath': ['$.properties.tags', {}] }, ['a', 'b']]
  ])
})

describe('@case', () => {
  table([
    ['lower', { '@case': { operator: 'lower', value: { '@path': '$.properties.text' } } }, 'hello world'],
    ['upper', { '@case': { operator: 'upper', value: { '@path': '$.properties.text' } } }, 'HELLO WORLD'],
    ['non-strings pass', { '@case': { operator: 'upper', value: { '@path': '$.traits.age' } } }, 36],
    ['missing value', { '@case': { operator: 'upper', value: { '@path': '$.nope' } } }, undefined],
    ['unicode', { '@case': { operator: 'upper', value: 'straße ü' } }, 'STRASSE Ü'],
    // As in the compatible runtime, a falsy value written in the mapping omits the key.
    ["a value of '' omits the key (compatible)", { '@case': { operator: 'upper', value: '' } }, undefined],
    ['a value of 0 omits the key (compatible)', { '@case': { operator: 'upper', value: 0 } }, undefined],
    [
      'a value of false omits the key (compatible)',
      { '@case': { operator: 'lower', value: false } },
      undefined
    ],
    [
      'a value of null omits the key (compatible)',
      { '@case': { operator: 'lower', value: null } },
      undefined
    ],
    [
      "an '' read from the event stays ''",
      { '@case': { operator: 'upper', value: { '@path': '$.traits.nickname' } } },
      ''
    ]
  ])
})

describe('@replace', () => {
  const replace = (options: object) => ({
    '@replace': { value: { '@path': '$.properties.text' }, ...options }
  })
  table([
    ['global by default', { '@replace': { value: 'a-b-c', pattern: '-', replacement: '+' } }, 'a+b+c'],
    [
      'only the first when global is false',
      { '@replace': { value: 'a-b-c', pattern: '-', replacement: '+', global: false } },
      'a+b-c'
    ],
    ['case-sensitive by default', replace({ pattern: 'world', replacement: 'there' }), 'Hello World'],
    ['ignorecase', replace({ pattern: 'WORLD', replacement: 'there', ignorecase: true }), 'Hello there'],
    [
      'ignorecase and not global',
      { '@replace': { value: 'aAaA', pattern: 'a', replacement: '-', ignorecase: true, global: false } },
      '-AaA'
    ],
    [
      'two pairs',
      replace({ pattern: 'Hello', replacement: 'Bye', pattern2: ' ', replacement2: '_' }),
      'Bye_World'
    ],
    ['missing replacement removes', replace({ pattern: 'o' }), 'Hell Wrld'],
    [
      'regex characters are literal',
      { '@replace': { value: 'a.b*c', pattern: '.', replacement: '!' } },
      'a!b*c'
    ],
    [
      'regex characters are literal with ignorecase',
      { '@replace': { value: 'A.B.c', pattern: '.B', replacement: '-', ignorecase: true } },
      'A-.c'
    ],
    [
      '$& in the replacement is literal',
      { '@replace': { value: 'ab', pattern: 'a', replacement: '$&$&' } },
      '$&$&b'
    ],
    [
      'a number is stringified',
      { '@replace': { value: { '@path': '$.properties.total' }, pattern: '.', replacement: ',' } },
      '12,5'
    ],
    [
      'a boolean is stringified',
      { '@replace': { value: { '@path': '$.traits.vip' }, pattern: 'f', replacement: 'F' } },
      'False'
    ],
    [
      "a missing value gives '' (compatible)",
      { '@replace': { value: { '@path': '$.nope' }, pattern: 'a' } },
      ''
    ],
    ["null gives '' (compatible)", { '@replace': { value: { '@path': '$.anonymousId' }, pattern: 'a' } }, ''],
    ["an object gives '' (compatible)", { '@replace': { value: { '@path': '$.traits' }, pattern: 'a' } }, ''],
    [
      'an empty string',
      { '@replace': { value: { '@path': '$.traits.nickname' }, pattern: '_', replacement: 'x' } },
      ''
    ],
    [
      'only the second pair matches',
      {
        '@replace': {
          value: { '@path': '$.traits.vip' },
          pattern: 'true',
          replacement: 'granted',
          pattern2: 'false',
          replacement2: 'denied'
        }
      },
      'denied'
    ],
    ['emoji', { '@replace': { value: '🚀🔥', pattern: '🔥', replacement: '✓' } }, '🚀✓']
  ])
})

describe('@json', () => {
  table([
    [
      'encode an object',
      { '@json': { mode: 'encode', value: { '@path': '$.properties.nested' } } },
      '{"a":{"b":1}}'
    ],
    ['encode a string', { '@json': { mode: 'encode', value: 'x' } }, '"x"'],
    ['encode nothing', { '@json': { mode: 'encode', value: { '@path': '$.nope' } } }, undefined],
    ['decode', { '@json': { mode: 'decode', value: '{"a":[1,null]}' } }, { a: [1, null] }],
    [
      'decode invalid JSON gives the string',
      { '@json': { mode: 'decode', value: '{not json' } },
      '{not json'
    ],
    [
      'decode a non-string passes it',
      { '@json': { mode: 'decode', value: { '@path': '$.traits.age' } } },
      36
    ],
    [
      'decode drops prototype keys',
      { '@json': { mode: 'decode', value: '{"__proto__":{"x":1},"a":1}' } },
      { a: 1 }
    ],
    ['mode is case-insensitive', { '@json': { mode: 'ENCODE', value: 1 } }, '1'],
    // A deliberate difference: the compatible runtime omits the key unless the mode is lower case.
    [
      'Encode encodes',
      { '@json': { mode: 'Encode', value: { '@path': '$.properties.nested' } } },
      '{"a":{"b":1}}'
    ],
    ['Decode decodes', { '@json': { mode: 'Decode', value: '{"a":1}' } }, { a: 1 }]
  ])
})

describe('@flatten', () => {
  table([
    [
      'nested objects',
      { '@flatten': { value: { '@path': '$.properties.nested' }, separator: '.' } },
      { 'a.b': 1 }
    ],
    [
      'arrays by index',
      { '@flatten': { value: { x: { '@path': '$.properties.tags' } }, separator: '_' } },
      { x_0: 'a', x_1: 'b' }
    ],
    [
      'omitArrays keeps arrays',
      { '@flatten': { value: { x: { '@path': '$.properties.tags' } }, separator: '_', omitArrays: true } },
      {
        x: ['a', 'b']
      }
    ],
    ['null leaves are kept', { '@flatten': { value: { a: { b: null } }, separator: '/' } }, { 'a/b': null }],
    [
      "omitArrays is read for its truth, 'yes' included (compatible)",
      { '@flatten': { value: { x: { '@path': '$.properties.tags' } }, separator: '_', omitArrays: 'yes' } },
      { x: ['a', 'b'] }
    ],
    [
      'a falsy omitArrays flattens arrays (compatible)',
      { '@flatten': { value: { x: { '@path': '$.properties.tags' } }, separator: '_', omitArrays: 0 } },
      { x_0: 'a', x_1: 'b' }
    ],
    [
      'a deep fixture',
      { '@flatten': { value: { '@path': '$.properties.nested' }, separator: '.' } },
      {
        'deep.deeper.deepest.0': 1,
        'deep.deeper.deepest.1.x': 'y'
      },
      edge
    ]
  ])
})

describe('@merge', () => {
  const objects = [{ a: 1, b: 1 }, { '@path': '$.properties.nested' }, { b: 2, c: 2 }]
  table([
    ['right: later objects win', { '@merge': { objects, direction: 'right' } }, { a: { b: 1 }, b: 2, c: 2 }],
    ['left with three objects', { '@merge': { objects, direction: 'left' } }, { a: 1, b: 1, c: 2 }],
    [
      "'Left' merges right, as in the compatible runtime",
      { '@merge': { objects: [{ b: 1 }, { b: 2, c: 2 }], direction: 'Left' } },
      { b: 2, c: 2 }
    ],
    [
      "'LEFT' merges right too",
      { '@merge': { objects: [{ b: 1 }, { b: 2, c: 2 }], direction: 'LEFT' } },
      { b: 2, c: 2 }
    ],
    [
      "'Right' merges right",
      { '@merge': { objects: [{ b: 1 }, { b: 2, c: 2 }], direction: 'Right' } },
      { b: 2, c: 2 }
    ],
    [
      'a hole among the objects is skipped, as in the compatible runtime',
      // eslint-disable-next-line no-sparse-arrays
      { '@merge': { objects: [{ b: 1 }, , { c: 2 }], direction: 'right' } },
      { b: 1, c: 2 }
    ],
    [
      'left: earlier objects win',
      { '@merge': { objects: [{ b: 1 }, { b: 2, c: 2 }], direction: 'left' } },
      { b: 1, c: 2 }
    ],
    [
      'non-objects are skipped',
      {
        '@merge': {
          objects: [
            { '@path': '$.userId' },
            { '@path': '$.properties.tags' },
            { '@path': '$.nope' },
            { x: 1 }
          ],
          direction: 'right'
        }
      },
      {
        x: 1
      }
    ],
    [
      'nested values are copied',
      { '@merge': { objects: [{ '@path': '$.properties' }], direction: 'right' } },
      sample.properties
    ]
  ])
})

describe('@transform', () => {
  table([
    [
      'apply then mapping',
      {
        '@transform': {
          apply: { name: { '@path': '$.traits.first_name' } },
          mapping: { greeting: { '@template': 'Hi {{name}}' } }
        }
      },
      {
        greeting: 'Hi Ada'
      }
    ],
    [
      'chained',
      {
        '@transform': {
          apply: {
            '@transform': { apply: { n: { '@path': '$.traits.age' } }, mapping: { m: { '@path': '$.n' } } }
          },
          mapping: { '@path': '$.m' }
        }
      },
      36
    ],
    [
      'apply as a directive',
      { '@transform': { apply: { '@path': '$.traits' }, mapping: { first: { '@path': 'first_name' } } } },
      { first: 'Ada' }
    ]
  ])
})

describe('@excludeWhenNull', () => {
  table([
    ['null omits the key', { '@excludeWhenNull': { '@path': '$.anonymousId' } }, undefined],
    [
      'null properties are removed recursively',
      { '@excludeWhenNull': { a: null, b: { c: null, d: 1 }, e: [null] } },
      {
        b: { d: 1 },
        e: [null]
      }
    ],
    ['a value passes', { '@excludeWhenNull': { '@path': '$.userId' } }, 'u1'],
    [
      'an event object',
      { '@excludeWhenNull': { '@path': '$.traits' } },
      { first_name: 'Ada', nickname: '', age: 36, vip: false, zero: 0 }
    ]
  ])
})

describe('@coalesce', () => {
  table([
    [
      'the first present value',
      {
        '@coalesce': [
          { '@path': '$.nope' },
          { '@path': '$.anonymousId' },
          { '@path': '$.traits.nickname' },
          { '@path': '$.userId' }
        ]
      },
      'u1'
    ],
    [
      '0 and false count as values',
      { '@coalesce': [{ '@path': '$.nope' }, { '@path': '$.traits.zero' }] },
      0
    ],
    ['a raw fallback', { '@coalesce': [{ '@path': '$.nope' }, 'fallback'] }, 'fallback'],
    ['nothing found omits the key', { '@coalesce': [{ '@path': '$.nope' }, null, ''] }, undefined],
    ['an object found is copied', { '@coalesce': [{ '@path': '$.properties.nested' }] }, { a: { b: 1 } }],
    // eslint-disable-next-line no-sparse-arrays
    ['a hole is a candidate that never wins', { '@coalesce': [, { '@path': '$.userId' }] }, 'u1']
  ])
})

describe('@liquid', () => {
  table([
    ['a variable', { '@liquid': '{{ traits.first_name }}' }, 'Ada'],
    ['a filter', { '@liquid': '{{ properties.total | times: 2 }}' }, '25'],
    ['an if tag', { '@liquid': '{% if traits.vip %}vip{% else %}regular{% endif %}' }, 'regular'],
    ['a missing variable', { '@liquid': '[{{ traits.nope }}]' }, '[]'],
    ['an empty template', { '@liquid': '' }, '']
  ])
})
