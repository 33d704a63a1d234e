// Sample events in the shape of /work/shared/fixtures/events/*.json (fixed ids and times, so bodies are exact).
import type { JSONObject, SegmentEvent } from '@destkit/core'

export const trackEvent: SegmentEvent = {
  type: 'track',
  event: 'Order Completed',
  messageId: 'ajs-next-1f6c2a9e8b3d4c7a',
  userId: 'u_83712',
  anonymousId: '5b1c0a7e-3d9f-4c3a-9a52-5f1d2e8b7c64',
  timestamp: '2026-10-30T14:22:05.118Z',
  context: {
    ip: '203.0.113.42',
    library: { name: 'analytics-node', version: '2.1.2' },
    traits: { email: 'Ada.Lovelace@Example.com' }
  },
  properties: {
    order_id: 'ORD-50314',
    revenue: 125.49,
    currency: 'GBP',
    products: [{ product_id: 'p_1', name: 'Difference Engine — Mk II', price: 129.98, quantity: 1 }]
  }
}

export const identifyEvent: SegmentEvent = {
  type: 'identify',
  messageId: 'node-next-8a7b6c5d4e3f2a1b',
  userId: 'u_83712',
  anonymousId: '5b1c0a7e-3d9f-4c3a-9a52-5f1d2e8b7c64',
  timestamp: '2026-10-30T14:20:11.004Z',
  traits: { email: 'ada.lovelace@example.com', first_name: 'Ada', plan: 'premium', logins: 17 }
}

export const pageEvent: SegmentEvent = {
  type: 'page',
  name: 'Pricing',
  messageId: 'ajs-next-0c9d8e7f6a5b',
  anonymousId: 'a1e2b3c4-d5f6-4789-8abc-def012345678',
  timestamp: '2026-10-30T09:01:44.500Z',
  context: { page: { path: '/pricing', title: 'Pricing — Example', url: 'https://www.example.com/pricing' } },
  properties: { path: '/pricing', title: 'Pricing — Example', url: 'https://www.example.com/pricing' }
}

export const screenEvent: SegmentEvent = {
  type: 'screen',
  name: 'Cart',
  messageId: 'ios-5E1D3C2B-8F7A-4B6C-9D0E',
  userId: 'u_1009',
  timestamp: '2026-10-29T18:45:00.000Z',
  properties: { items: 3, value: 89.5 }
}

export const groupEvent: SegmentEvent = {
  type: 'group',
  groupId: 'c_77',
  userId: 'u_83712',
  messageId: 'node-next-group-01',
  timestamp: '2026-10-30T14:21:00.000Z',
  traits: { name: 'Analytical Engines Ltd', employees: 42 }
}

/** A track event with its own id and properties. */
export function orderEvent(index: number, properties: JSONObject = {}): SegmentEvent {
  return {
    ...trackEvent,
    messageId: `msg-${index}`,
    properties: { order_id: `ORD-${index}`, ...properties }
  }
}
