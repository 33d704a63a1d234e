/**
 * `defaultValues(fields)` (spec §8): the mapping made of the fields' defaults.
 */
import { defaultValues, transform, type InputField } from '../../index.js'
import example from '../../__tests__/example-destination/index.js'
import { deepFreeze } from '../../__tests__/fixtures.js'

describe('defaultValues', () => {
  it('keeps a field called __proto__ as a key of the mapping, never as its prototype', () => {
    const fields = JSON.parse(
      '{"__proto__": {"label": "P", "type": "object", "default": {"polluted": true}}}'
    )
    const mapping = defaultValues(fields)
    expect(Object.getPrototypeOf(mapping)).toBe(Object.prototype)
    expect(Object.keys(mapping)).toEqual(['__proto__'])
    expect((mapping as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('includes every field with a default, of any kind, and leaves out the fields without', () => {
    const fields: Record<string, InputField> = {
      name: { label: 'Name', type: 'string', default: 'Ada' },
      count: { label: 'Count', type: 'integer', default: 3 },
      zero: { label: 'Zero', type: 'number', default: 0 },
      off: { label: 'Off', type: 'boolean', default: false },
      empty: { label: 'Empty', type: 'string', default: '' },
      tags: { label: 'Tags', type: 'string', multiple: true, default: ['a', 'b'] },
      nothing: { label: 'Nothing', type: 'string', allowNull: true, default: null as never },
      email: { label: 'Email', type: 'string', format: 'email' },
      required: { label: 'Required', type: 'string', required: true },
      explicitUndefined: { label: 'Undefined', type: 'string', default: undefined }
    }
    const mapping = defaultValues(fields)
    expect(mapping).toEqual({
      name: 'Ada',
      count: 3,
      zero: 0,
      off: false,
      empty: '',
      tags: ['a', 'b'],
      nothing: null
    })
    expect(Object.keys(mapping)).toEqual(['name', 'count', 'zero', 'off', 'empty', 'tags', 'nothing'])
    expect('email' in mapping).toBe(false)
    expect('explicitUndefined' in mapping).toBe(false)
  })

  it('answers an empty mapping for no fields or no defaults', () => {
    expect(defaultValues({})).toEqual({})
    expect(defaultValues({ a: { label: 'A', type: 'string' } })).toEqual({})
  })

  it('keeps @path directive defaults as directives (not resolved)', () => {
    const mapping = defaultValues(example.actions.trackEvent.fields)
    expect(mapping).toEqual({
      event_name: { '@path': '$.event' },
      user_id: { '@path': '$.userId' },
      anonymous_id: { '@path': '$.anonymousId' },
      properties: { '@path': '$.properties' },
      revenue: { '@path': '$.properties.revenue' },
      timestamp: { '@path': '$.timestamp' }
    })
    expect(transform(mapping, { event: 'Signed Up', userId: 'u1', properties: { revenue: 9 } })).toEqual({
      event_name: 'Signed Up',
      user_id: 'u1',
      properties: { revenue: 9 },
      revenue: 9
    })
  })

  it('includes an object field’s default object whole, with nested directives and literals', () => {
    const fields: Record<string, InputField> = {
      user: {
        label: 'User',
        type: 'object',
        properties: {
          email: { label: 'Email', type: 'string' },
          plan: { label: 'Plan', type: 'string' },
          address: { label: 'Address', type: 'object' }
        },
        default: {
          email: { '@path': '$.traits.email' },
          plan: 'free',
          address: { city: { '@path': '$.traits.address.city' }, country: 'GB' }
        }
      }
    }
    const mapping = defaultValues(fields)
    expect(mapping).toEqual({
      user: {
        email: { '@path': '$.traits.email' },
        plan: 'free',
        address: { city: { '@path': '$.traits.address.city' }, country: 'GB' }
      }
    })
    expect(transform(mapping, { traits: { email: 'ada@example.com', address: { city: 'London' } } })).toEqual(
      {
        user: { email: 'ada@example.com', plan: 'free', address: { city: 'London', country: 'GB' } }
      }
    )
  })

  it('does not lift the defaults of an object field’s properties when the object has no default', () => {
    const fields: Record<string, InputField> = {
      user: {
        label: 'User',
        type: 'object',
        properties: { plan: { label: 'Plan', type: 'string', default: 'free' } }
      }
    }
    expect(defaultValues(fields)).toEqual({})
  })

  it('returns a fresh object each call: mutating one result changes neither the fields nor the next call', () => {
    const fields = deepFreeze<Record<string, InputField>>({
      event_name: { label: 'Event Name', type: 'string', default: { '@path': '$.event' } },
      user: {
        label: 'User',
        type: 'object',
        default: { email: { '@path': '$.traits.email' }, tags: ['vip'] }
      }
    })
    const first = defaultValues(fields)
    const second = defaultValues(fields)
    expect(second).not.toBe(first)
    expect(second).toEqual(first)
    expect(first.event_name).not.toBe(fields.event_name.default)
    expect(first.user).not.toBe(fields.user.default)

    // deepFreeze on the fields proves defaultValues does not write to them; the
    // results themselves are plain, writable copies.
    first.extra = 'added'
    ;(first.event_name as Record<string, unknown>)['@path'] = '$.changed'
    ;((first.user as Record<string, unknown>).tags as string[]).push('changed')
    delete (first.user as Record<string, unknown>).email

    const third = defaultValues(fields)
    expect(third).toEqual({
      event_name: { '@path': '$.event' },
      user: { email: { '@path': '$.traits.email' }, tags: ['vip'] }
    })
    expect(second).toEqual(third)
  })
})
