import type { DependsOnConditions, InputField } from '../../definition/types.js'
import { describeConditions } from '../required-conditions.js'
import { createPayloadValidator } from '../validate.js'

function validatorWith(required: DependsOnConditions, extra: Record<string, InputField> = {}) {
  return createPayloadValidator({
    channel: { label: 'Channel', type: 'string', allowNull: true },
    kind: { label: 'Kind', type: 'string' },
    email: { label: 'Email', type: 'string', required },
    ...extra
  })
}

const missingEmail = "The root value is missing the required field 'email'"

describe('conditional required', () => {
  it('is: requires the field when the other field has the value', () => {
    const validate = validatorWith({ conditions: [{ fieldKey: 'channel', operator: 'is', value: 'email' }] })
    const result = validate({ channel: 'email' })
    expect(result.valid).toBe(false)
    expect(!result.valid && result.message).toBe(`${missingEmail} (required when 'channel' is "email").`)
    expect(validate({ channel: 'sms' }).valid).toBe(true)
    expect(validate({}).valid).toBe(true)
    expect(validate({ channel: 'email', email: 'a@b.c' }).valid).toBe(true)
  })

  it('is_not: requires the field when the other field is present with another value', () => {
    const validate = validatorWith({
      conditions: [{ fieldKey: 'channel', operator: 'is_not', value: 'sms' }]
    })
    expect(validate({ channel: 'email' }).valid).toBe(false)
    expect(validate({ channel: 'sms' }).valid).toBe(true)
    // Like the peer runtime: an absent field does not trigger `is_not`.
    expect(validate({}).valid).toBe(true)
  })

  it('is undefined: requires the field when the other field is absent or null', () => {
    const validate = validatorWith({
      conditions: [{ fieldKey: 'channel', operator: 'is', value: undefined }]
    })
    expect(validate({}).valid).toBe(false)
    expect(validate({ channel: null }).valid).toBe(false)
    expect(validate({ channel: 'sms' }).valid).toBe(true)
  })

  it('is_not undefined: requires the field when the other field has a value', () => {
    const validate = validatorWith({
      conditions: [{ fieldKey: 'channel', operator: 'is_not', value: undefined }]
    })
    expect(validate({ channel: 'sms' }).valid).toBe(false)
    expect(validate({ channel: null }).valid).toBe(true)
    expect(validate({}).valid).toBe(true)
  })

  it('match all (the default) needs every condition', () => {
    const validate = validatorWith({
      conditions: [
        { fieldKey: 'channel', operator: 'is', value: 'email' },
        { fieldKey: 'kind', operator: 'is', value: 'marketing' }
      ]
    })
    expect(validate({ channel: 'email', kind: 'marketing' }).valid).toBe(false)
    expect(validate({ channel: 'email', kind: 'transactional' }).valid).toBe(true)
    expect(validate({ kind: 'marketing' }).valid).toBe(true)
  })

  it('match any needs one condition', () => {
    const validate = validatorWith({
      match: 'any',
      conditions: [
        { fieldKey: 'channel', operator: 'is', value: 'email' },
        { fieldKey: 'kind', operator: 'is', value: 'marketing' }
      ]
    })
    expect(validate({ kind: 'marketing' }).valid).toBe(false)
    expect(validate({ channel: 'email' }).valid).toBe(false)
    expect(validate({ channel: 'sms', kind: 'transactional' }).valid).toBe(true)
  })

  it('an array value means one of the values', () => {
    const validate = validatorWith({
      conditions: [{ fieldKey: 'channel', operator: 'is', value: ['email', 'both'] }]
    })
    expect(validate({ channel: 'both' }).valid).toBe(false)
    expect(validate({ channel: 'sms' }).valid).toBe(true)
  })

  it('a dotted key reads inside an object field', () => {
    const validate = validatorWith(
      { conditions: [{ fieldKey: 'address.country', operator: 'is', value: 'US' }] },
      {
        address: {
          label: 'Address',
          type: 'object',
          properties: { country: { label: 'Country', type: 'string' } }
        }
      }
    )
    expect(validate({ address: { country: 'US' } }).valid).toBe(false)
    expect(validate({ address: { country: 'FR' } }).valid).toBe(true)
  })

  it('a condition on the sync mode never makes a payload field required', () => {
    const validate = validatorWith({ conditions: [{ type: 'syncMode', operator: 'is', value: 'add' }] })
    expect(validate({}).valid).toBe(true)
  })

  it('a sub-field of an object is required by its siblings, naming the object', () => {
    const validate = createPayloadValidator({
      channel: { label: 'Channel', type: 'string' },
      contact: {
        label: 'Contact',
        type: 'object',
        properties: {
          channel: { label: 'Contact Channel', type: 'string' },
          email: {
            label: 'Email',
            type: 'string',
            required: { conditions: [{ fieldKey: 'channel', operator: 'is', value: 'email' }] }
          }
        }
      }
    })
    const result = validate({ channel: 'sms', contact: { channel: 'email' } })
    expect(result.valid).toBe(false)
    expect(!result.valid && result.errors).toEqual([
      {
        path: '/contact/email',
        field: 'email',
        keyword: 'required',
        message: `Contact is missing the required field 'email' (required when 'channel' is "email").`
      }
    ])
    expect(validate({ contact: { channel: 'email', email: 'a@b.c' } }).valid).toBe(true)
    expect(validate({ contact: { channel: 'sms' } }).valid).toBe(true)
    // The root field of the same name is not the sibling the condition names.
    expect(validate({ channel: 'email', contact: {} }).valid).toBe(true)
  })

  describe('one scope for single objects and for each item of multiple objects', () => {
    const address = (fieldKey: string, multiple: boolean): InputField => ({
      label: 'Address',
      type: 'object',
      multiple,
      properties: {
        country: { label: 'Country', type: 'string' },
        state: {
          label: 'State',
          type: 'string',
          required: { conditions: [{ fieldKey, operator: 'is', value: 'US' }] }
        }
      }
    })
    const messageOf = (result: ReturnType<ReturnType<typeof createPayloadValidator>>) =>
      result.valid ? undefined : result.message

    it('single object, sibling key: required when the sibling holds', () => {
      const validate = createPayloadValidator({ addr: address('country', false) })
      expect(messageOf(validate({ addr: { country: 'US' } }))).toBe(
        `Address is missing the required field 'state' (required when 'country' is "US").`
      )
      expect(validate({ addr: { country: 'US', state: 'CA' } }).valid).toBe(true)
      expect(validate({ addr: { country: 'FR' } }).valid).toBe(true)
    })

    it('multiple objects, sibling key: the same rule for each item', () => {
      const validate = createPayloadValidator({ addr: address('country', true) })
      const result = validate({ addr: [{ country: 'FR' }, { country: 'US' }] })
      expect(messageOf(result)).toBe(
        `Address item 2 is missing the required field 'state' (required when 'country' is "US").`
      )
      expect(!result.valid && result.errors.map((error) => error.path)).toEqual(['/addr/1/state'])
      expect(validate({ addr: [{ country: 'US', state: 'CA' }, { country: 'FR' }] }).valid).toBe(true)
    })

    it.each([false, true])(
      'dotted key from the root (multiple: %s): names no sibling, so it never holds, alike in both',
      (multiple) => {
        const validate = createPayloadValidator({ addr: address('addr.country', multiple) })
        const addr = { country: 'US' }
        expect(validate({ addr: multiple ? [addr] : addr }).valid).toBe(true)
      }
    )

    it('a root field is not a sibling of sub-fields, also for a root field of the same key', () => {
      const validate = createPayloadValidator({
        country: { label: 'Country', type: 'string' },
        addr: address('country', false)
      })
      expect(validate({ country: 'US', addr: {} }).valid).toBe(true)
      expect(validate({ country: 'FR', addr: { country: 'US' } }).valid).toBe(false)
    })

    it('a dotted key reaches into a sibling object, not into a list of them', () => {
      const fields: Record<string, InputField> = {
        billing: {
          label: 'Billing',
          type: 'object',
          properties: { country: { label: 'Country', type: 'string' } }
        },
        lines: {
          label: 'Lines',
          type: 'object',
          multiple: true,
          properties: { country: { label: 'Country', type: 'string' } }
        },
        vat: {
          label: 'VAT',
          type: 'string',
          required: {
            match: 'any',
            conditions: [
              { fieldKey: 'billing.country', operator: 'is', value: 'FR' },
              { fieldKey: 'lines.country', operator: 'is', value: 'FR' }
            ]
          }
        }
      }
      const validate = createPayloadValidator(fields)
      expect(validate({ billing: { country: 'FR' } }).valid).toBe(false)
      // An array has no key 'country': the condition does not hold (it used to, vacuously).
      expect(validate({ lines: [{ country: 'FR' }] }).valid).toBe(true)
    })
  })

  it('inside an array of objects, conditions are checked per item', () => {
    const validate = createPayloadValidator({
      items: {
        label: 'Items',
        type: 'object',
        multiple: true,
        properties: {
          kind: { label: 'Kind', type: 'string' },
          sku: {
            label: 'SKU',
            type: 'string',
            required: { conditions: [{ fieldKey: 'kind', operator: 'is', value: 'product' }] }
          }
        }
      }
    })
    const result = validate({ items: [{ kind: 'product', sku: 'a' }, { kind: 'product' }, { kind: 'fee' }] })
    expect(!result.valid && result.errors.map((error) => error.path)).toEqual(['/items/1/sku'])
  })

  it('describes its conditions in words', () => {
    expect(
      describeConditions({
        match: 'any',
        conditions: [
          { fieldKey: 'a', operator: 'is_not', value: 1 },
          { fieldKey: 'b', operator: 'is', value: undefined },
          { fieldKey: 'c', operator: 'is_not', value: ['x', 'y'] },
          { type: 'syncMode', operator: 'is', value: 'upsert' }
        ]
      })
    ).toBe(`when 'a' is not 1 or 'b' is empty or 'c' is none of "x", "y" or the sync mode is "upsert"`)
  })
})
