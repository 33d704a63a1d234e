import type { ActionDefinition } from '@destkit/core'
import { IntegrationError, PayloadValidationError } from '@destkit/core'
import type { Settings } from '../generated-types.js'
import type { Payload } from './generated-types.js'
import { batchFields, identityFields, paramsField } from '../fields.js'
import { limits } from '../limits.js'
import { buildEvent, collect, collectBatch, type BuiltEvent } from '../measurement-protocol.js'

/** ISO 4217 currency codes are three letters. */
const currencyCode = /^[A-Z]{3}$/

function build(settings: Settings, payload: Payload): BuiltEvent {
  const currency = payload.currency?.trim().toUpperCase()
  if (currency !== undefined && !currencyCode.test(currency)) {
    throw new IntegrationError(
      `The currency '${payload.currency}' is not a three-letter ISO 4217 code such as USD or EUR.`,
      'INVALID_CURRENCY_CODE',
      400
    )
  }
  // Google needs the currency to count a value as revenue.
  if (payload.value !== undefined && currency === undefined) {
    throw new PayloadValidationError('A purchase with a value needs a currency.')
  }
  return buildEvent(settings, payload, 'purchase', {
    transaction_id: payload.transaction_id,
    currency,
    value: payload.value,
    tax: payload.tax,
    shipping: payload.shipping,
    coupon: payload.coupon,
    affiliation: payload.affiliation,
    items: payload.items?.map(withoutEmpty)
  })
}

function withoutEmpty(item: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined && value !== null))
}

const action: ActionDefinition<Settings, Payload> = {
  title: 'Purchase',
  description: 'Send a completed order to Google Analytics 4 as its `purchase` ecommerce event.',
  defaultSubscription: 'type = "track" and event = "Order Completed"',
  fields: {
    transaction_id: {
      label: 'Transaction ID',
      description: 'The unique ID of the order; Google uses it to drop a purchase sent twice.',
      type: 'string',
      required: true,
      default: { '@path': '$.properties.order_id' }
    },
    currency: {
      label: 'Currency',
      description:
        'The currency of the value and of the prices, as a three-letter ISO 4217 code (`USD`, `EUR`). Required when a value is set.',
      type: 'string',
      default: { '@path': '$.properties.currency' }
    },
    value: {
      label: 'Value',
      description:
        "The order's revenue: the sum of price × quantity of the items, without tax and shipping. By default the event's revenue, else its total.",
      type: 'number',
      default: {
        '@if': {
          exists: { '@path': '$.properties.revenue' },
          then: { '@path': '$.properties.revenue' },
          else: { '@path': '$.properties.total' }
        }
      }
    },
    tax: {
      label: 'Tax',
      description: 'The tax of the order.',
      type: 'number',
      default: { '@path': '$.properties.tax' }
    },
    shipping: {
      label: 'Shipping',
      description: 'The shipping cost of the order.',
      type: 'number',
      default: { '@path': '$.properties.shipping' }
    },
    coupon: {
      label: 'Coupon',
      description: 'The coupon code used for the order.',
      type: 'string',
      default: { '@path': '$.properties.coupon' }
    },
    affiliation: {
      label: 'Affiliation',
      description: 'The store or affiliate the order came from.',
      type: 'string',
      default: { '@path': '$.properties.affiliation' }
    },
    items: {
      label: 'Items',
      description: `The products of the order (at most ${limits.itemsPerEvent}); each needs an item ID or an item name.`,
      type: 'object',
      multiple: true,
      properties: {
        item_id: { label: 'Item ID', description: 'The ID or SKU of the product.', type: 'string' },
        item_name: { label: 'Item Name', description: 'The name of the product.', type: 'string' },
        affiliation: {
          label: 'Affiliation',
          description: 'The store the product was sold by.',
          type: 'string'
        },
        coupon: { label: 'Coupon', description: 'A coupon code applied to this product.', type: 'string' },
        discount: {
          label: 'Discount',
          description: 'The discount on one unit of the product.',
          type: 'number'
        },
        index: { label: 'Index', description: 'The position of the product in its list.', type: 'integer' },
        item_brand: { label: 'Brand', description: 'The brand of the product.', type: 'string' },
        item_category: { label: 'Category', description: 'The category of the product.', type: 'string' },
        item_variant: {
          label: 'Variant',
          description: 'The variant of the product, such as a colour or size.',
          type: 'string'
        },
        price: {
          label: 'Price',
          description: 'The price of one unit, in the currency of the event.',
          type: 'number'
        },
        quantity: { label: 'Quantity', description: 'How many units were bought.', type: 'integer' }
      },
      default: {
        '@arrayPath': [
          '$.properties.products',
          {
            item_id: {
              '@if': {
                exists: { '@path': '$.product_id' },
                then: { '@path': '$.product_id' },
                else: { '@path': '$.sku' }
              }
            },
            item_name: { '@path': '$.name' },
            coupon: { '@path': '$.coupon' },
            index: { '@path': '$.position' },
            item_brand: { '@path': '$.brand' },
            item_category: { '@path': '$.category' },
            item_variant: { '@path': '$.variant' },
            price: { '@path': '$.price' },
            quantity: { '@path': '$.quantity' }
          }
        ]
      }
    },
    params: paramsField('More parameters of the event, next to the ecommerce ones above.'),
    ...identityFields,
    ...batchFields
  },
  perform: (request, { settings, payload }) => collect(request, settings, [build(settings, payload)]),
  performBatch: (request, { settings, payload }) =>
    collectBatch(request, settings, payload, (item) => build(settings, item))
}

export default action
