/**
 * The fields of a Conversions API server event, shared by every action. Each action picks the ones it
 * sends and, where its Segment event differs, its own defaults (`withDefault`) or `required`.
 */
import type { InputField } from '@destkit/core'
import { MAX_EVENTS_PER_REQUEST } from './graph-api.js'

/** The field with another default mapping. */
export function withDefault(field: InputField, value: InputField['default']): InputField {
  return { ...field, default: value }
}

/** The field, required. */
export function required(field: InputField): InputField {
  return { ...field, required: true }
}

/** `$.context.traits.<key>` when the event has it, else `$.properties.<key>`. */
function traitOrProperty(key: string) {
  return {
    '@if': {
      exists: { '@path': `$.context.traits.${key}` },
      then: { '@path': `$.context.traits.${key}` },
      else: { '@path': `$.properties.${key}` }
    }
  }
}

// Server event parameters

export const event_name: InputField = {
  label: 'Event Name',
  description:
    'The name of the event: a standard event (`Lead`, `CompleteRegistration`, `Subscribe`…) or a custom one. ' +
    'Together with Event ID it deduplicates this event against the Pixel.',
  type: 'string',
  required: true,
  default: { '@path': '$.event' }
}

export const event_time: InputField = {
  label: 'Event Time',
  description:
    'When the event happened, sent as a Unix timestamp in seconds. Meta rejects the whole request when an event ' +
    'is more than 7 days old, so such events fail here with a clear error instead.',
  type: 'datetime',
  required: true,
  default: { '@path': '$.timestamp' }
}

export const event_id: InputField = {
  label: 'Event ID',
  description:
    'A unique ID for the event. Meta deduplicates a server event against a Pixel event with the same Event ID ' +
    'and Event Name received within 48 hours.',
  type: 'string',
  default: { '@path': '$.messageId' }
}

export const event_source_url: InputField = {
  label: 'Event Source URL',
  description: 'The browser URL where the event happened. Required by Meta for website events.',
  type: 'string',
  format: 'uri',
  default: { '@path': '$.context.page.url' }
}

export const action_source: InputField = {
  label: 'Action Source',
  description:
    'Where the conversion happened. Website events also need Event Source URL and Client User Agent. ' +
    'By sending events you confirm to Meta that this value is accurate.',
  type: 'string',
  required: true,
  choices: [
    { label: 'Website', value: 'website' },
    { label: 'App', value: 'app' },
    { label: 'Email', value: 'email' },
    { label: 'Phone Call', value: 'phone_call' },
    { label: 'Chat', value: 'chat' },
    { label: 'Physical Store', value: 'physical_store' },
    { label: 'System Generated', value: 'system_generated' },
    { label: 'Business Messaging', value: 'business_messaging' },
    { label: 'Other', value: 'other' }
  ],
  default: 'website'
}

export const opt_out: InputField = {
  label: 'Opt Out',
  description: 'When true, Meta uses the event for attribution only, not for ads delivery optimization.',
  type: 'boolean'
}

export const user_data: InputField = {
  label: 'User Data',
  description:
    'Customer information used to match the event to a Meta account. Email, phone, names, gender, date of birth, ' +
    'city, state, zip code, country and external ID are normalised and SHA-256 hashed before sending (values that ' +
    'already are SHA-256 hex digests are sent as they are); IP address, user agent, fbc and fbp are sent as they are. ' +
    'Meta rejects events whose customer information is only a gender, a location or a date of birth with a user agent.',
  type: 'object',
  required: true,
  properties: {
    em: { label: 'Email', description: 'Trimmed and lower-cased, then hashed.', type: 'string' },
    ph: {
      label: 'Phone',
      description:
        'With the country code (`+44 20 7946 0958`). Symbols, letters and leading zeros are removed, then hashed.',
      type: 'string'
    },
    fn: {
      label: 'First Name',
      description: 'Lower-cased without punctuation (accents kept), then hashed.',
      type: 'string'
    },
    ln: {
      label: 'Last Name',
      description: 'Lower-cased without punctuation (accents kept), then hashed.',
      type: 'string'
    },
    ge: {
      label: 'Gender',
      description: '`f`/`female` or `m`/`male`, hashed as `f` or `m`. Other values are left out.',
      type: 'string'
    },
    db: {
      label: 'Date of Birth',
      description: '`YYYY-MM-DD`, `YYYYMMDD` or `MM/DD/YYYY`; sent as a hashed `YYYYMMDD`.',
      type: 'string'
    },
    ct: {
      label: 'City',
      description: 'Lower-cased letters only, no spaces (`newyork`), then hashed.',
      type: 'string'
    },
    st: {
      label: 'State',
      description:
        'The 2-letter ANSI code for US states (full US state names are converted); other regions lower-cased ' +
        'without punctuation or spaces. Hashed.',
      type: 'string'
    },
    zp: {
      label: 'Zip Code',
      description: 'Lower-cased without spaces or dashes; US zip codes keep their first 5 digits. Hashed.',
      type: 'string'
    },
    country: {
      label: 'Country',
      description: 'The ISO 3166-1 alpha-2 code (`us`, `gb`), lower-cased, then hashed.',
      type: 'string'
    },
    external_id: {
      label: 'External ID',
      description: 'Your own ID for the person (user ID, loyalty ID…). Trimmed, lower-cased and hashed.',
      type: 'string'
    },
    client_ip_address: {
      label: 'Client IP Address',
      description: 'The IPv4 or IPv6 address of the browser. Never hashed.',
      type: 'string'
    },
    client_user_agent: {
      label: 'Client User Agent',
      description: 'The browser user agent. Required by Meta for website events. Never hashed.',
      type: 'string'
    },
    fbc: {
      label: 'Click ID (fbc)',
      description: 'The `_fbc` cookie value (`fb.1.<time>.<fbclid>`). Never hashed, case-sensitive.',
      type: 'string'
    },
    fbp: {
      label: 'Browser ID (fbp)',
      description: 'The `_fbp` cookie value (`fb.1.<time>.<random>`). Never hashed.',
      type: 'string'
    }
  },
  default: {
    em: traitOrProperty('email'),
    ph: traitOrProperty('phone'),
    fn: { '@path': '$.context.traits.firstName' },
    ln: { '@path': '$.context.traits.lastName' },
    ge: { '@path': '$.context.traits.gender' },
    db: { '@path': '$.context.traits.birthday' },
    ct: { '@path': '$.context.traits.address.city' },
    st: { '@path': '$.context.traits.address.state' },
    zp: { '@path': '$.context.traits.address.postalCode' },
    country: { '@path': '$.context.traits.address.country' },
    external_id: {
      '@if': {
        exists: { '@path': '$.userId' },
        then: { '@path': '$.userId' },
        else: { '@path': '$.anonymousId' }
      }
    },
    client_ip_address: { '@path': '$.context.ip' },
    client_user_agent: { '@path': '$.context.userAgent' }
  }
}

export const data_processing_options: InputField = {
  label: 'Data Processing Options',
  description:
    'Processing options for the event: `LDU` enables Limited Data Use (US state privacy laws). Leave empty to not ' +
    'enable it.',
  type: 'string',
  multiple: true,
  choices: [{ label: 'Limited Data Use', value: 'LDU' }]
}

export const data_processing_options_country: InputField = {
  label: 'Data Processing Options Country',
  description: 'With Limited Data Use: `1` for the United States, or `0` to let Meta geolocate the event.',
  type: 'integer',
  choices: [
    { label: 'Let Meta geolocate', value: 0 },
    { label: 'United States', value: 1 }
  ]
}

export const data_processing_options_state: InputField = {
  label: 'Data Processing Options State',
  description:
    'With Limited Data Use: the US state code (`1000` California … `1013` Rhode Island), or `0` to let Meta ' +
    'geolocate. Set it whenever a country is set.',
  type: 'integer',
  choices: [
    { label: 'Let Meta geolocate', value: 0 },
    { label: 'California', value: 1000 },
    { label: 'Colorado', value: 1001 },
    { label: 'Connecticut', value: 1002 },
    { label: 'Florida', value: 1003 },
    { label: 'Oregon', value: 1004 },
    { label: 'Texas', value: 1005 },
    { label: 'Montana', value: 1006 },
    { label: 'Delaware', value: 1007 },
    { label: 'Nebraska', value: 1008 },
    { label: 'New Hampshire', value: 1009 },
    { label: 'New Jersey', value: 1010 },
    { label: 'Minnesota', value: 1011 },
    { label: 'Maryland', value: 1012 },
    { label: 'Rhode Island', value: 1013 }
  ]
}

// Custom data parameters

export const currency: InputField = {
  label: 'Currency',
  description: 'The ISO 4217 three-letter currency of Value (`USD`, `EUR`). Required when Value is set.',
  type: 'string',
  default: { '@path': '$.properties.currency' }
}

export const value: InputField = {
  label: 'Value',
  description: 'The monetary value of the event, in Currency.',
  type: 'number'
}

export const content_ids: InputField = {
  label: 'Content IDs',
  description: 'The product IDs (or SKUs) the event is about, matching the IDs of your catalog.',
  type: 'string',
  multiple: true
}

export const contents: InputField = {
  label: 'Contents',
  description: 'The products the event is about, with quantity and price. Items without an ID are left out.',
  type: 'object',
  multiple: true,
  properties: {
    id: { label: 'ID', description: 'The product ID or SKU, as in your catalog.', type: 'string' },
    quantity: { label: 'Quantity', description: 'How many of the product.', type: 'integer' },
    item_price: { label: 'Item Price', description: 'The price of one item.', type: 'number' }
  }
}

/** Contents from a Segment `products` array (Order Completed, Checkout Started). */
export const contentsFromProducts = {
  '@arrayPath': [
    '$.properties.products',
    {
      id: { '@path': '$.product_id' },
      quantity: { '@path': '$.quantity' },
      item_price: { '@path': '$.price' }
    }
  ]
}

/** Contents from a single-product event (Product Viewed, Product Added). */
export const contentsFromProduct = {
  '@arrayPath': [
    '$.properties',
    {
      id: { '@path': '$.product_id' },
      quantity: { '@path': '$.quantity' },
      item_price: { '@path': '$.price' }
    }
  ]
}

export const content_type: InputField = {
  label: 'Content Type',
  description:
    '`product` when Content IDs or Contents are product IDs, `product_group` when they are product groups.',
  type: 'string',
  choices: ['product', 'product_group']
}

export const content_name: InputField = {
  label: 'Content Name',
  description: 'The name of the page or product.',
  type: 'string'
}

export const content_category: InputField = {
  label: 'Content Category',
  description: 'The category of the page or product.',
  type: 'string'
}

export const num_items: InputField = {
  label: 'Number of Items',
  description: 'How many items the checkout holds.',
  type: 'integer'
}

export const order_id: InputField = {
  label: 'Order ID',
  description: 'The ID of the order or transaction.',
  type: 'string',
  default: { '@path': '$.properties.order_id' }
}

export const custom_data: InputField = {
  label: 'Custom Data',
  description:
    'More custom data parameters (e.g. `predicted_ltv`, `search_string`, `status`, or your own). The fields above ' +
    'win over keys of the same name. Sent as they are: never put personal data here.',
  type: 'object'
}

/** Declared so the batch size defaults to, and never exceeds, Meta's limit. */
export const batch_size: InputField = {
  label: 'Batch Size',
  description: `The largest number of events in one request. Meta accepts up to ${MAX_EVENTS_PER_REQUEST}.`,
  type: 'integer',
  minimum: 1,
  maximum: MAX_EVENTS_PER_REQUEST,
  default: MAX_EVENTS_PER_REQUEST
}

/** What every server event has, in display order: identity and context first. */
export const serverEventFields = { event_time, event_id, event_source_url, action_source, user_data, opt_out }

/** Limited Data Use, at the end of every action. */
export const dataProcessingFields = {
  data_processing_options,
  data_processing_options_country,
  data_processing_options_state
}
