import nock from 'nock'
import { Destination, presetMappings, type SegmentEvent } from '@destkit/core'
import definition from '../index.js'

const settings = { apiKey: 'amp_api_key_4f9c2e', secretKey: 'amp_secret_7d1b' }

// Events shaped like the shared Segment fixtures.
const track: SegmentEvent = {
  type: 'track',
  event: 'Order Completed',
  messageId: 'ajs-next-1f6c2a9e',
  userId: 'u_83712',
  anonymousId: '5b1c0a7e-3d9f-4c3a-9a52-5f1d2e8b7c64',
  timestamp: '2026-10-30T14:22:05.118Z',
  context: {
    ip: '203.0.113.42',
    locale: 'en-GB',
    library: { name: 'analytics-node', version: '2.1.2' },
    traits: { email: 'ada@example.com' }
  },
  properties: { order_id: 'ORD-50314', revenue: 125.49, currency: 'GBP' }
}
const page: SegmentEvent = {
  type: 'page',
  name: 'Pricing',
  messageId: 'ajs-next-0c9d8e7f6a5b',
  anonymousId: 'a1e2b3c4-d5f6-4789-8abc-def012345678',
  timestamp: '2026-10-30T09:01:44.500Z',
  context: { ip: '198.51.100.7' },
  properties: { path: '/pricing', url: 'https://www.example.com/pricing' }
}
const screen: SegmentEvent = {
  type: 'screen',
  name: 'Cart',
  messageId: 'ios-5E1D3C2B',
  userId: 'u_1009',
  anonymousId: 'B2C3D4E5-F6A7-4890-ABCD-EF0123456789',
  timestamp: '2026-10-29T18:45:00.000Z',
  context: {
    app: { name: 'Example Shop', version: '5.12.0' },
    device: { id: 'B2C3D4E5-DEVICE', manufacturer: 'Apple', model: 'iPhone16,2', type: 'ios' },
    os: { name: 'iOS', version: '18.1' },
    network: { carrier: 'EE' }
  },
  properties: { items: 3, value: 89.5 }
}
const identify: SegmentEvent = {
  type: 'identify',
  messageId: 'node-next-8a7b6c5d',
  userId: 'u_83712',
  anonymousId: '5b1c0a7e-3d9f-4c3a-9a52-5f1d2e8b7c64',
  timestamp: '2026-10-30T14:20:11.004Z',
  context: { ip: '203.0.113.42' },
  traits: { email: 'ada.lovelace@example.com', plan: 'premium' }
}
const group: SegmentEvent = {
  type: 'group',
  groupId: 'c_77',
  userId: 'u_83712',
  messageId: 'node-next-group-01',
  timestamp: '2026-10-30T14:21:00.000Z',
  traits: { name: 'Analytical Engines Ltd', plan: 'enterprise' }
}

beforeEach(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
})

function configured() {
  return new Destination(definition).configure({
    settings,
    mappings: presetMappings(definition),
    retry: false
  })
}

const statuses = (outcomes: Array<{ mappingId: string; status: string }>) =>
  Object.fromEntries(outcomes.map((o) => [o.mappingId, o.status]))

describe('presets', () => {
  it('names existing actions and subscribes Track, Page, Screen, Identify and Group calls', () => {
    expect(definition.presets?.map((p) => [p.name, p.partnerAction])).toEqual([
      ['Track Calls', 'logEvent'],
      ['Page Calls', 'logEvent'],
      ['Screen Calls', 'logEvent'],
      ['Identify Calls', 'identifyUser'],
      ['Group Calls', 'groupIdentifyUser']
    ])
  })

  it('Track Calls logs the event', async () => {
    let body: any
    nock('https://api2.amplitude.com')
      .post('/2/httpapi', (b) => ((body = b), true))
      .reply(200, { code: 200 })
    const outcomes = await configured().deliver(track)
    expect(statuses(outcomes)).toMatchObject({ 'Track Calls': 'delivered', 'Page Calls': 'not-subscribed' })
    expect(body.events).toEqual([
      {
        event_type: 'Order Completed',
        user_id: 'u_83712',
        device_id: '5b1c0a7e-3d9f-4c3a-9a52-5f1d2e8b7c64',
        time: Date.parse('2026-10-30T14:22:05.118Z'),
        event_properties: { order_id: 'ORD-50314', revenue: 125.49, currency: 'GBP' },
        user_properties: { email: 'ada@example.com' },
        insert_id: 'ajs-next-1f6c2a9e',
        revenue: 125.49,
        language: 'en-GB',
        ip: '203.0.113.42'
      }
    ])
  })

  it('Page Calls logs "Viewed <name>"', async () => {
    let body: any
    nock('https://api2.amplitude.com')
      .post('/2/httpapi', (b) => ((body = b), true))
      .reply(200, { code: 200 })
    const outcomes = await configured().deliver(page)
    expect(statuses(outcomes)).toMatchObject({ 'Page Calls': 'delivered', 'Track Calls': 'not-subscribed' })
    expect(body.events).toEqual([
      {
        event_type: 'Viewed Pricing',
        device_id: 'a1e2b3c4-d5f6-4789-8abc-def012345678',
        time: Date.parse('2026-10-30T09:01:44.500Z'),
        event_properties: { path: '/pricing', url: 'https://www.example.com/pricing' },
        insert_id: 'ajs-next-0c9d8e7f6a5b',
        ip: '198.51.100.7'
      }
    ])
  })

  it('Screen Calls logs "Viewed <name>" with the device details', async () => {
    let body: any
    nock('https://api2.amplitude.com')
      .post('/2/httpapi', (b) => ((body = b), true))
      .reply(200, { code: 200 })
    const outcomes = await configured().deliver(screen)
    expect(statuses(outcomes)).toMatchObject({ 'Screen Calls': 'delivered' })
    expect(body.events).toEqual([
      {
        event_type: 'Viewed Cart',
        user_id: 'u_1009',
        device_id: 'B2C3D4E5-DEVICE',
        time: Date.parse('2026-10-29T18:45:00.000Z'),
        event_properties: { items: 3, value: 89.5 },
        insert_id: 'ios-5E1D3C2B',
        app_version: '5.12.0',
        platform: 'ios',
        os_name: 'iOS',
        os_version: '18.1',
        device_manufacturer: 'Apple',
        device_model: 'iPhone16,2',
        carrier: 'EE'
      }
    ])
  })

  it('Identify Calls sets the user properties', async () => {
    let form: Record<string, string> = {}
    nock('https://api2.amplitude.com')
      .post('/identify', (b) => ((form = b), true))
      .reply(200, 'success')
    const outcomes = await configured().deliver(identify)
    expect(statuses(outcomes)).toMatchObject({
      'Identify Calls': 'delivered',
      'Track Calls': 'not-subscribed'
    })
    expect(form.api_key).toBe(settings.apiKey)
    expect(JSON.parse(form.identification)).toEqual({
      user_id: 'u_83712',
      device_id: '5b1c0a7e-3d9f-4c3a-9a52-5f1d2e8b7c64',
      user_properties: { email: 'ada.lovelace@example.com', plan: 'premium' }
    })
  })

  it('Group Calls puts the user in the group and sets its properties', async () => {
    const forms: Record<string, string>[] = []
    const scope = nock('https://api2.amplitude.com')
      .post('/identify', (b) => (forms.push(b), true))
      .reply(200, 'success')
      .post('/groupidentify', (b) => (forms.push(b), true))
      .reply(200, 'success')
    const outcomes = await configured().deliver(group)
    expect(scope.isDone()).toBe(true)
    expect(statuses(outcomes)).toMatchObject({ 'Group Calls': 'delivered' })
    expect(forms.map((f) => JSON.parse(f.identification))).toEqual([
      { user_id: 'u_83712', groups: { company: 'c_77' } },
      {
        group_type: 'company',
        group_value: 'c_77',
        group_properties: { name: 'Analytical Engines Ltd', plan: 'enterprise' }
      }
    ])
  })
})
