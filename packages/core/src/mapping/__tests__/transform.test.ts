import { ErrorCodes } from '../../errors/error-codes.js'
import { MappingError } from '../mapping-error.js'
import { transform, transformBatch } from '../transform.js'
import { loadEvent } from './fixtures.js'

describe('transform (compatible API)', () => {
  it('resolves a mapping against an event', () => {
    const event = loadEvent('identify')
    expect(transform({ id: { '@path': '$.userId' }, type: { '@path': '$.type' } }, event)).toEqual({
      id: event.userId,
      type: 'identify'
    })
  })

  it('defaults the event to {}', () => {
    expect(transform({ a: { '@path': '$.x' }, b: 1 })).toEqual({ b: 1 })
  })

  it('compiles a mapping once and reuses it, keyed by the mapping object', () => {
    const mapping = { id: { '@path': '$.userId' } }
    const event = { userId: 'u', other: 'o' }
    expect(transform(mapping, event)).toEqual({ id: 'u' })
    // The cached compiled function is used: a change made after first use is not seen.
    mapping.id['@path'] = '$.other'
    expect(transform(mapping, event)).toEqual({ id: 'u' })
    expect(transformBatch(mapping, [event])).toEqual([{ id: 'u' }])
    // Another object with the same content is another identity, compiled on its own.
    expect(transform({ id: { '@path': '$.other' } }, event)).toEqual({ id: 'o' })
  })

  it('throws a MappingError for an invalid mapping, every time', () => {
    const mapping = { a: { '@path': 1 } }
    expect(() => transform(mapping, {})).toThrow(MappingError)
    expect(() => transform(mapping, {})).toThrow(
      '/a/@path should be a string or a mapping directive but it is a number.'
    )
  })

  it.each<[unknown, string]>([
    ['text', 'The event must be an object but it is a string.'],
    [[1], 'The event must be an object but it is an array.'],
    [null, 'The event must be an object but it is a null.']
  ])('refuses the event %j', (event, message) => {
    expect(() => transform({}, event)).toThrow(message)
    try {
      transform({}, event)
    } catch (error) {
      expect((error as { code: string }).code).toBe(ErrorCodes.INVALID_EVENT)
      expect((error as { retryable: boolean }).retryable).toBe(false)
    }
  })

  it.each<[unknown, string]>([
    ['text', 'The event must be an object but it is a string.'],
    [[1], 'The event must be an object but it is an array.'],
    [null, 'The event must be an object but it is a null.'],
    [7, 'The event must be an object but it is a number.']
  ])('transformBatch refuses the event %j as transform does', (event, message) => {
    expect(() => transformBatch({ y: { '@path': '$' } }, [{ a: 1 }, event])).toThrow(message)
    try {
      transformBatch({ y: { '@path': '$' } }, [{ a: 1 }, event])
    } catch (error) {
      expect((error as { code: string }).code).toBe(ErrorCodes.INVALID_EVENT)
      expect((error as { retryable: boolean }).retryable).toBe(false)
    }
  })

  it('transformBatch reads an undefined event as {}, as transform does', () => {
    expect(transformBatch({ n: 1, m: { '@path': '$.m' } }, [undefined, { m: 2 }])).toEqual([
      transform({ n: 1, m: { '@path': '$.m' } }, undefined),
      { n: 1, m: 2 }
    ])
  })

  it('transformBatch maps every event and refuses a non-array', () => {
    expect(transformBatch({ n: { '@path': '$.n' } }, [{ n: 1 }, { n: 2 }, {}])).toEqual([
      { n: 1 },
      { n: 2 },
      {}
    ])
    expect(transformBatch({ n: 1 })).toEqual([])
    expect(() => transformBatch({}, {} as unknown)).toThrow(
      'The events must be an array but they are an object.'
    )
  })
})
