import nock from 'nock'
import { Destination, presetMappings, type SegmentEvent } from '@destkit/core'
import definition from '../index.js'
import type { Settings } from '../generated-types.js'

const settings: Settings = { apiKey: 'braze-rest-key-6e1f0c', endpoint: 'https://rest.iad-01.braze.com' }

// Events shaped like the shared Segment fixtures.
const orderCompleted: SegmentEvent = {
  type: 'track',
  event: 'Order Completed',
  messageId: 'ajs-next-1f6c2a9e',
  userId: 'u_83712',
  anonymousId: '5b1c0a7e-3d9f-4c3a-9a52-5f1d2e8b7c64',
  timestamp: '2026-10-30T14:22:05.118Z',
  context: { ip: '203.0.113.42', locale: 'en-GB', timezone: 'Europe/London' },
  properties: {
    order_id: 'ORD-50314',
    revenue: 125.49,
    currency: 'GBP',
    products: [
      { product_id: 'p-1001', sku: 'TEE-BLK-M', name: 'Logo Tee', price: 24.99, quantity: 2 },
      { product_id: 'p-2044', sku: 'MUG-WHT', name: 'Enamel Mug', price: 15.0, quantity: 1 }
    ]
  }
}
const signedUp: SegmentEvent = {
  type: 'track',
  event: 'Signed Up',
  messageId: 'ajs-next-2',
  userId: 'u_83712',
  timestamp: '2026-10-30T14:00:00.000Z',
  properties: { plan: 'premium' }
}
const identify: SegmentEvent = {
  type: 'identify',
  messageId: 'node-next-8a7b6c5d',
  userId: 'u_83712',
  timestamp: '2026-10-30T14:20:11.004Z',
  context: { locale: 'en-GB', timezone: 'Europe/London' },
  traits: {
    email: 'ada.lovelace@example.com',
    first_name: 'Ada',
    last_name: 'Lovelace',
    plan: 'premium',
    address: { city: 'London', country: 'GB' }
  }
}

beforeEach(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
})

function deliver(event: SegmentEvent) {
  return new Destination(definition)
    .configure({ settings, mappings: presetMappings(definition), retry: false })
    .deliver(event)
}

const statuses = (outcomes: Array<{ mappingId: string; status: string }>) =>
  Object.fromEntries(outcomes.map((o) => [o.mappingId, o.status]))

describe('presets', () => {
  it('Track Calls records custom events, but not Order Completed', async () => {
    let body: any
    nock('https://rest.iad-01.braze.com')
      .post('/users/track', (b) => ((body = b), true))
      .reply(201, { message: 'success' })
    const outcomes = await deliver(signedUp)
    expect(statuses(outcomes)).toEqual({
      'Track Calls': 'delivered',
      'Order Completed Calls': 'not-subscribed',
      'Identify Calls': 'not-subscribed'
    })
    expect(body).toEqual({
      events: [
        {
          external_id: 'u_83712',
          name: 'Signed Up',
          time: '2026-10-30T14:00:00.000Z',
          properties: { plan: 'premium' }
        }
      ]
    })
  })

  it('Order Completed Calls records one purchase per product', async () => {
    let body: any
    nock('https://rest.iad-01.braze.com')
      .post('/users/track', (b) => ((body = b), true))
      .reply(201, { message: 'success', purchases_processed: 2 })
    const outcomes = await deliver(orderCompleted)
    expect(statuses(outcomes)).toEqual({
      'Track Calls': 'not-subscribed',
      'Order Completed Calls': 'delivered',
      'Identify Calls': 'not-subscribed'
    })
    const order = { order_id: 'ORD-50314', revenue: 125.49, currency: 'GBP' }
    expect(body).toEqual({
      purchases: [
        {
          external_id: 'u_83712',
          product_id: 'p-1001',
          currency: 'GBP',
          price: 24.99,
          quantity: 2,
          time: '2026-10-30T14:22:05.118Z',
          properties: { ...order, sku: 'TEE-BLK-M', name: 'Logo Tee' }
        },
        {
          external_id: 'u_83712',
          product_id: 'p-2044',
          currency: 'GBP',
          price: 15,
          quantity: 1,
          time: '2026-10-30T14:22:05.118Z',
          properties: { ...order, sku: 'MUG-WHT', name: 'Enamel Mug' }
        }
      ]
    })
  })

  it('Identify Calls updates the profile', async () => {
    let body: any
    nock('https://rest.iad-01.braze.com')
      .post('/users/track', (b) => ((body = b), true))
      .reply(201, { message: 'success', attributes_processed: 1 })
    const outcomes = await deliver(identify)
    expect(statuses(outcomes)).toMatchObject({ 'Identify Calls': 'delivered' })
    expect(body).toEqual({
      attributes: [
        {
          email: 'ada.lovelace@example.com',
          first_name: 'Ada',
          last_name: 'Lovelace',
          plan: 'premium',
          address: { city: 'London', country: 'GB' },
          external_id: 'u_83712',
          country: 'GB',
          home_city: 'London',
          language: 'en',
          time_zone: 'Europe/London'
        }
      ]
    })
  })
})
