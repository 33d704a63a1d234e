import nock from 'nock'
import {
  Destination,
  createTestEvent,
  createTestIntegration,
  defaultValues,
  type SegmentEvent
} from '@destkit/core'
import definition from '../index.js'
import type { Settings } from '../generated-types.js'

const apiSecret = 'mp_SeCrEt_4f9a1c2b7e'
const settings = { measurementId: 'G-TEST12345', apiSecret }
const appSettings = { firebaseAppId: '1:1234567890:android:321abc456def7890', apiSecret }
const ga = 'https://www.google-analytics.com'
const webQuery = { measurement_id: 'G-TEST12345', api_secret: apiSecret }
const timestamp = '2026-10-30T14:22:05.118Z'
const micros = 1793370125118000

const testDestination = createTestIntegration(definition)

const track = (overrides: Partial<SegmentEvent> = {}) =>
  createTestEvent({
    type: 'track',
    event: 'Signed Up',
    userId: 'u_83712',
    anonymousId: '5b1c0a7e-3d9f-4c3a-9a52-5f1d2e8b7c64',
    timestamp,
    properties: { plan: 'pro', seats: 3 },
    ...overrides
  })

/** The Order Completed event of the shared fixtures. */
const orderCompleted = () =>
  createTestEvent({
    type: 'track',
    event: 'Order Completed',
    userId: 'u_83712',
    anonymousId: '5b1c0a7e-3d9f-4c3a-9a52-5f1d2e8b7c64',
    timestamp,
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
          sku: 'BAG-CNV',
          name: 'Canvas Tote',
          category: 'Accessories',
          price: 65.0,
          quantity: 1,
          variant: 'natural'
        }
      ]
    }
  })

/** The page event of the shared fixtures. */
const page = () =>
  createTestEvent({
    type: 'page',
    name: 'Pricing',
    event: undefined,
    userId: undefined,
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
    properties: { path: '/pricing', title: 'Pricing — Example', url: 'https://www.example.com/pricing' }
  })

const deliverOne = (
  actionId: string,
  event: SegmentEvent,
  options: { settings?: Settings; mapping?: Record<string, unknown> } = {}
) =>
  new Destination(definition)
    .configure({
      settings: options.settings ?? settings,
      mappings: [{ id: actionId, actionId, ...(options.mapping && { mapping: options.mapping as never }) }],
      retry: false
    })
    .deliver(event)

beforeEach(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
})
afterAll(() => nock.enableNetConnect())

describe('sendEvent', () => {
  it('posts a custom event with the default mapping', async () => {
    const scope = nock(ga)
      .matchHeader('content-type', /application\/json/)
      .post('/mp/collect', {
        client_id: '5b1c0a7e-3d9f-4c3a-9a52-5f1d2e8b7c64',
        user_id: 'u_83712',
        timestamp_micros: micros,
        events: [{ name: 'signed_up', params: { plan: 'pro', seats: 3 } }]
      })
      .query(webQuery)
      .reply(204)

    const responses = await testDestination.testAction('sendEvent', {
      event: track(),
      settings,
      useDefaultMappings: true
    })

    expect(scope.isDone()).toBe(true)
    expect(responses[0].status).toBe(204)
    expect(responses[0].request.method).toBe('POST')
    expect(responses[0].url).toBe(
      `${ga}/mp/collect?measurement_id=G-TEST12345&api_secret=${encodeURIComponent(apiSecret)}`
    )
  })

  it('sends user properties, engagement time and session ID where GA4 reads them', async () => {
    let body: any
    nock(ga)
      .post('/mp/collect', (sent) => ((body = sent), true))
      .query(webQuery)
      .reply(204)

    await testDestination.testAction('sendEvent', {
      event: track({ context: { traits: { plan: 'pro', age: 36, vip: true, nickname: null } } as never }),
      settings,
      useDefaultMappings: true,
      mapping: {
        name: 'Trial Started',
        user_properties: { '@path': '$.context.traits' },
        engagement_time_msec: 1200,
        session_id: '1730297725',
        params: { source: 'pricing_page' }
      }
    })

    expect(body).toEqual({
      client_id: '5b1c0a7e-3d9f-4c3a-9a52-5f1d2e8b7c64',
      user_id: 'u_83712',
      timestamp_micros: micros,
      user_properties: { plan: { value: 'pro' }, age: { value: 36 }, vip: { value: 'true' } },
      events: [
        {
          name: 'trial_started',
          params: { source: 'pricing_page', engagement_time_msec: 1200, session_id: '1730297725' }
        }
      ]
    })
  })

  it('keeps a free parameter that a field of the same name leaves empty, and lets a set field win', async () => {
    let body: any
    nock(ga)
      .post('/mp/collect', (sent) => ((body = sent), true))
      .query(webQuery)
      .reply(204)
    await testDestination.testAction('pageView', {
      event: track({ type: 'page' }),
      settings,
      useDefaultMappings: true,
      mapping: {
        page_title: 'From the field',
        params: { session_id: 'from-params', page_title: 'From params', engagement_time_msec: 5 }
      }
    })
    expect(body.events[0].params).toMatchObject({
      session_id: 'from-params',
      engagement_time_msec: 5,
      page_title: 'From the field'
    })
  })

  it('sends the name as mapped when normalization is off', async () => {
    const scope = nock(ga)
      .post('/mp/collect', (body) => body.events[0].name === 'SignUp_v2')
      .query(true)
      .reply(204)
    await testDestination.testAction('sendEvent', {
      event: track(),
      settings,
      useDefaultMappings: true,
      mapping: { name: 'SignUp_v2', normalize_name: false }
    })
    expect(scope.isDone()).toBe(true)
  })

  it('posts to the EU endpoint when the region is eu', async () => {
    const scope = nock('https://region1.google-analytics.com').post('/mp/collect').query(webQuery).reply(204)
    const responses = await testDestination.testAction('sendEvent', {
      event: track(),
      settings: { ...settings, region: 'eu' },
      useDefaultMappings: true
    })
    expect(scope.isDone()).toBe(true)
    expect(responses[0].url).toContain('https://region1.google-analytics.com/mp/collect?')
  })

  it('sends to an app stream with firebase_app_id and app_instance_id', async () => {
    const scope = nock(ga)
      .post('/mp/collect', {
        app_instance_id: 'cbd7c16f3b4a4d0a9c6bd8f2e1a09a77',
        user_id: 'u_83712',
        timestamp_micros: micros,
        events: [{ name: 'signed_up', params: { plan: 'pro', seats: 3 } }]
      })
      .query({ firebase_app_id: appSettings.firebaseAppId, api_secret: apiSecret })
      .reply(204)
    await testDestination.testAction('sendEvent', {
      event: track({ context: { device: { id: 'cbd7c16f3b4a4d0a9c6bd8f2e1a09a77' } } as never }),
      settings: appSettings,
      useDefaultMappings: true,
      mapping: { app_instance_id: { '@path': '$.context.device.id' } }
    })
    expect(scope.isDone()).toBe(true)
  })

  it.each([
    ['too long', { name: 'a'.repeat(41) }, `The event name '${'a'.repeat(41)}' is 41 characters long`],
    [
      'starting with a digit',
      { name: '2fa enabled' },
      "The event name '2fa_enabled' must start with a letter and contain only letters, digits and underscores."
    ],
    [
      'with punctuation (not normalized)',
      { name: 'Signed Up', normalize_name: false },
      "The event name 'Signed Up' must start with a letter"
    ],
    [
      'reserved',
      { name: 'Session Start' },
      "The event name 'session_start' is reserved by Google Analytics."
    ],
    [
      'with a reserved prefix',
      { name: 'ga_custom' },
      "The event name 'ga_custom' is reserved by Google Analytics."
    ],
    [
      'a parameter that is an object',
      { params: { cart: { total: 3 } } },
      "The parameter 'cart' is an object; Google Analytics parameters must be strings or numbers"
    ],
    [
      'a parameter name with a reserved prefix',
      { params: { google_thing: 1 } },
      "The parameter name 'google_thing' uses a prefix reserved by Google Analytics."
    ],
    [
      'more than 25 parameters',
      { params: Object.fromEntries(Array.from({ length: 26 }, (_, i) => [`p${i}`, i])) },
      'The event has 26 parameters; Google Analytics allows at most 25 per event.'
    ],
    [
      'a user property name over 24 characters',
      { user_properties: { a_very_long_user_property_name: 'x' } },
      "The user property name 'a_very_long_user_property_name' is 30 characters long"
    ],
    [
      'a user property value over 36 characters',
      { user_properties: { plan: 'x'.repeat(37) } },
      "The user property 'plan' is 37 characters long; Google Analytics allows at most 36."
    ],
    [
      'a reserved user property',
      { user_properties: { first_open_time: 1 } },
      "The user property name 'first_open_time' is reserved by Google Analytics."
    ],
    ['no client ID on a web stream', { client_id: '' }, 'A Client ID is required for a web stream']
  ])('refuses an event %s with a clear error and sends nothing', async (_case, mapping, message) => {
    const [outcome] = await deliverOne('sendEvent', track(), {
      mapping: { ...defaults('sendEvent'), ...mapping }
    })
    expect(outcome.status).toBe('failed')
    expect(outcome.request).toBeUndefined()
    expect(outcome.error?.code).toBe('PAYLOAD_VALIDATION_FAILED')
    expect(outcome.error?.message).toContain(message)
  })

  it('requires an app instance ID on an app stream', async () => {
    const [outcome] = await deliverOne('sendEvent', track(), { settings: appSettings })
    expect(outcome.status).toBe('failed')
    expect(outcome.error?.message).toBe(
      'An App Instance ID is required for an app stream: map it to the Firebase app instance ID.'
    )
  })

  it('refuses settings naming both a web and an app stream', async () => {
    const [outcome] = await deliverOne('sendEvent', track(), { settings: { ...settings, ...appSettings } })
    expect(outcome.status).toBe('failed')
    expect(outcome.error).toMatchObject({
      code: 'INVALID_SETTINGS',
      message: 'Set either a Measurement ID (web stream) or a Firebase App ID (app stream), not both.'
    })
  })
})

describe('purchase', () => {
  it('sends an Order Completed event as a purchase with its items', async () => {
    const scope = nock(ga)
      .post('/mp/collect', {
        client_id: '5b1c0a7e-3d9f-4c3a-9a52-5f1d2e8b7c64',
        user_id: 'u_83712',
        timestamp_micros: micros,
        events: [
          {
            name: 'purchase',
            params: {
              transaction_id: 'ORD-50314',
              currency: 'GBP',
              value: 125.49,
              tax: 11.5,
              shipping: 6.5,
              coupon: 'AUTUMN5',
              affiliation: 'Online Store',
              items: [
                {
                  item_id: 'p-1001',
                  item_name: 'Logo Tee',
                  item_brand: 'Acme',
                  item_category: 'Apparel',
                  price: 24.99,
                  quantity: 2
                },
                { item_id: 'p-2044', item_name: 'Enamel Mug', item_category: 'Home', price: 15, quantity: 1 },
                {
                  item_id: 'BAG-CNV',
                  item_name: 'Canvas Tote',
                  item_category: 'Accessories',
                  item_variant: 'natural',
                  price: 65,
                  quantity: 1
                }
              ]
            }
          }
        ]
      })
      .query(webQuery)
      .reply(204)

    await testDestination.testAction('purchase', {
      event: orderCompleted(),
      settings,
      useDefaultMappings: true
    })
    expect(scope.isDone()).toBe(true)
  })

  it('uses the total as the value when there is no revenue', async () => {
    let body: any
    nock(ga)
      .post('/mp/collect', (sent) => ((body = sent), true))
      .query(true)
      .reply(204)
    const event = orderCompleted()
    delete (event.properties as Record<string, unknown>).revenue
    await testDestination.testAction('purchase', { event, settings, useDefaultMappings: true })
    expect(body.events[0].params.value).toBe(141.48)
  })

  it('refuses a currency that is not an ISO 4217 code', async () => {
    const [outcome] = await deliverOne('purchase', orderCompleted(), {
      mapping: { ...defaults('purchase'), currency: 'pounds' }
    })
    expect(outcome.status).toBe('failed')
    expect(outcome.error).toMatchObject({
      code: 'INVALID_CURRENCY_CODE',
      message: "The currency 'pounds' is not a three-letter ISO 4217 code such as USD or EUR."
    })
  })

  it('refuses a value without a currency', async () => {
    const event = orderCompleted()
    delete (event.properties as Record<string, unknown>).currency
    const [outcome] = await deliverOne('purchase', event)
    expect(outcome.status).toBe('failed')
    expect(outcome.error?.message).toBe('A purchase with a value needs a currency.')
  })

  it('refuses an item with neither an ID nor a name', async () => {
    const [outcome] = await deliverOne('purchase', orderCompleted(), {
      mapping: { ...defaults('purchase'), items: [{ price: 3 }] }
    })
    expect(outcome.status).toBe('failed')
    expect(outcome.error?.message).toBe('Item 0 needs an item_id or an item_name.')
  })

  it('is invalid without a transaction ID', async () => {
    const event = orderCompleted()
    delete (event.properties as Record<string, unknown>).order_id
    const [outcome] = await deliverOne('purchase', event)
    expect(outcome.status).toBe('invalid')
    expect(outcome.error?.message).toBe("The root value is missing the required field 'transaction_id'.")
  })
})

describe('pageView', () => {
  it('sends a page call as page_view', async () => {
    const scope = nock(ga)
      .post('/mp/collect', {
        client_id: 'a1e2b3c4-d5f6-4789-8abc-def012345678',
        timestamp_micros: 1793350904500000,
        events: [
          {
            name: 'page_view',
            params: {
              page_location: 'https://www.example.com/pricing',
              page_title: 'Pricing — Example',
              page_referrer: 'https://www.google.com/'
            }
          }
        ]
      })
      .query(webQuery)
      .reply(204)

    await testDestination.testAction('pageView', { event: page(), settings, useDefaultMappings: true })
    expect(scope.isDone()).toBe(true)
  })

  it("falls back to the event's page context", async () => {
    let body: any
    nock(ga)
      .post('/mp/collect', (sent) => ((body = sent), true))
      .query(true)
      .reply(204)
    await testDestination.testAction('pageView', {
      event: track({ type: 'page', properties: {} }),
      settings,
      useDefaultMappings: true
    })
    // createTestEvent's page context
    expect(body.events[0].params).toMatchObject({
      page_location: 'https://segment.com/academy/',
      page_title: 'Analytics Academy'
    })
  })
})

/** The default mapping of an action, to override some of its fields. */
function defaults(actionId: string): Record<string, unknown> {
  return defaultValues(definition.actions[actionId].fields)
}
