import nock from 'nock'
import { createTestEvent, createTestIntegration } from '@destkit/core'
import definition from '../index.js'
import {
  ACCESS_TOKEN,
  EVENTS_PATH,
  EVENTS_URL,
  GRAPH,
  USER_AGENT,
  checkoutStarted,
  eventTime,
  expectedContents,
  expectedUserData,
  orderCompleted,
  pageCall,
  productEvent,
  settings,
  sha256,
  timestamp
} from './helpers.js'

const testDestination = createTestIntegration(definition)

beforeEach(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
})
afterAll(() => nock.enableNetConnect())

/** Intercepts one POST to the events edge, checking the query and headers, and keeps the body. */
function interceptEvents(reply: { status?: number; body?: object } = {}) {
  const captured: { body?: any } = {}
  const scope = nock(GRAPH)
    .matchHeader('content-type', /^application\/json/)
    .matchHeader('authorization', (value) => value === undefined)
    .post(EVENTS_PATH, (body) => {
      captured.body = body
      return true
    })
    .query({ access_token: ACCESS_TOKEN })
    .reply(reply.status ?? 200, reply.body ?? { events_received: 1, messages: [], fbtrace_id: 'AbC123' })
  return { scope, captured }
}

describe('purchase', () => {
  it('posts the Order Completed event as a Purchase with hashed user data', async () => {
    const { scope, captured } = interceptEvents()
    const responses = await testDestination.testAction('purchase', {
      event: orderCompleted(),
      settings,
      useDefaultMappings: true
    })

    expect(scope.isDone()).toBe(true)
    expect(responses).toHaveLength(1)
    expect(responses[0].status).toBe(200)
    expect(responses[0].url).toBe(EVENTS_URL)
    expect(responses[0].request.method).toBe('POST')
    expect(captured.body).toEqual({
      data: [
        {
          event_name: 'Purchase',
          event_time: eventTime,
          event_id: 'ajs-next-1f6c2a9e8b3d4c7a9e0f1a2b3c4d5e6f',
          event_source_url: 'https://shop.example.com/checkout/confirmation?step=done',
          action_source: 'website',
          user_data: expectedUserData,
          custom_data: {
            currency: 'GBP',
            value: 125.49,
            contents: expectedContents,
            content_type: 'product',
            order_id: 'ORD-50314'
          }
        }
      ]
    })
    expect(await responses[0].request.text()).toBe(JSON.stringify(captured.body))
  })

  it('requires currency and value', async () => {
    const event = orderCompleted({
      properties: { order_id: 'ORD-1', products: [{ product_id: 'p-1', price: 1, quantity: 1 }] }
    })
    await expect(
      testDestination.testAction('purchase', { event, settings, useDefaultMappings: true })
    ).rejects.toThrow("The root value is missing the required field 'currency'.")
  })

  it('sends test events with the test event code', async () => {
    const { captured } = interceptEvents()
    await testDestination.testAction('purchase', {
      event: orderCompleted(),
      settings: { ...settings, test_event_code: 'TEST4821' },
      useDefaultMappings: true
    })
    expect(captured.body.test_event_code).toBe('TEST4821')
    expect(captured.body.data).toHaveLength(1)
  })

  it('uses a custom mapping: opt out, Limited Data Use, extra custom data, another action source', async () => {
    const { captured } = interceptEvents()
    await testDestination.testAction('purchase', {
      event: orderCompleted(),
      settings,
      useDefaultMappings: true,
      mapping: {
        action_source: 'physical_store',
        opt_out: true,
        currency: 'usd',
        value: { '@path': '$.properties.total' },
        content_ids: ['p-1001', 'p-2044'],
        num_items: 4,
        custom_data: { predicted_ltv: 900, value: 1 },
        data_processing_options: ['LDU'],
        data_processing_options_country: 1,
        data_processing_options_state: 1000
      }
    })
    const [event] = captured.body.data
    expect(event.action_source).toBe('physical_store')
    expect(event.opt_out).toBe(true)
    expect(event.custom_data).toEqual({
      predicted_ltv: 900,
      currency: 'USD',
      value: 141.48,
      content_ids: ['p-1001', 'p-2044'],
      contents: expectedContents,
      content_type: 'product',
      num_items: 4,
      order_id: 'ORD-50314'
    })
    expect(event.data_processing_options).toEqual(['LDU'])
    expect(event.data_processing_options_country).toBe(1)
    expect(event.data_processing_options_state).toBe(1000)
  })
})

describe('addToCart', () => {
  it('posts Product Added as AddToCart with the product as contents', async () => {
    const { scope, captured } = interceptEvents()
    const responses = await testDestination.testAction('addToCart', {
      event: productEvent('Product Added'),
      settings,
      useDefaultMappings: true
    })
    expect(scope.isDone()).toBe(true)
    expect(responses[0].url).toBe(EVENTS_URL)
    expect(captured.body).toEqual({
      data: [
        {
          event_name: 'AddToCart',
          event_time: eventTime,
          event_id: 'msg-product-added',
          event_source_url: 'https://shop.example.com/checkout/confirmation?step=done',
          action_source: 'website',
          user_data: expectedUserData,
          custom_data: {
            currency: 'GBP',
            value: 24.99,
            contents: [{ id: 'p-1001', quantity: 2, item_price: 24.99 }],
            content_type: 'product',
            content_name: 'Logo Tee',
            content_category: 'Apparel'
          }
        }
      ]
    })
  })
})

describe('viewContent', () => {
  it('posts Product Viewed as ViewContent', async () => {
    const { scope, captured } = interceptEvents()
    await testDestination.testAction('viewContent', {
      event: productEvent('Product Viewed'),
      settings,
      useDefaultMappings: true
    })
    expect(scope.isDone()).toBe(true)
    expect(captured.body).toEqual({
      data: [
        {
          event_name: 'ViewContent',
          event_time: eventTime,
          event_id: 'msg-product-viewed',
          event_source_url: 'https://shop.example.com/checkout/confirmation?step=done',
          action_source: 'website',
          user_data: expectedUserData,
          custom_data: {
            currency: 'GBP',
            value: 24.99,
            contents: [{ id: 'p-1001', quantity: 2, item_price: 24.99 }],
            content_type: 'product',
            content_name: 'Logo Tee',
            content_category: 'Apparel'
          }
        }
      ]
    })
  })
})

describe('initiateCheckout', () => {
  it('posts Checkout Started as InitiateCheckout', async () => {
    const { scope, captured } = interceptEvents()
    await testDestination.testAction('initiateCheckout', {
      event: checkoutStarted(),
      settings,
      useDefaultMappings: true,
      mapping: { num_items: 4 }
    })
    expect(scope.isDone()).toBe(true)
    expect(captured.body).toEqual({
      data: [
        {
          event_name: 'InitiateCheckout',
          event_time: eventTime,
          event_id: 'msg-checkout-1',
          event_source_url: 'https://shop.example.com/checkout/confirmation?step=done',
          action_source: 'website',
          user_data: expectedUserData,
          custom_data: {
            currency: 'GBP',
            value: 125.49,
            contents: expectedContents,
            content_type: 'product',
            num_items: 4,
            order_id: 'ORD-50314'
          }
        }
      ]
    })
  })
})

describe('pageView', () => {
  it('posts a page call as PageView, matched by IP address, user agent and anonymous ID', async () => {
    const { scope, captured } = interceptEvents()
    await testDestination.testAction('pageView', { event: pageCall(), settings, useDefaultMappings: true })
    expect(scope.isDone()).toBe(true)
    expect(captured.body).toEqual({
      data: [
        {
          event_name: 'PageView',
          event_time: eventTime,
          event_id: 'ajs-next-0c9d8e7f6a5b',
          event_source_url: 'https://www.example.com/pricing',
          action_source: 'website',
          user_data: {
            external_id: sha256('a1e2b3c4-d5f6-4789-8abc-def012345678'),
            client_ip_address: '198.51.100.7',
            client_user_agent:
              'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36'
          }
        }
      ]
    })
  })
})

describe('custom', () => {
  it('posts any event name with the custom data it is given', async () => {
    const { scope, captured } = interceptEvents()
    const event = createTestEvent({
      type: 'track',
      event: 'Signed Up',
      messageId: 'msg-signup',
      userId: 'u_1',
      timestamp,
      context: { ip: '203.0.113.9', userAgent: USER_AGENT, traits: { email: 'new.user@example.com' } },
      properties: { plan: 'pro' }
    })
    await testDestination.testAction('custom', {
      event,
      settings,
      useDefaultMappings: true,
      mapping: {
        event_name: 'CompleteRegistration',
        action_source: 'app',
        custom_data: { status: 'registered', plan: { '@path': '$.properties.plan' } }
      }
    })
    expect(scope.isDone()).toBe(true)
    expect(captured.body).toEqual({
      data: [
        {
          event_name: 'CompleteRegistration',
          event_time: eventTime,
          event_id: 'msg-signup',
          action_source: 'app',
          user_data: {
            em: sha256('new.user@example.com'),
            external_id: sha256('u_1'),
            client_ip_address: '203.0.113.9',
            client_user_agent: USER_AGENT
          },
          custom_data: { status: 'registered', plan: 'pro' }
        }
      ]
    })
  })

  it('uses the event name of the event by default', async () => {
    const { captured } = interceptEvents()
    await testDestination.testAction('custom', {
      event: orderCompleted({ event: 'Coupon Applied', properties: {} }),
      settings,
      useDefaultMappings: true
    })
    expect(captured.body.data[0].event_name).toBe('Coupon Applied')
    expect(captured.body.data[0].custom_data).toBeUndefined()
  })
})

describe('raw personal data never leaves', () => {
  it('sends no raw email, phone, name or address from the event, only digests', async () => {
    const { captured } = interceptEvents()
    const event = orderCompleted({
      context: {
        ip: '203.0.113.42',
        userAgent: USER_AGENT,
        page: { url: 'https://shop.example.com/checkout' },
        traits: {
          email: 'Grace.Hopper@Navy.example',
          phone: '+1 (202) 555-0147',
          firstName: 'Grace',
          lastName: 'Hopper',
          gender: 'female',
          birthday: '1906-12-09',
          address: { city: 'Arlington', state: 'Virginia', postalCode: '22201-1234', country: 'US' }
        }
      }
    })
    await testDestination.testAction('purchase', { event, settings, useDefaultMappings: true })

    const sent = JSON.stringify(captured.body).toLowerCase()
    for (const raw of [
      'grace.hopper@navy.example',
      'grace',
      'hopper',
      '202',
      '5550147',
      '12025550147',
      '1906',
      'arlington',
      'virginia',
      '22201',
      'female'
    ]) {
      expect(sent).not.toContain(raw)
    }
    expect(captured.body.data[0].user_data).toEqual({
      em: sha256('grace.hopper@navy.example'),
      ph: sha256('12025550147'),
      fn: sha256('grace'),
      ln: sha256('hopper'),
      ge: sha256('f'),
      db: sha256('19061209'),
      ct: sha256('arlington'),
      st: sha256('va'),
      zp: sha256('22201'),
      country: sha256('us'),
      external_id: sha256('u_83712'),
      client_ip_address: '203.0.113.42',
      client_user_agent: USER_AGENT
    })
  })
})

describe('payload checks before sending', () => {
  it('refuses an event more than 7 days old without calling Meta', async () => {
    const old = new Date(Date.now() - 8 * 24 * 60 * 60 * 1000).toISOString()
    await expect(
      testDestination.testAction('purchase', {
        event: orderCompleted({ timestamp: old }),
        settings,
        useDefaultMappings: true
      })
    ).rejects.toThrow(/is more than 7 days in the past; Meta rejects events older than 7 days/)
  })

  it('refuses customer information Meta cannot match', async () => {
    const event = orderCompleted({
      userId: undefined,
      anonymousId: undefined,
      context: { userAgent: USER_AGENT, page: { url: 'https://shop.example.com/' }, traits: { gender: 'f' } }
    })
    await expect(
      testDestination.testAction('purchase', { event, settings, useDefaultMappings: true })
    ).rejects.toThrow(
      'Meta needs customer information it can match: an Email (em), Phone (ph), External ID (external_id), ' +
        'Click ID (fbc), Browser ID (fbp) or Client IP Address, or a name with more than a gender or location. ' +
        'This event has only Gender (ge), Client User Agent (client_user_agent).'
    )
  })

  it('requires the event source URL and user agent for website events', async () => {
    const event = orderCompleted({ context: { ip: '203.0.113.42', traits: { email: 'a@example.com' } } })
    await expect(
      testDestination.testAction('purchase', { event, settings, useDefaultMappings: true })
    ).rejects.toThrow('Meta requires Event Source URL and Client User Agent for website events.')
  })

  it('refuses a currency that is not an ISO code', async () => {
    await expect(
      testDestination.testAction('purchase', {
        event: orderCompleted(),
        settings,
        useDefaultMappings: true,
        mapping: { currency: 'pounds' }
      })
    ).rejects.toThrow('Currency must be a three-letter ISO 4217 code such as USD or EUR.')
  })

  it('refuses a value without a currency', async () => {
    const event = productEvent('Product Added')
    delete (event.properties as Record<string, unknown>).currency
    await expect(
      testDestination.testAction('addToCart', { event, settings, useDefaultMappings: true })
    ).rejects.toThrow('Currency is required when Value is set: Meta needs both.')
  })
})
