import nock from 'nock'
import { Destination, createTestEvent, createTestIntegration, defaultValues } from '@destkit/core'
import definition from '../index.js'
import upsertContact from '../upsertContact/index.js'
import { API, UPSERT_PATH, auth, bearer, fixture, hubspotError, upsertResults } from './helpers.js'

const testDestination = createTestIntegration(definition)
const destination = new Destination(definition)
const defaults = defaultValues(upsertContact.fields)

function configure(mapping: Record<string, unknown> = {}, retry: false | { retries: number } = false) {
  return destination.configure({
    settings: {},
    auth,
    retry: retry && { ...retry, minTimeout: 1, maxTimeout: 5 },
    mappings: [{ id: 'contacts', actionId: 'upsertContact', mapping: { ...defaults, ...mapping } as never }]
  })
}

const identify = (email: string, traits: Record<string, unknown> = {}) =>
  createTestEvent({ type: 'identify', userId: email, traits: { email, ...traits } })

beforeEach(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
})
afterAll(() => nock.enableNetConnect())

describe('upsertContact', () => {
  it('upserts the contact by email with the default mapping', async () => {
    nock(API)
      .post(UPSERT_PATH)
      .reply(200, upsertResults(['ada.lovelace@example.com']))
    const responses = await testDestination.testAction('upsertContact', {
      event: fixture('identify'),
      auth,
      useDefaultMappings: true
    })
    expect(responses).toHaveLength(1)
    const [response] = responses
    expect(response.status).toBe(200)
    expect(response.request.method).toBe('POST')
    expect(response.url).toBe('https://api.hubapi.com/crm/v3/objects/contacts/batch/upsert')
    expect(response.request.headers.get('authorization')).toBe(`Bearer ${auth.accessToken}`)
    expect(response.request.headers.get('content-type')).toBe('application/json')
    expect(response.options.json).toEqual({
      inputs: [
        {
          id: 'ada.lovelace@example.com',
          idProperty: 'email',
          properties: {
            email: 'ada.lovelace@example.com',
            firstname: 'Ada',
            lastname: 'Lovelace',
            company: 'Analytical Engines Ltd'
          }
        }
      ]
    })
    expect(await response.request.text()).toBe(JSON.stringify(response.options.json))
  })

  it('sends every mapped property, the named fields winning over Other Properties', async () => {
    nock(API)
      .post(UPSERT_PATH)
      .reply(200, upsertResults(['grace@example.com']))
    const responses = await testDestination.testAction('upsertContact', {
      event: createTestEvent({
        type: 'identify',
        traits: {
          email: 'Grace@Example.com',
          firstName: 'Grace',
          lastName: 'Hopper',
          phone: '+1 202 555 0143',
          company: { name: 'Navy' },
          website: 'https://grace.example.com',
          title: 'Rear Admiral'
        }
      }),
      auth,
      useDefaultMappings: true,
      mapping: {
        lifecyclestage: 'customer',
        otherProperties: {
          jobtitle: { '@path': '$.traits.title' },
          firstname: 'ignored',
          email: 'other@example.com',
          logins: 3,
          opted_in: true,
          fax: null
        }
      }
    })
    expect(responses[0].options.json).toEqual({
      inputs: [
        {
          id: 'grace@example.com',
          idProperty: 'email',
          properties: {
            jobtitle: 'Rear Admiral',
            firstname: 'Grace',
            email: 'grace@example.com',
            logins: 3,
            opted_in: true,
            lastname: 'Hopper',
            phone: '+1 202 555 0143',
            company: 'Navy',
            website: 'https://grace.example.com',
            lifecyclestage: 'customer'
          }
        }
      ]
    })
  })

  it.each([
    ['a company object without a name', { id: 'c-1', plan: 'pro' }],
    ['a company given as a string (not the Segment spec)', 'Acme']
  ])('still upserts the contact, without a company name, for %s', async (_case, company) => {
    nock(API)
      .post(UPSERT_PATH)
      .reply(200, upsertResults(['a@example.com']))
    const responses = await testDestination.testAction('upsertContact', {
      event: createTestEvent({ type: 'identify', traits: { email: 'a@example.com', company } }),
      auth,
      useDefaultMappings: true
    })
    expect((responses[0].options.json as any).inputs[0].properties).toEqual({ email: 'a@example.com' })
  })

  it('refuses a payload without an email or with a nested property, before any request', async () => {
    await expect(
      testDestination.testAction('upsertContact', {
        event: createTestEvent({ type: 'identify', traits: { firstName: 'Ada' } }),
        auth,
        useDefaultMappings: true
      })
    ).rejects.toThrow("The root value is missing the required field 'email'.")
    await expect(
      testDestination.testAction('upsertContact', {
        event: createTestEvent({ type: 'identify', traits: { email: 'not-an-email' } }),
        auth,
        useDefaultMappings: true
      })
    ).rejects.toThrow('Email must be a valid email address string but it was not.')
    await expect(
      testDestination.testAction('upsertContact', {
        event: createTestEvent({
          type: 'identify',
          traits: { email: 'a@example.com', address: { city: 'X' } }
        }),
        auth,
        useDefaultMappings: true,
        mapping: { otherProperties: { address: { '@path': '$.traits.address' } } }
      })
    ).rejects.toThrow(
      "Other Properties must hold strings, numbers or booleans, which HubSpot stores as property values: 'address' is an object."
    )
  })

  it('reports a 207 error for the one contact as a failure with HubSpot’s message', async () => {
    nock(API)
      .post(UPSERT_PATH)
      .reply(207, {
        status: 'COMPLETE',
        results: [],
        numErrors: 1,
        errors: [
          {
            status: 'error',
            category: 'VALIDATION_ERROR',
            message: 'Property values were not valid: lifecyclestage "ghost" is not a valid option',
            context: { ids: ['ada.lovelace@example.com'] }
          }
        ]
      })
    const [outcome] = await configure({ lifecyclestage: 'ghost' }).deliver(fixture('identify'))
    expect(outcome.status).toBe('failed')
    expect(outcome.error).toMatchObject({ code: 'VALIDATION_ERROR', httpStatus: 400, retryable: false })
    expect(outcome.error?.message).toBe(
      'HubSpot refused the contact: Property values were not valid: lifecyclestage "ghost" is not a valid option'
    )
  })

  it('fails a 400 VALIDATION_ERROR at once, without retrying', async () => {
    const scope = nock(API, bearer(auth.accessToken))
      .post(UPSERT_PATH)
      .reply(
        400,
        hubspotError('VALIDATION_ERROR', 'Property values were not valid: [{"name":"lifecyclestage"}]')
      )
    const extra = nock(API)
      .post(UPSERT_PATH)
      .reply(200, upsertResults(['ada.lovelace@example.com']))
    const [outcome] = await configure({}, { retries: 2 }).deliver(fixture('identify'))
    expect(outcome.status).toBe('failed')
    expect(outcome.attempts).toBe(1)
    expect(outcome.error).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400, retryable: false })
    expect(outcome.response?.status).toBe(400)
    expect(scope.isDone()).toBe(true)
    expect(extra.isDone()).toBe(false)
    for (const secret of [auth.accessToken, auth.clientSecret, auth.refreshToken]) {
      expect(JSON.stringify(outcome)).not.toContain(secret)
    }
  })

  it('retries a 429 and reports it retryable when HubSpot keeps throttling', async () => {
    const scope = nock(API)
      .post(UPSERT_PATH)
      .times(2)
      .reply(429, hubspotError('RATE_LIMITS', 'You have reached your ten_secondly_rolling limit.'), {
        'X-HubSpot-RateLimit-Interval-Milliseconds': '10000',
        'X-HubSpot-RateLimit-Max': '100',
        'X-HubSpot-RateLimit-Remaining': '0'
      })
    const [outcome] = await configure({}, { retries: 1 }).deliver(fixture('identify'))
    expect(outcome.status).toBe('retryable')
    expect(outcome.attempts).toBe(2)
    expect(outcome.error).toMatchObject({ code: 'TOO_MANY_REQUESTS', httpStatus: 429, retryable: true })
    expect(scope.isDone()).toBe(true)
  })

  it('hands a Retry-After beyond the retry budget back to the host as retryAfterMs', async () => {
    const scope = nock(API)
      .post(UPSERT_PATH)
      .once()
      .reply(429, hubspotError('RATE_LIMITS', 'You have reached your daily limit.'), { 'Retry-After': '30' })
    const [outcome] = await configure({}, { retries: 2 }).deliver(fixture('identify'))
    expect(outcome.status).toBe('retryable')
    expect(outcome.attempts).toBe(1)
    expect(outcome.error).toMatchObject({ httpStatus: 429, retryable: true, retryAfterMs: 30_000 })
    expect(scope.isDone()).toBe(true)
  })

  it('delivers after a transient 502', async () => {
    nock(API).post(UPSERT_PATH).reply(502, 'Bad Gateway')
    nock(API)
      .post(UPSERT_PATH)
      .reply(200, upsertResults(['ada.lovelace@example.com']))
    const [outcome] = await configure({}, { retries: 1 }).deliver(fixture('identify'))
    expect(outcome.status).toBe('delivered')
    expect(outcome.attempts).toBe(2)
  })
})

describe('upsertContact in batches', () => {
  it('sends one batch upsert, merging contacts with the same email and leaving invalid events out', async () => {
    let body: any
    const scope = nock(API, bearer(auth.accessToken))
      .post(UPSERT_PATH, (sent) => {
        body = sent
        return true
      })
      .reply(200, upsertResults(['ada@example.com', 'grace@example.com']))
    const outcomes = await configure().deliverBatch([
      identify('Ada@Example.com', { firstName: 'Ada' }),
      identify('grace@example.com', { firstName: 'Grace' }),
      identify('not-an-email'),
      identify('ada@example.com', { lastName: 'Lovelace', firstName: 'Augusta Ada' })
    ])
    expect(scope.isDone()).toBe(true)
    expect(body).toEqual({
      inputs: [
        {
          id: 'ada@example.com',
          idProperty: 'email',
          properties: { email: 'ada@example.com', firstname: 'Augusta Ada', lastname: 'Lovelace' }
        },
        {
          id: 'grace@example.com',
          idProperty: 'email',
          properties: { email: 'grace@example.com', firstname: 'Grace' }
        }
      ]
    })
    expect(outcomes.map((o) => [o.eventIndex, o.status])).toEqual([
      [0, 'delivered'],
      [1, 'delivered'],
      [2, 'invalid'],
      [3, 'delivered']
    ])
  })

  it('maps 207 errors back to the contacts they name', async () => {
    nock(API)
      .post(UPSERT_PATH)
      .reply(207, {
        status: 'COMPLETE',
        results: upsertResults(['ada@example.com', 'alan@example.com']).results,
        numErrors: 1,
        errors: [
          {
            status: 'error',
            category: 'VALIDATION_ERROR',
            message: 'Property values were not valid: phone "x" is not valid',
            context: { ids: ['GRACE@example.com'] }
          }
        ]
      })
    const outcomes = await configure().deliverBatch([
      identify('ada@example.com'),
      identify('grace@example.com', { phone: 'x' }),
      identify('alan@example.com')
    ])
    expect(outcomes.map((o) => o.status)).toEqual(['delivered', 'failed', 'delivered'])
    expect(outcomes[1].error).toEqual({
      code: 'VALIDATION_ERROR',
      message: 'Property values were not valid: phone "x" is not valid',
      retryable: false,
      httpStatus: 400
    })
  })

  it('says so honestly when a 207 error names no contact', async () => {
    nock(API)
      .post(UPSERT_PATH)
      .reply(207, {
        status: 'COMPLETE',
        results: upsertResults(['ada@example.com']).results,
        numErrors: 1,
        errors: [{ status: 'error', category: 'VALIDATION_ERROR', message: 'One input was not valid.' }]
      })
    const outcomes = await configure().deliverBatch([
      identify('ada@example.com'),
      identify('grace@example.com')
    ])
    expect(outcomes.map((o) => o.status)).toEqual(['delivered', 'failed'])
    expect(outcomes[1].error?.message).toBe(
      'HubSpot returned no result for this contact and reported errors for the batch: One input was not valid.'
    )
  })

  it('refuses a contact with a nested property on its own and sends the others', async () => {
    let body: any
    nock(API)
      .post(UPSERT_PATH, (sent) => {
        body = sent
        return true
      })
      .reply(200, upsertResults(['ada@example.com']))
    const outcomes = await configure({
      otherProperties: { plan: { '@path': '$.traits.plan' } }
    }).deliverBatch([
      identify('ada@example.com', { plan: 'pro' }),
      identify('grace@example.com', { plan: { name: 'pro' } })
    ])
    expect(body.inputs.map((input: any) => input.id)).toEqual(['ada@example.com'])
    expect(outcomes.map((o) => o.status)).toEqual(['delivered', 'failed'])
    expect(outcomes[1].error).toMatchObject({ code: 'PAYLOAD_VALIDATION_FAILED', httpStatus: 400 })
  })

  it('fails every event when HubSpot refuses the whole batch', async () => {
    const scope = nock(API)
      .post(UPSERT_PATH)
      .once()
      .reply(400, hubspotError('VALIDATION_ERROR', 'Duplicate IDs found in batch input'))
    const outcomes = await configure({}, { retries: 2 }).deliverBatch([
      identify('ada@example.com'),
      identify('grace@example.com')
    ])
    expect(outcomes.map((o) => [o.status, o.attempts, o.error?.httpStatus])).toEqual([
      ['failed', 1, 400],
      ['failed', 1, 400]
    ])
    expect(scope.isDone()).toBe(true)
  })

  it('splits batches at HubSpot’s limit of 100 contacts', async () => {
    const sizes: number[] = []
    nock(API)
      .post(UPSERT_PATH)
      .times(2)
      .reply(200, (_uri, body: any) => {
        sizes.push(body.inputs.length)
        return upsertResults(body.inputs.map((input: any) => input.id))
      })
    const events = Array.from({ length: 101 }, (_, i) => identify(`user${i}@example.com`))
    const outcomes = await configure().deliverBatch(events)
    expect(sizes).toEqual([100, 1])
    expect(outcomes.every((o) => o.status === 'delivered')).toBe(true)
  })

  it('refuses a batch size above 100', async () => {
    const outcomes = await configure({ batch_size: 150 }).deliverBatch([identify('ada@example.com')])
    expect(outcomes[0].status).toBe('invalid')
    expect(outcomes[0].error?.message).toContain('Batch Size')
  })

  it('returns per-event results through testBatchAction', async () => {
    nock(API)
      .post(UPSERT_PATH)
      .reply(200, upsertResults(['ada@example.com', 'grace@example.com']))
    const responses = await testDestination.testBatchAction('upsertContact', {
      events: [identify('ada@example.com'), identify('grace@example.com')],
      auth,
      useDefaultMappings: true
    })
    expect(responses).toHaveLength(1)
    expect(responses[0].options.json).toEqual({
      inputs: [
        { id: 'ada@example.com', idProperty: 'email', properties: { email: 'ada@example.com' } },
        { id: 'grace@example.com', idProperty: 'email', properties: { email: 'grace@example.com' } }
      ]
    })
    expect(testDestination.results).toEqual([
      {
        multistatus: [
          expect.objectContaining({ status: 200, body: expect.objectContaining({ id: '501' }) }),
          expect.objectContaining({ status: 200, body: expect.objectContaining({ id: '502' }) })
        ]
      }
    ])
  })
})
