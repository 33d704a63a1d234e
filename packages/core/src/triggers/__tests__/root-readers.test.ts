import { compileTrigger } from '../compile.js'
import { TRIGGER_ROOT_FIELDS } from '../fields.js'
import { ROOT_READERS } from '../root-readers.js'

const roots = Object.keys(TRIGGER_ROOT_FIELDS)
const objectPrototype = Object.prototype as Record<string, unknown>

/** Runs `body` with `Object.prototype[name]` defined as given, then removes it again. */
function withPolluted(name: string, descriptor: PropertyDescriptor, body: () => void): void {
  Object.defineProperty(Object.prototype, name, { configurable: true, ...descriptor })
  try {
    body()
  } finally {
    delete objectPrototype[name]
  }
}

describe('ROOT_READERS', () => {
  it('has a reader for every root field and no other', () => {
    expect(Object.keys(ROOT_READERS).sort()).toEqual([...roots].sort())
  })

  it.each(roots)('%s: reads an own value of a plain object, undefined when it is missing', (root) => {
    const read = ROOT_READERS[root]
    const value = { marker: root }
    expect(read({ [root]: value })).toBe(value)
    expect(read(JSON.parse(JSON.stringify({ [root]: 'x', other: 1 })))).toBe('x')
    expect(read({ [root]: null })).toBe(null)
    expect(read({ [root]: undefined })).toBe(undefined)
    expect(read({})).toBe(undefined)
  })

  it.each(roots)('%s: reads own values only, whatever the prototype', (root) => {
    const read = ROOT_READERS[root]
    expect(read(Object.create({ [root]: 'inherited' }))).toBe(undefined)
    expect(read(Object.assign(Object.create({ [root]: 'inherited' }), { [root]: 'own' }))).toBe('own')
    expect(read(Object.assign(Object.create(null), { [root]: 'own' }))).toBe('own')
    expect(read(Object.create(null))).toBe(undefined)
    class Event {
      get [root]() {
        return 'getter on the prototype'
      }
    }
    expect(read(new Event())).toBe(undefined)
    expect(read(Object.assign([], { [root]: 'own' }))).toBe('own')
  })

  it.each([null, undefined, 'track', 42, true, () => 'track'])('reads nothing from %s', (event) => {
    for (const root of roots) expect(ROOT_READERS[root](event)).toBe(undefined)
  })

  it.each(roots)('%s: never reads a polluted Object.prototype, even after many fast reads', (root) => {
    const read = ROOT_READERS[root]
    for (let i = 0; i < 20_000; i++) read(i % 2 ? { [root]: i } : {})
    withPolluted(root, { value: 'polluted', writable: true }, () => {
      expect(read({})).toBe(undefined)
      expect(read(JSON.parse('{"other": 1}'))).toBe(undefined)
      expect(read({ [root]: 'own' })).toBe('own')
    })
    expect(read({})).toBe(undefined)
    expect(read({ [root]: 'own' })).toBe('own')
  })

  it.each(roots)('%s: never calls a getter put on Object.prototype', (root) => {
    const read = ROOT_READERS[root]
    const get = vi.fn(() => 'polluted')
    withPolluted(root, { get }, () => {
      expect(read({})).toBe(undefined)
      expect(read(Object.create(null))).toBe(undefined)
    })
    expect(get).not.toHaveBeenCalled()
  })
})

describe('compileTrigger with a polluted Object.prototype', () => {
  it('matches on own fields only, at the root and below it', () => {
    const matches = compileTrigger('type = "track" and properties.total > 100')
    const own = { type: 'track', properties: { total: 141.48 } }
    for (let i = 0; i < 20_000; i++) matches(i % 2 ? own : { type: 'page' })
    withPolluted('type', { value: 'track', writable: true }, () => {
      withPolluted('total', { value: 500, writable: true }, () => {
        expect(matches({ properties: { total: 141.48 } })).toBe(false)
        expect(matches({ type: 'track', properties: {} })).toBe(false)
        expect(matches(own)).toBe(true)
      })
    })
    expect(matches(own)).toBe(true)
  })
})
