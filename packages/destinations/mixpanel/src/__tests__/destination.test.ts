import nock from 'nock'
import { Destination, createTestIntegration, presetMappings } from '@destkit/core'
import definition from '../index.js'
import { group, identify, orderCompleted, page, screen } from './events.js'

const secret = 'sa-secret-0f9e8d7c6b5a'
const settings = {
  projectToken: 'tok_4a5b6c7d8e9f',
  projectId: '12345',
  serviceAccountUsername: 'destkit.1a2b3c.mp-service-account',
  serviceAccountSecret: secret
}
const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`

beforeEach(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
})
afterAll(() => nock.enableNetConnect())

describe('testAuthentication', () => {
  it('checks the service account against the application API', async () => {
    const scope = nock('https://mixpanel.com', {
      reqheaders: { authorization: basic(settings.serviceAccountUsername, secret) }
    })
      .get('/api/app/me')
      .reply(200, { status: 'ok', results: {} })
    await expect(createTestIntegration(definition).testAuthentication(settings)).resolves.not.toThrow()
    expect(scope.isDone()).toBe(true)
  })

  it('uses the regional application host', async () => {
    const scope = nock('https://eu.mixpanel.com').get('/api/app/me').reply(200, { status: 'ok' })
    await createTestIntegration(definition).testAuthentication({ ...settings, region: 'eu' })
    expect(scope.isDone()).toBe(true)
  })

  it('rejects refused service account credentials', async () => {
    nock('https://mixpanel.com').get('/api/app/me').reply(401, { error: 'Invalid credentials' })
    await expect(createTestIntegration(definition).testAuthentication(settings)).rejects.toThrow()
  })

  it('sends nothing when only a token or a project secret is set (they cannot be checked without data)', async () => {
    const testDestination = createTestIntegration(definition)
    await expect(
      testDestination.testAuthentication({ projectToken: 'tok_4a5b6c7d8e9f', apiSecret: 'legacy' })
    ).resolves.not.toThrow()
    expect(testDestination.responses).toHaveLength(0)
  })
})

describe('presets', () => {
  const instance = () =>
    new Destination(definition).configure({ settings, mappings: presetMappings(definition), retry: false })

  it('offers track, page, screen, identify and group presets', () => {
    expect(definition.presets!.map((p) => [p.name, p.partnerAction])).toEqual([
      ['Track Calls', 'trackEvent'],
      ['Page Calls', 'trackEvent'],
      ['Screen Calls', 'trackEvent'],
      ['Identify Calls', 'identifyUser'],
      ['Group Calls', 'groupIdentifyUser']
    ])
  })

  it('Track Calls imports the track event', async () => {
    let body: any
    nock('https://api.mixpanel.com')
      .post('/import', (b) => ((body = b), true))
      .query({ strict: '1', project_id: '12345' })
      .reply(200, { code: 200, status: 'OK' })
    const outcomes = await instance().deliver(orderCompleted())
    expect(outcomes.filter((o) => o.status !== 'not-subscribed').map((o) => [o.mappingId, o.status])).toEqual(
      [['Track Calls', 'delivered']]
    )
    expect(body[0]).toMatchObject({ event: 'Order Completed', properties: { distinct_id: 'u_83712' } })
  })

  it('Page Calls imports "Viewed <name> Page" for an anonymous visitor', async () => {
    let body: any
    nock('https://api.mixpanel.com')
      .post('/import', (b) => ((body = b), true))
      .query(true)
      .reply(200, { code: 200, status: 'OK' })
    const outcomes = await instance().deliver(page())
    expect(outcomes.find((o) => o.mappingId === 'Page Calls')?.status).toBe('delivered')
    expect(body).toEqual([
      {
        event: 'Viewed Pricing Page',
        properties: {
          path: '/pricing',
          title: 'Pricing — Example',
          url: 'https://www.example.com/pricing',
          $current_url: 'https://www.example.com/pricing',
          $referrer: 'https://www.google.com/',
          time: 1793350904500,
          distinct_id: 'a1e2b3c4-d5f6-4789-8abc-def012345678',
          $insert_id: 'ajs-next-0c9d8e7f6a5b',
          $device_id: 'a1e2b3c4-d5f6-4789-8abc-def012345678',
          ip: '198.51.100.7'
        }
      }
    ])
  })

  it('Page Calls falls back to "Loaded a Page" without a page name', async () => {
    let body: any
    nock('https://api.mixpanel.com')
      .post('/import', (b) => ((body = b), true))
      .query(true)
      .reply(200, { code: 200, status: 'OK' })
    await instance().deliver(page({ name: undefined }))
    expect(body[0].event).toBe('Loaded a Page')
  })

  it('Screen Calls imports "Viewed <name> Screen" with the app context', async () => {
    let body: any
    nock('https://api.mixpanel.com')
      .post('/import', (b) => ((body = b), true))
      .query(true)
      .reply(200, { code: 200, status: 'OK' })
    const outcomes = await instance().deliver(screen())
    expect(outcomes.find((o) => o.mappingId === 'Screen Calls')?.status).toBe('delivered')
    expect(body).toEqual([
      {
        event: 'Viewed Cart Screen',
        properties: {
          items: 3,
          value: 89.5,
          $os: 'iOS',
          $os_version: '18.1',
          $model: 'iPhone16,2',
          $manufacturer: 'Apple',
          $app_version_string: '5.12.0',
          time: 1793299500000,
          distinct_id: 'u_1009',
          $insert_id: 'ios-5E1D3C2B-8F7A-4B6C-9D0E',
          $user_id: 'u_1009',
          $device_id: 'B2C3D4E5-F6A7-4890-ABCD-EF0123456789'
        }
      }
    ])
  })

  it('Identify Calls sets the user profile', async () => {
    const scope = nock('https://api.mixpanel.com')
      .post(
        '/engage',
        (b) => b[0].$distinct_id === 'u_83712' && b[0].$set.$email === 'ada.lovelace@example.com'
      )
      .query({ verbose: '1' })
      .reply(200, { status: 1, error: null })
    const outcomes = await instance().deliver(identify())
    expect(outcomes.find((o) => o.mappingId === 'Identify Calls')?.status).toBe('delivered')
    expect(scope.isDone()).toBe(true)
  })

  it('Group Calls sets the group profile', async () => {
    const scope = nock('https://api.mixpanel.com')
      .post('/groups', (b) => b[0].$group_id === 'c_77' && b[0].$set.$name === 'Analytical Engines Ltd')
      .query({ verbose: '1' })
      .reply(200, { status: 1, error: null })
    const outcomes = await instance().deliver(group())
    expect(outcomes.find((o) => o.mappingId === 'Group Calls')?.status).toBe('delivered')
    expect(scope.isDone()).toBe(true)
  })
})
