import { PayloadValidationError, removeUndefined, type ActionDefinition } from '@destkit/core'
import type { Settings } from '../generated-types.js'
import type { Payload } from './generated-types.js'
import {
  batch_size,
  braze_id,
  email,
  enable_batching,
  external_id,
  phone,
  update_existing_only,
  user_alias
} from '../fields.js'
import { userIdentifiers } from '../identifiers.js'
import { toIsoTime } from '../time.js'
import { entryFor, trackBatch, trackObjects } from '../track.js'

/**
 * The Braze purchase objects of an order: one per product. Each purchase's
 * properties are the order's properties (without the product list) and the
 * product's own details.
 *
 * @example
 * purchaseObjects({ external_id: 'u1', currency: 'GBP', time, products: [{ product_id: 'p-1', price: 24.99, quantity: 2 }] }, settings)
 * // [{ external_id: 'u1', product_id: 'p-1', currency: 'GBP', price: 24.99, quantity: 2, time: '…' }]
 */
function purchaseObjects(payload: Payload, settings: Settings): Record<string, unknown>[] {
  const identifiers = userIdentifiers(payload)
  if (!payload.products?.length) {
    throw new PayloadValidationError('The order has no products, and Braze records one purchase per product.')
  }
  const { products: _products, ...orderProperties } = payload.properties ?? {}
  return payload.products.map(({ product_id, price, quantity, ...details }) =>
    removeUndefined({
      ...identifiers,
      app_id: settings.appId || undefined,
      product_id,
      currency: payload.currency,
      price,
      quantity,
      time: toIsoTime(payload.time),
      properties: Object.keys({ ...orderProperties, ...details }).length
        ? { ...orderProperties, ...details }
        : undefined,
      _update_existing_only: payload.update_existing_only || undefined
    })
  )
}

const action: ActionDefinition<Settings, Payload> = {
  title: 'Track Purchase',
  description: 'Record the products of an order as purchases in Braze, one purchase per product.',
  defaultSubscription: 'type = "track" and event = "Order Completed"',
  fields: {
    external_id,
    user_alias,
    braze_id,
    email,
    phone,
    products: {
      label: 'Products',
      description:
        "The products bought. Each becomes one purchase; a product's other details become properties of its purchase.",
      type: 'object',
      multiple: true,
      required: true,
      additionalProperties: true,
      properties: {
        product_id: {
          label: 'Product ID',
          description:
            'The product (a name or category rather than a SKU works best in Braze; up to 255 characters).',
          type: 'string',
          required: true
        },
        price: {
          label: 'Price',
          description: 'The price of one unit, in the currency of the order.',
          type: 'number',
          required: true
        },
        quantity: {
          label: 'Quantity',
          description: 'How many were bought (1 when unset; Braze takes at most 100).',
          type: 'integer'
        }
      },
      default: { '@path': '$.properties.products' }
    },
    currency: {
      label: 'Currency',
      description: 'The ISO 4217 currency code of the prices, for example "USD".',
      type: 'string',
      required: true,
      default: {
        '@if': {
          exists: { '@path': '$.properties.currency' },
          then: { '@path': '$.properties.currency' },
          else: 'USD'
        }
      }
    },
    time: {
      label: 'Time',
      description: 'When the purchase happened (sent as ISO 8601).',
      type: 'datetime',
      required: true,
      default: { '@path': '$.timestamp' }
    },
    properties: {
      label: 'Purchase Properties',
      description: 'Properties of the order, added to every purchase (its product list is left out).',
      type: 'object',
      default: { '@path': '$.properties' }
    },
    update_existing_only,
    enable_batching,
    batch_size
  },
  perform: (request, { settings, payload }) =>
    trackObjects(request, settings, 'purchases', purchaseObjects(payload, settings), payload.batch_size),
  performBatch: (request, { settings, payload }) => {
    const entries = payload.map((item) => entryFor(() => purchaseObjects(item, settings)))
    return trackBatch(request, settings, 'purchases', entries, payload[0]?.batch_size)
  }
}

export default action
