import nock from 'nock'
import { HTTPError, IntegrationError, createTestIntegration } from '@destkit/core'
import definition from '../index.js'
import { API, EU_API, LIST_ID, apiKey, settings } from './engage-events.js'

const testDestination = createTestIntegration(definition)

beforeEach(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
})
afterAll(() => nock.enableNetConnect())

describe('createAudience', () => {
  it('creates a list named after the audience, with the API key as a Bearer token', async () => {
    let authorization: string | undefined
    const scope = nock(API)
      .post('/v3/marketing/lists', { name: 'VIP Customers' })
      .matchHeader('authorization', (value) => ((authorization = value), true))
      .matchHeader('content-type', /application\/json/)
      .reply(201, {
        id: LIST_ID,
        name: 'VIP Customers',
        contact_count: 0,
        _metadata: { self: `${API}/v3/marketing/lists/${LIST_ID}` }
      })

    const result = await testDestination.createAudience({ settings, audienceName: 'VIP Customers' })

    expect(result).toEqual({ externalId: LIST_ID })
    expect(authorization).toBe(`Bearer ${apiKey}`)
    expect(scope.isDone()).toBe(true)
  })

  it('uses the list name of the audience settings, trimmed', async () => {
    const scope = nock(API)
      .post('/v3/marketing/lists', { name: 'Newsletter — VIP' })
      .reply(201, { id: LIST_ID })
    await expect(
      testDestination.createAudience({
        settings,
        audienceName: 'vip_customers',
        audienceSettings: { listName: '  Newsletter — VIP ' }
      })
    ).resolves.toEqual({ externalId: LIST_ID })
    expect(scope.isDone()).toBe(true)
  })

  it('creates the list on the EU host for an EU account', async () => {
    const scope = nock(EU_API).post('/v3/marketing/lists', { name: 'VIP' }).reply(201, { id: LIST_ID })
    await expect(
      testDestination.createAudience({ settings: { ...settings, region: 'eu' }, audienceName: 'VIP' })
    ).resolves.toEqual({ externalId: LIST_ID })
    expect(scope.isDone()).toBe(true)
  })

  it('adopts an existing list given in the audience settings instead of creating one', async () => {
    const scope = nock(API)
      .get(`/v3/marketing/lists/${LIST_ID}`)
      .reply(200, { id: LIST_ID, name: 'Existing', contact_count: 12 })
    await expect(
      testDestination.createAudience({
        settings,
        audienceName: 'VIP Customers',
        audienceSettings: { listId: LIST_ID }
      })
    ).resolves.toEqual({ externalId: LIST_ID })
    expect(scope.isDone()).toBe(true)
  })

  it('adopts the list of the same name when SendGrid refuses a duplicate name, reading page after page', async () => {
    const scope = nock(API)
      .post('/v3/marketing/lists', { name: 'VIP Customers' })
      .reply(400, { errors: [{ field: 'name', message: 'list name already exists' }] })
      .get('/v3/marketing/lists')
      .query({ page_size: '1000' })
      .reply(200, {
        result: [{ id: 'aaaaaaaa-0000-0000-0000-000000000001', name: 'Other', contact_count: 3 }],
        _metadata: {
          self: `${API}/v3/marketing/lists?page_size=1000`,
          next: `${API}/v3/marketing/lists?page_size=1000&page_token=p2`
        }
      })
      .get('/v3/marketing/lists')
      .query({ page_size: '1000', page_token: 'p2' })
      .reply(200, {
        result: [{ id: LIST_ID, name: 'VIP Customers', contact_count: 40 }],
        _metadata: { self: `${API}/v3/marketing/lists?page_size=1000&page_token=p2` }
      })

    await expect(
      testDestination.createAudience({ settings, audienceName: 'VIP Customers' })
    ).resolves.toEqual({
      externalId: LIST_ID
    })
    expect(scope.isDone()).toBe(true)
  })

  it("rejects a refused name with SendGrid's reason when no list has that name", async () => {
    nock(API)
      .post('/v3/marketing/lists')
      .reply(400, { errors: [{ field: 'name', message: 'name contains invalid characters' }] })
      .get('/v3/marketing/lists')
      .query({ page_size: '1000' })
      .reply(200, { result: [], _metadata: { self: `${API}/v3/marketing/lists` } })

    const error = await testDestination
      .createAudience({ settings, audienceName: 'Bad <name>' })
      .catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(HTTPError)
    expect((error as HTTPError).message).toBe(
      'SendGrid answered 400 Bad Request: name: name contains invalid characters.'
    )
  })

  it('refuses a list name longer than 100 characters before calling SendGrid', async () => {
    const error = await testDestination
      .createAudience({ settings, audienceName: 'x'.repeat(101) })
      .catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(IntegrationError)
    expect(error).toMatchObject({ code: 'INVALID_LIST_NAME', status: 400 })
  })

  it('keeps the API key out of a failure', async () => {
    nock(API)
      .post('/v3/marketing/lists')
      .reply(401, { errors: [{ field: null, message: `authorization required for ${apiKey}` }] })
    const error = await testDestination
      .createAudience({ settings, audienceName: 'VIP' })
      .catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(Error)
    expect(String((error as Error).message)).not.toContain(apiKey)
    expect(String((error as Error).message)).toContain(
      'Check that the API key is valid and has Marketing access.'
    )
  })
})

describe('getAudience', () => {
  it('reads the list and returns its ID', async () => {
    const scope = nock(API)
      .get(`/v3/marketing/lists/${LIST_ID}`)
      .matchHeader('authorization', `Bearer ${apiKey}`)
      .reply(200, { id: LIST_ID, name: 'VIP Customers', contact_count: 2 })
    await expect(testDestination.getAudience({ settings, externalId: LIST_ID })).resolves.toEqual({
      externalId: LIST_ID
    })
    expect(scope.isDone()).toBe(true)
  })

  it('says clearly that a list no longer exists', async () => {
    nock(API)
      .get(`/v3/marketing/lists/${LIST_ID}`)
      .reply(404, [{ field: '', message: 'list ID does not exist' }])
    const error = await testDestination
      .getAudience({ settings, externalId: LIST_ID })
      .catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(IntegrationError)
    expect(error).toMatchObject({
      code: 'LIST_NOT_FOUND',
      status: 404,
      message: `SendGrid has no list with the ID "${LIST_ID}". It may have been deleted: create the audience again, or set the ID of an existing list.`
    })
  })

  it('escapes the list ID in the path', async () => {
    const scope = nock(API).get('/v3/marketing/lists/a%2Fb').reply(200, { id: 'a/b' })
    await expect(testDestination.getAudience({ settings, externalId: 'a/b' })).resolves.toEqual({
      externalId: 'a/b'
    })
    expect(scope.isDone()).toBe(true)
  })
})

describe('testAuthentication', () => {
  it('reads one list with the key', async () => {
    const scope = nock(API)
      .get('/v3/marketing/lists')
      .query({ page_size: '1' })
      .matchHeader('authorization', `Bearer ${apiKey}`)
      .reply(200, { result: [], _metadata: { self: `${API}/v3/marketing/lists?page_size=1` } })
    await expect(testDestination.testAuthentication(settings)).resolves.not.toThrow()
    expect(scope.isDone()).toBe(true)
  })

  it('uses the EU host for an EU account', async () => {
    const scope = nock(EU_API).get('/v3/marketing/lists').query({ page_size: '1' }).reply(200, { result: [] })
    await expect(testDestination.testAuthentication({ ...settings, region: 'eu' })).resolves.not.toThrow()
    expect(scope.isDone()).toBe(true)
  })

  it('rejects a refused key without repeating it', async () => {
    nock(API)
      .get('/v3/marketing/lists')
      .query(true)
      .reply(403, { errors: [{ field: null, message: 'access forbidden' }] })
    const error = await testDestination.testAuthentication(settings).catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toBe(
      'Credentials are invalid: SendGrid answered 403 Forbidden: access forbidden. Check that the API key is valid and has Marketing access.'
    )
    expect((error as Error).message).not.toContain(apiKey)
  })
})
