/**
 * Realistic Segment events for the tests, in the shape of the shared sample events.
 */
import type { SegmentEvent } from '@destkit/core'

export function identify(overrides: Partial<SegmentEvent> = {}): SegmentEvent {
  return {
    type: 'identify',
    messageId: 'node-next-8a7b6c5d4e3f2a1b',
    userId: 'u_83712',
    anonymousId: '5b1c0a7e-3d9f-4c3a-9a52-5f1d2e8b7c64',
    timestamp: '2026-10-30T14:20:11.004Z',
    context: { ip: '203.0.113.42', library: { name: 'analytics.js', version: 'next-1.70.0' } },
    traits: {
      email: 'ada.lovelace@example.com',
      first_name: 'Ada',
      last_name: 'Lovelace',
      plan: 'premium',
      logins: 17,
      created_at: '2024-03-02T09:00:00Z'
    },
    ...overrides
  } as SegmentEvent
}

export function orderCompleted(overrides: Partial<SegmentEvent> = {}): SegmentEvent {
  return {
    type: 'track',
    event: 'Order Completed',
    messageId: 'ajs-next-1f6c2a9e8b3d4c7a9e0f1a2b3c4d5e6f',
    userId: 'u_83712',
    anonymousId: '5b1c0a7e-3d9f-4c3a-9a52-5f1d2e8b7c64',
    timestamp: '2026-10-30T14:22:05.118Z',
    context: {
      ip: '203.0.113.42',
      page: {
        path: '/checkout/confirmation',
        url: 'https://shop.example.com/checkout/confirmation?step=done'
      },
      traits: { email: 'Ada.Lovelace@Example.com' }
    },
    properties: { order_id: 'ORD-50314', revenue: 125.49, currency: 'GBP' },
    ...overrides
  } as SegmentEvent
}

export function page(overrides: Partial<SegmentEvent> = {}): SegmentEvent {
  return {
    type: 'page',
    name: 'Pricing',
    messageId: 'ajs-next-0c9d8e7f6a5b',
    anonymousId: 'a1e2b3c4-d5f6-4789-8abc-def012345678',
    timestamp: '2026-10-30T09:01:44.500Z',
    context: {
      ip: '198.51.100.7',
      page: {
        path: '/pricing',
        referrer: 'https://www.google.com/',
        search: '',
        title: 'Pricing — Example',
        url: 'https://www.example.com/pricing'
      }
    },
    properties: { path: '/pricing', title: 'Pricing — Example', url: 'https://www.example.com/pricing' },
    ...overrides
  } as SegmentEvent
}

export function screen(overrides: Partial<SegmentEvent> = {}): SegmentEvent {
  return {
    type: 'screen',
    name: 'Cart',
    messageId: 'ios-5E1D3C2B-8F7A-4B6C-9D0E',
    userId: 'u_1009',
    anonymousId: 'B2C3D4E5-F6A7-4890-ABCD-EF0123456789',
    timestamp: '2026-10-29T18:45:00.000Z',
    context: {
      app: { name: 'Example Shop', version: '5.12.0', build: '5120' },
      os: { name: 'iOS', version: '18.1' }
    },
    properties: { items: 3, value: 89.5 },
    ...overrides
  } as SegmentEvent
}
