import { readFileSync, readdirSync } from 'node:fs'
import type { MinimalFields } from '../fields-to-json-schema.js'
import { createPayloadValidator } from '../validate.js'
import type { ValidationSuccess } from '../types.js'
import { deepFreeze } from './deep-freeze.js'

const fixturesDir = new URL('../../../../../../shared/fixtures/events/', import.meta.url)
const readEvent = (name: string) =>
  JSON.parse(readFileSync(new URL(name, fixturesDir), 'utf8')) as Record<string, any>

const orderFields: MinimalFields = {
  order_id: { label: 'Order ID', type: 'string', required: true },
  email: { label: 'Email', type: 'string', format: 'email', required: true },
  revenue: { label: 'Revenue', type: 'number', minimum: 0 },
  currency: { label: 'Currency', type: 'string', choices: ['GBP', 'EUR', 'USD'] },
  timestamp: { label: 'Timestamp', type: 'datetime', required: true },
  products: {
    label: 'Products',
    type: 'object',
    multiple: true,
    properties: {
      sku: { label: 'SKU', type: 'string', required: true },
      price: { label: 'Price', type: 'number' },
      quantity: { label: 'Quantity', type: 'integer', minimum: 1 }
    }
  }
}

describe('sample events', () => {
  it('validates an order payload taken from the Order Completed event, reporting what it drops', () => {
    const event = deepFreeze(readEvent('track-order-completed.json'))
    const payload = {
      order_id: event.properties.order_id,
      email: event.context.traits.email,
      revenue: String(event.properties.revenue),
      currency: event.properties.currency,
      timestamp: event.timestamp,
      products: event.properties.products
    }
    const result = createPayloadValidator(orderFields)(payload) as ValidationSuccess<any>
    expect(result.valid).toBe(true)
    expect(result.value.revenue).toBe(125.49)
    expect(result.value.products[0]).toEqual({ sku: 'TEE-BLK-M', price: 24.99, quantity: 2 })
    const dropped = result.warnings.filter((w) => w.code === 'DROPPED_UNKNOWN_KEY').map((w) => w.path)
    expect(dropped).toContain('/products/0/product_id')
    expect(dropped).toContain('/products/2/variant')
    expect(result.warnings.filter((w) => w.code === 'COERCED').map((w) => w.path)).toEqual(['/revenue'])
  })

  it('accepts the timestamps of every sample event as datetime values', () => {
    const validate = createPayloadValidator({
      timestamp: { label: 'Timestamp', type: 'datetime', required: true },
      sentAt: { label: 'Sent At', type: 'datetime' },
      receivedAt: { label: 'Received At', type: 'datetime' }
    })
    const names = readdirSync(fixturesDir).filter((name) => name.endsWith('.json'))
    expect(names.length).toBeGreaterThan(0)
    for (const name of names) {
      const event = readEvent(name)
      const result = validate({
        timestamp: event.timestamp,
        sentAt: event.sentAt,
        receivedAt: event.receivedAt
      })
      expect(result.valid, name).toBe(true)
    }
  })
})
