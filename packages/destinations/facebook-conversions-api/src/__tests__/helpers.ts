import { createHash } from 'node:crypto'
import { createTestEvent, type SegmentEvent } from '@destkit/core'

export const PIXEL_ID = '1234567890123456'
export const ACCESS_TOKEN = 'EAAGm0PX4ZCpsBAtestSecretToken98765'
export const settings = { pixel_id: PIXEL_ID, access_token: ACCESS_TOKEN }

export const GRAPH = 'https://graph.facebook.com'
export const EVENTS_PATH = `/v26.0/${PIXEL_ID}/events`
export const EVENTS_URL = `${GRAPH}${EVENTS_PATH}?access_token=${ACCESS_TOKEN}`

export const USER_AGENT =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15'

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

/** A whole second a minute ago: recent enough for Meta, and exact as Unix seconds. */
export const timestamp = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000).toISOString()
export const eventTime = Date.parse(timestamp) / 1000

const context = {
  ip: '203.0.113.42',
  locale: 'en-GB',
  userAgent: USER_AGENT,
  page: {
    path: '/checkout/confirmation',
    referrer: 'https://shop.example.com/checkout/payment',
    search: '?step=done',
    title: 'Thank you for your order',
    url: 'https://shop.example.com/checkout/confirmation?step=done'
  },
  traits: { email: 'Ada.Lovelace@Example.com', phone: '+44 20 7946 0958' }
}

/** What the context above becomes in `user_data` (userId `u_83712`). */
export const expectedUserData = {
  em: sha256('ada.lovelace@example.com'),
  ph: sha256('442079460958'),
  external_id: sha256('u_83712'),
  client_ip_address: '203.0.113.42',
  client_user_agent: USER_AGENT
}

const products = [
  {
    product_id: 'p-1001',
    sku: 'TEE-BLK-M',
    name: 'Logo Tee',
    category: 'Apparel',
    price: 24.99,
    quantity: 2
  },
  { product_id: 'p-2044', sku: 'MUG-WHT', name: 'Enamel Mug', category: 'Home', price: 15.0, quantity: 1 },
  {
    product_id: 'p-3090',
    sku: 'BAG-CNV',
    name: 'Canvas Tote',
    category: 'Accessories',
    price: 65.0,
    quantity: 1
  }
]

export const expectedContents = [
  { id: 'p-1001', quantity: 2, item_price: 24.99 },
  { id: 'p-2044', quantity: 1, item_price: 15 },
  { id: 'p-3090', quantity: 1, item_price: 65 }
]

/** The Order Completed sample event (shared/fixtures/events), made recent. */
export function orderCompleted(overrides: Partial<SegmentEvent> = {}): SegmentEvent {
  return createTestEvent({
    type: 'track',
    event: 'Order Completed',
    messageId: 'ajs-next-1f6c2a9e8b3d4c7a9e0f1a2b3c4d5e6f',
    userId: 'u_83712',
    anonymousId: '5b1c0a7e-3d9f-4c3a-9a52-5f1d2e8b7c64',
    timestamp,
    context,
    properties: {
      order_id: 'ORD-50314',
      checkout_id: 'chk_8812',
      total: 141.48,
      subtotal: 129.98,
      revenue: 125.49,
      shipping: 6.5,
      tax: 11.5,
      currency: 'GBP',
      products
    },
    ...overrides
  })
}

export function checkoutStarted(): SegmentEvent {
  return createTestEvent({
    type: 'track',
    event: 'Checkout Started',
    messageId: 'msg-checkout-1',
    userId: 'u_83712',
    timestamp,
    context,
    properties: { order_id: 'ORD-50314', revenue: 125.49, currency: 'GBP', products }
  })
}

export function productEvent(event: 'Product Added' | 'Product Viewed'): SegmentEvent {
  return createTestEvent({
    type: 'track',
    event,
    messageId: `msg-${event.replace(' ', '-').toLowerCase()}`,
    userId: 'u_83712',
    timestamp,
    context,
    properties: {
      product_id: 'p-1001',
      sku: 'TEE-BLK-M',
      category: 'Apparel',
      name: 'Logo Tee',
      price: 24.99,
      quantity: 2,
      currency: 'GBP'
    }
  })
}

/** The page sample event (shared/fixtures/events), made recent. */
export function pageCall(): SegmentEvent {
  return createTestEvent({
    type: 'page',
    name: 'Pricing',
    event: undefined,
    messageId: 'ajs-next-0c9d8e7f6a5b',
    userId: undefined,
    anonymousId: 'a1e2b3c4-d5f6-4789-8abc-def012345678',
    timestamp,
    context: {
      ip: '198.51.100.7',
      userAgent:
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
      page: {
        path: '/pricing',
        referrer: 'https://www.google.com/',
        search: '',
        title: 'Pricing',
        url: 'https://www.example.com/pricing'
      }
    },
    properties: { path: '/pricing', title: 'Pricing', url: 'https://www.example.com/pricing' }
  })
}

/** Meta's error response. */
export function graphError(code: number, message: string, extra: Record<string, unknown> = {}) {
  return { error: { message, type: 'OAuthException', code, fbtrace_id: 'AbCdEfGhIjK', ...extra } }
}
