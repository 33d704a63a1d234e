import nock from 'nock'
import { createTestEvent, createTestIntegration, type JSONObject } from '@destkit/core'
import definition from '../index.js'
import type { Settings } from '../generated-types.js'

const settings: Settings = {
  apiKey: 'braze-rest-key-6e1f0c',
  endpoint: 'https://rest.iad-01.braze.com',
  appId: 'app-1'
}
const timestamp = '2026-10-30T14:22:05.118Z'
const testDestination = createTestIntegration(definition)

const order = (products: JSONObject[], extra: JSONObject = {}) =>
  createTestEvent({
    event: 'Order Completed',
    userId: 'u_83712',
    timestamp,
    properties: { order_id: 'ORD-50314', revenue: 125.49, currency: 'GBP', products, ...extra }
  })

beforeEach(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
})

describe('trackPurchase', () => {
  it('records one purchase per product of Order Completed', async () => {
    const orderProperties = { order_id: 'ORD-50314', revenue: 125.49, currency: 'GBP' }
    const scope = nock('https://rest.iad-01.braze.com', {
      reqheaders: { authorization: `Bearer ${settings.apiKey}` }
    })
      .post('/users/track', {
        purchases: [
          {
            external_id: 'u_83712',
            app_id: 'app-1',
            product_id: 'p-1001',
            currency: 'GBP',
            price: 24.99,
            quantity: 2,
            time: timestamp,
            properties: { ...orderProperties, sku: 'TEE-BLK-M', name: 'Logo Tee' }
          },
          {
            external_id: 'u_83712',
            app_id: 'app-1',
            product_id: 'p-2044',
            currency: 'GBP',
            price: 15,
            time: timestamp,
            properties: { ...orderProperties, name: 'Enamel Mug' }
          }
        ]
      })
      .reply(201, { message: 'success', purchases_processed: 2 })

    const responses = await testDestination.testAction('trackPurchase', {
      event: order([
        { product_id: 'p-1001', sku: 'TEE-BLK-M', name: 'Logo Tee', price: 24.99, quantity: 2 },
        { product_id: 'p-2044', name: 'Enamel Mug', price: 15 }
      ]),
      settings,
      useDefaultMappings: true
    })
    expect(scope.isDone()).toBe(true)
    expect(responses).toHaveLength(1)
  })

  it('defaults the currency to USD', async () => {
    let body: any
    nock('https://rest.iad-01.braze.com')
      .post('/users/track', (b) => ((body = b), true))
      .reply(201, { message: 'success' })
    await testDestination.testAction('trackPurchase', {
      event: createTestEvent({
        event: 'Order Completed',
        properties: { products: [{ product_id: 'p', price: 1 }] }
      }),
      settings,
      useDefaultMappings: true
    })
    expect(body.purchases[0].currency).toBe('USD')
  })

  it('splits more than 75 products into several requests', async () => {
    const sizes: number[] = []
    const scope = nock('https://rest.iad-01.braze.com')
      .post('/users/track', (b) => (sizes.push(b.purchases.length), true))
      .times(2)
      .reply(201, { message: 'success' })
    const products = Array.from({ length: 80 }, (_, i) => ({ product_id: `p-${i}`, price: 1 }))
    await testDestination.testAction('trackPurchase', {
      event: order(products),
      settings,
      useDefaultMappings: true
    })
    expect(scope.isDone()).toBe(true)
    expect(sizes).toEqual([75, 5])
  })

  it('refuses an order without products', async () => {
    await expect(
      testDestination.testAction('trackPurchase', { event: order([]), settings, useDefaultMappings: true })
    ).rejects.toThrowError('The order has no products')
  })

  it('refuses a product without a price', async () => {
    await expect(
      testDestination.testAction('trackPurchase', {
        event: order([{ product_id: 'p-1' }]),
        settings,
        useDefaultMappings: true
      })
    ).rejects.toThrowError("missing the required field 'price'")
  })
})
