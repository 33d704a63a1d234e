import nock from 'nock'
import { Destination, createTestIntegration, presetMappings } from '@destkit/core'
import definition from '../index.js'
import { identify, orderCompleted, page, screen } from './events.js'

const apiKey = 'cio_track_key_9f8e7d6c5b4a'
const settings = { siteId: 'site_3c2b1a', apiKey }
const authorization = `Basic ${Buffer.from(`site_3c2b1a:${apiKey}`).toString('base64')}`

beforeEach(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
})
afterAll(() => nock.enableNetConnect())

describe('testAuthentication', () => {
  it('checks the credentials with the account region endpoint', async () => {
    const scope = nock('https://track.customer.io', { reqheaders: { authorization } })
      .get('/api/v1/accounts/region')
      .reply(200, { url: 'https://track.customer.io', region: 'us', environment_id: 3 })
    await expect(createTestIntegration(definition).testAuthentication(settings)).resolves.not.toThrow()
    expect(scope.isDone()).toBe(true)
  })

  it('rejects refused credentials', async () => {
    nock('https://track.customer.io').get('/api/v1/accounts/region').reply(401, 'Unauthorized')
    await expect(createTestIntegration(definition).testAuthentication(settings)).rejects.toThrow()
  })

  it('says so when the account is in the other region', async () => {
    nock('https://track-eu.customer.io')
      .get('/api/v1/accounts/region')
      .reply(200, { url: 'https://track.customer.io', region: 'us', environment_id: 3 })
    await expect(
      createTestIntegration(definition).testAuthentication({ ...settings, region: 'eu' })
    ).rejects.toThrow(
      'These credentials belong to an account in the US region, but the Region setting is EU.'
    )
  })
})

describe('deletePerson and onDelete', () => {
  it('deletes the person by URL-encoded identifier', async () => {
    const scope = nock('https://track.customer.io', { reqheaders: { authorization } })
      .delete('/api/v1/customers/ada%40example.com')
      .reply(200, {})
    const responses = await createTestIntegration(definition).testAction('deletePerson', {
      event: orderCompleted({ userId: 'ada@example.com' }),
      settings,
      useDefaultMappings: true
    })
    expect(scope.isDone()).toBe(true)
    expect(responses[0].request.method).toBe('DELETE')
  })

  it('deletes the user of a privacy request', async () => {
    const scope = nock('https://track-eu.customer.io', { reqheaders: { authorization } })
      .delete('/api/v1/customers/u_83712')
      .reply(200, {})
    await new Destination(definition).onDelete(orderCompleted(), { ...settings, region: 'eu' })
    expect(scope.isDone()).toBe(true)
  })
})

describe('presets', () => {
  const instance = () =>
    new Destination(definition).configure({ settings, mappings: presetMappings(definition), retry: false })

  it('offers identify, track, page and screen presets', () => {
    expect(definition.presets!.map((p) => [p.name, p.partnerAction])).toEqual([
      ['Identify Calls', 'createUpdatePerson'],
      ['Track Calls', 'trackEvent'],
      ['Page Calls', 'trackEvent'],
      ['Screen Calls', 'trackEvent']
    ])
  })

  it('Identify Calls creates or updates the person', async () => {
    const scope = nock('https://track.customer.io')
      .put(
        '/api/v1/customers/u_83712',
        (body) => body.email === 'ada.lovelace@example.com' && body.created_at === 1709370000
      )
      .reply(200, {})
    const outcomes = await instance().deliver(identify())
    expect(outcomes.find((o) => o.mappingId === 'Identify Calls')?.status).toBe('delivered')
    expect(scope.isDone()).toBe(true)
  })

  it('Track Calls tracks the event', async () => {
    const scope = nock('https://track.customer.io').post('/api/v1/customers/u_83712/events').reply(200, {})
    const outcomes = await instance().deliver(orderCompleted())
    expect(outcomes.filter((o) => o.status !== 'not-subscribed').map((o) => o.mappingId)).toEqual([
      'Track Calls'
    ])
    expect(scope.isDone()).toBe(true)
  })

  it('Page Calls sends an anonymous page view named by its URL', async () => {
    const scope = nock('https://track.customer.io')
      .post('/api/v1/events', {
        name: 'https://www.example.com/pricing',
        type: 'page',
        data: { path: '/pricing', title: 'Pricing — Example', url: 'https://www.example.com/pricing' },
        timestamp: 1793350904,
        anonymous_id: 'a1e2b3c4-d5f6-4789-8abc-def012345678'
      })
      .reply(200, {})
    const outcomes = await instance().deliver(page())
    expect(outcomes.find((o) => o.mappingId === 'Page Calls')?.status).toBe('delivered')
    expect(scope.isDone()).toBe(true)
  })

  it('Page Calls falls back to the URL of the context', async () => {
    const scope = nock('https://track.customer.io')
      .post(
        '/api/v1/events',
        (body) => body.name === 'https://www.example.com/pricing' && body.type === 'page'
      )
      .reply(200, {})
    await instance().deliver(page({ properties: {} }))
    expect(scope.isDone()).toBe(true)
  })

  it('Screen Calls sends a screen view named by the screen', async () => {
    const scope = nock('https://track.customer.io')
      .post('/api/v1/customers/u_1009/events', {
        name: 'Cart',
        type: 'screen',
        data: { items: 3, value: 89.5 },
        timestamp: 1793299500
      })
      .reply(200, {})
    const outcomes = await instance().deliver(screen())
    expect(outcomes.find((o) => o.mappingId === 'Screen Calls')?.status).toBe('delivered')
    expect(scope.isDone()).toBe(true)
  })
})
