// Shared fixtures for the HubSpot tests.
import type { SegmentEvent } from '@destkit/core'

export const API = 'https://api.hubapi.com'
export const UPSERT_PATH = '/crm/v3/objects/contacts/batch/upsert'

export const auth = {
  accessToken: 'access-token-old-1f9c',
  refreshToken: 'refresh-token-7d2a',
  clientId: 'client-id-123',
  clientSecret: 'client-secret-9b8e'
}

export const bearer = (token: string) => ({ reqheaders: { authorization: `Bearer ${token}` } })

/** A sample event in the shape of the shared fixtures (`fixtures/events/*.json`), a fresh copy per call. */
export function fixture(name: 'identify' | 'track-order-completed'): SegmentEvent {
  return structuredClone(name === 'identify' ? identifyEvent : orderCompletedEvent) as SegmentEvent
}

const identifyEvent = {
  type: 'identify',
  messageId: 'node-next-8a7b6c5d4e3f2a1b',
  userId: 'u_83712',
  anonymousId: '5b1c0a7e-3d9f-4c3a-9a52-5f1d2e8b7c64',
  timestamp: '2026-10-30T14:20:11.004Z',
  receivedAt: '2026-10-30T14:20:11.240Z',
  context: {
    ip: '203.0.113.42',
    library: {
      name: 'analytics.js',
      version: 'next-1.70.0'
    }
  },
  traits: {
    email: 'ada.lovelace@example.com',
    first_name: 'Ada',
    last_name: 'Lovelace',
    plan: 'premium',
    logins: 17,
    created_at: '2024-03-02T09:00:00Z',
    address: {
      street: "12 St James's Square",
      city: 'London',
      postal_code: 'SW1Y 4JH',
      country: 'GB'
    },
    company: {
      id: 'c_77',
      name: 'Analytical Engines Ltd'
    }
  }
}

const orderCompletedEvent = {
  type: 'track',
  event: 'Order Completed',
  messageId: 'ajs-next-1f6c2a9e8b3d4c7a9e0f1a2b3c4d5e6f',
  userId: 'u_83712',
  anonymousId: '5b1c0a7e-3d9f-4c3a-9a52-5f1d2e8b7c64',
  timestamp: '2026-10-30T14:22:05.118Z',
  sentAt: '2026-10-30T14:22:05.301Z',
  receivedAt: '2026-10-30T14:22:05.512Z',
  originalTimestamp: '2026-10-30T14:22:04.927Z',
  channel: 'server',
  context: {
    ip: '203.0.113.42',
    locale: 'en-GB',
    timezone: 'Europe/London',
    userAgent:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
    library: {
      name: 'analytics-node',
      version: '2.1.2'
    },
    page: {
      path: '/checkout/confirmation',
      referrer: 'https://shop.example.com/checkout/payment',
      search: '?step=done',
      title: 'Thank you for your order',
      url: 'https://shop.example.com/checkout/confirmation?step=done'
    },
    campaign: {
      name: 'autumn-sale',
      source: 'newsletter',
      medium: 'email'
    },
    traits: {
      email: 'Ada.Lovelace@Example.com',
      phone: '+44 20 7946 0958'
    }
  },
  properties: {
    order_id: 'ORD-50314',
    checkout_id: 'chk_8812',
    affiliation: 'Online Store',
    total: 141.48,
    subtotal: 129.98,
    revenue: 125.49,
    shipping: 6.5,
    tax: 11.5,
    discount: 6.5,
    coupon: 'AUTUMN5',
    currency: 'GBP',
    products: [
      {
        product_id: 'p-1001',
        sku: 'TEE-BLK-M',
        name: 'Logo Tee',
        category: 'Apparel',
        price: 24.99,
        quantity: 2,
        brand: 'Acme'
      },
      {
        product_id: 'p-2044',
        sku: 'MUG-WHT',
        name: 'Enamel Mug',
        category: 'Home',
        price: 15.0,
        quantity: 1
      },
      {
        product_id: 'p-3090',
        sku: 'BAG-CNV',
        name: 'Canvas Tote',
        category: 'Accessories',
        price: 65.0,
        quantity: 1,
        variant: 'natural'
      }
    ]
  },
  integrations: {
    All: true,
    Mixpanel: false
  }
}

/** What HubSpot answers for a successful upsert of these emails. */
export function upsertResults(emails: string[], firstId = 501) {
  return {
    status: 'COMPLETE',
    results: emails.map((email, i) => ({
      id: String(firstId + i),
      new: i % 2 === 0,
      properties: { email, hs_object_id: String(firstId + i), lastmodifieddate: '2026-10-30T14:20:12.000Z' },
      createdAt: '2026-10-30T14:20:12.000Z',
      updatedAt: '2026-10-30T14:20:12.000Z',
      archived: false
    })),
    startedAt: '2026-10-30T14:20:11.900Z',
    completedAt: '2026-10-30T14:20:12.100Z'
  }
}

/** HubSpot's error body for a refused request. */
export function hubspotError(category: string, message: string) {
  return { status: 'error', message, correlationId: '5d9f3a2e-1c4b-4e8a-9b7c-2f1e0d3c4b5a', category }
}
