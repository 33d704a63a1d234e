import fc from 'fast-check'
import { compileCleanUp } from '../clean-up.js'
import { fieldsToJsonSchema, type MinimalFields } from '../fields-to-json-schema.js'
import type { ValidationWarning } from '../types.js'
import { createPayloadValidator } from '../validate.js'
import { deepFreeze } from './deep-freeze.js'

const fields: MinimalFields = {
  name: { label: 'Name', type: 'string' },
  count: { label: 'Count', type: 'integer' },
  price: { label: 'Price', type: 'number', allowNull: true },
  active: { label: 'Active', type: 'boolean' },
  at: { label: 'At', type: 'datetime' },
  tags: { label: 'Tags', type: 'string', multiple: true },
  traits: { label: 'Traits', type: 'object' },
  address: { label: 'Address', type: 'object', properties: { city: { label: 'City', type: 'string' } } },
  items: {
    label: 'Items',
    type: 'object',
    multiple: true,
    properties: { qty: { label: 'Qty', type: 'number' } }
  }
}
const keys = Object.keys(fields)

// Payloads mixing declared and undeclared keys with any JSON-ish value, undefined included.
const anyValue = fc.oneof(
  fc.jsonValue(),
  fc.constant(undefined),
  fc.constantFrom('', '12', 'true', '2024-01-01')
)
const payloads = fc.dictionary(fc.oneof(fc.constantFrom(...keys), fc.string()), anyValue)

describe('clean-up properties', () => {
  const cleanUp = compileCleanUp(fieldsToJsonSchema(fields))
  const validate = createPayloadValidator(fields)

  it('never changes its input and never throws', () => {
    fc.assert(
      fc.property(payloads, (payload) => {
        const before = structuredClone(payload)
        validate(deepFreeze(payload))
        expect(payload).toEqual(before)
      })
    )
  })

  it('is idempotent: cleaning a cleaned value changes nothing and warns nothing', () => {
    fc.assert(
      fc.property(payloads, (payload) => {
        const once = cleanUp(payload, [])
        const warnings: ValidationWarning[] = []
        const twice = cleanUp(once, warnings)
        expect(twice).toEqual(once)
        expect(warnings).toEqual([])
      })
    )
  })

  it('keeps only declared keys and no undefined values at the top level', () => {
    fc.assert(
      fc.property(payloads, (payload) => {
        const cleaned = cleanUp(payload, []) as Record<string, unknown>
        for (const [key, value] of Object.entries(cleaned)) {
          expect(keys).toContain(key)
          expect(value).not.toBeUndefined()
        }
      })
    )
  })
})
