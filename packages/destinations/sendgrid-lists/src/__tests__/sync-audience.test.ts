import nock from 'nock'
import {
  Destination,
  InvalidAudienceMembershipError,
  PayloadValidationError,
  createTestEvent,
  createTestIntegration
} from '@destkit/core'
import definition from '../index.js'
import { rateLimitWait } from '../api.js'
import { membershipOf } from '../syncAudience/sync.js'
import type { Payload } from '../syncAudience/generated-types.js'
import {
  API,
  AUDIENCE_KEY,
  EU_API,
  LIST_ID,
  OTHER_LIST_ID,
  apiKey,
  foundContact,
  identifyEvent,
  settings,
  trackEvent
} from './engage-events.js'

const testDestination = createTestIntegration(definition)
const fastRetry = { retries: 1, minTimeout: 1, maxTimeout: 5 }

function instance(retry: typeof fastRetry | false = false, extraSettings: Record<string, unknown> = {}) {
  return new Destination(definition).configure({
    settings: { ...settings, ...extraSettings },
    mappings: [{ id: 'sync', actionId: 'syncAudience' }],
    retry
  })
}

beforeEach(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
})
afterAll(() => nock.enableNetConnect())

describe('syncAudience: a user entered the audience', () => {
  it('upserts the contact with the list ID (identify call)', async () => {
    const scope = nock(API).put('/v3/marketing/contacts').reply(202, { job_id: 'job-1' })

    const responses = await testDestination.testAction('syncAudience', {
      event: identifyEvent(true, {
        firstName: 'Ada',
        lastName: 'Lovelace',
        address: { street: "12 St James's Square", city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' }
      }),
      settings,
      useDefaultMappings: true
    })

    expect(scope.isDone()).toBe(true)
    expect(responses).toHaveLength(1)
    const [response] = responses
    expect(response.status).toBe(202)
    expect(response.request.method).toBe('PUT')
    expect(response.url).toBe(`${API}/v3/marketing/contacts`)
    expect(response.request.headers.get('authorization')).toBe(`Bearer ${apiKey}`)
    expect(response.request.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await response.request.json()).toEqual({
      list_ids: [LIST_ID],
      contacts: [
        {
          email: 'ada.lovelace@example.com',
          first_name: 'Ada',
          last_name: 'Lovelace',
          address_line_1: "12 St James's Square",
          city: 'London',
          postal_code: 'SW1Y 4JH',
          country: 'GB'
        }
      ]
    })
  })

  it('reads traits from the context of a track call "Audience Entered"', async () => {
    let body: unknown
    nock(API)
      .put('/v3/marketing/contacts', (sent) => ((body = sent), true))
      .reply(202, { job_id: 'job-2' })

    await testDestination.testAction('syncAudience', {
      event: trackEvent(true, 'grace@example.com', LIST_ID, { first_name: 'Grace' }),
      settings,
      useDefaultMappings: true
    })

    expect(body).toEqual({
      list_ids: [LIST_ID],
      contacts: [{ email: 'grace@example.com', first_name: 'Grace' }]
    })
  })

  it('sends mapped identifiers, alternate emails and custom fields', async () => {
    let body: unknown
    nock(API)
      .put('/v3/marketing/contacts', (sent) => ((body = sent), true))
      .reply(202, { job_id: 'job-3' })

    await testDestination.testAction('syncAudience', {
      event: identifyEvent(true, { email: undefined, phone: '+44 20 7946 0958', plan: 'gold' }),
      settings,
      useDefaultMappings: true,
      mapping: {
        phone_number_id: { '@path': '$.traits.phone' },
        external_id: { '@path': '$.userId' },
        alternate_emails: ['ada@work.example.com'],
        custom_fields: { e1_T: { '@path': '$.traits.plan' } }
      }
    })

    expect(body).toEqual({
      list_ids: [LIST_ID],
      contacts: [
        {
          phone_number_id: '+442079460958',
          external_id: 'u_83712',
          alternate_emails: ['ada@work.example.com'],
          custom_fields: { e1_T: 'gold' }
        }
      ]
    })
  })

  it('uses the EU host for an EU account', async () => {
    const scope = nock(EU_API).put('/v3/marketing/contacts').reply(202, { job_id: 'job-eu' })
    const [outcome] = await instance(false, { region: 'eu' }).deliver(identifyEvent(true))
    expect(outcome.status).toBe('delivered')
    expect(scope.isDone()).toBe(true)
  })
})

describe('syncAudience: a user exited the audience', () => {
  it('finds the contact by email and removes it from the list (track call "Audience Exited")', async () => {
    const scope = nock(API)
      .post('/v3/marketing/contacts/search/emails', { emails: ['grace@example.com'] })
      .matchHeader('authorization', `Bearer ${apiKey}`)
      .reply(200, { result: { 'grace@example.com': foundContact('contact-1', 'grace@example.com') } })
      .delete(`/v3/marketing/lists/${LIST_ID}/contacts`)
      .query({ contact_ids: 'contact-1' })
      .matchHeader('authorization', `Bearer ${apiKey}`)
      .reply(202, { job_id: 'job-del' })

    const responses = await testDestination.testAction('syncAudience', {
      event: trackEvent(false, 'Grace@Example.com'),
      settings,
      useDefaultMappings: true
    })

    expect(scope.isDone()).toBe(true)
    expect(responses.map((r) => [r.request.method, r.url, r.status])).toEqual([
      ['POST', `${API}/v3/marketing/contacts/search/emails`, 200],
      ['DELETE', `${API}/v3/marketing/lists/${LIST_ID}/contacts?contact_ids=contact-1`, 202]
    ])
  })

  it('delivers without a removal when SendGrid has no such contact (404 from the lookup)', async () => {
    const scope = nock(API)
      .post('/v3/marketing/contacts/search/emails', { emails: ['ada.lovelace@example.com'] })
      .reply(404, { errors: [{ message: 'contact not found' }] })

    const [outcome] = await instance().deliver(identifyEvent(false))

    expect(scope.isDone()).toBe(true)
    expect(outcome.status).toBe('delivered')
    expect(outcome.data).toEqual({ message: 'No SendGrid contact has this email; nothing to remove.' })
  })

  it('delivers without a removal when the contact is not on the list', async () => {
    const scope = nock(API)
      .post('/v3/marketing/contacts/search/emails')
      .reply(200, {
        result: {
          'ada.lovelace@example.com': foundContact('contact-9', 'ada.lovelace@example.com', [OTHER_LIST_ID])
        }
      })
    const [outcome] = await instance().deliver(identifyEvent(false))
    expect(scope.isDone()).toBe(true)
    expect(outcome.status).toBe('delivered')
    expect(outcome.data).toEqual({ message: 'The contact is not on the list; nothing to remove.' })
  })

  it('looks a contact without email up by its external ID', async () => {
    const scope = nock(API)
      .post('/v3/marketing/contacts/search/identifiers/external_id', {
        identifiers: ['u_83712']
      })
      .reply(200, {
        result: { u_83712: { contact: { id: 'contact-7', external_id: 'u_83712', list_ids: [LIST_ID] } } }
      })
      .delete(`/v3/marketing/lists/${LIST_ID}/contacts`)
      .query({ contact_ids: 'contact-7' })
      .reply(202, { job_id: 'job-del-7' })

    await testDestination.testAction('syncAudience', {
      event: identifyEvent(false, { email: undefined }),
      settings,
      useDefaultMappings: true,
      mapping: { external_id: { '@path': '$.userId' } }
    })
    expect(scope.isDone()).toBe(true)
  })
})

describe('syncAudience: membership and payload problems', () => {
  it('fails an event that does not say whether the user is in the audience', async () => {
    const event = identifyEvent(true)
    delete (event.traits as Record<string, unknown>)[AUDIENCE_KEY]
    const [outcome] = await instance().deliver(event)
    expect(outcome.status).toBe('failed')
    expect(outcome.attempts).toBe(1)
    expect(outcome.error).toMatchObject({
      code: 'INVALID_AUDIENCE_MEMBERSHIP',
      message: `The event does not say whether the user entered or exited the audience: the trait or property '${AUDIENCE_KEY}' should be true or false, but it is missing.`
    })
  })

  it('marks an event without any identifier invalid', async () => {
    const [outcome] = await instance().deliver(identifyEvent(true, { email: undefined }))
    expect(outcome.status).toBe('invalid')
    expect(outcome.error?.message).toContain("missing the required field 'email'")
  })

  it('refuses a phone number ID that is not E.164', async () => {
    await expect(
      testDestination.testAction('syncAudience', {
        event: identifyEvent(true),
        settings,
        useDefaultMappings: true,
        mapping: { phone_number_id: '020 7946 0958' }
      })
    ).rejects.toThrow(PayloadValidationError)
  })

  it("prefers the host's membership, then the trait named after the audience key", () => {
    const payload = {
      external_audience_id: LIST_ID,
      audience_key: AUDIENCE_KEY,
      traits_or_properties: { [AUDIENCE_KEY]: true }
    } as Payload
    expect(membershipOf(payload, undefined)).toBe(true)
    expect(membershipOf(payload, false)).toBe(false)
    expect(() =>
      membershipOf({ ...payload, traits_or_properties: { [AUDIENCE_KEY]: 'yes' } }, undefined)
    ).toThrow(InvalidAudienceMembershipError)
  })

  it('is not subscribed to events that are not Engage audience events', async () => {
    const [outcome] = await instance().deliver(
      createTestEvent({ type: 'identify', traits: { email: 'a@b.co' } })
    )
    expect(outcome.status).toBe('not-subscribed')
  })
})

describe('syncAudience: SendGrid errors', () => {
  it("fails a 400 at once, with SendGrid's reason, and keeps the API key out", async () => {
    const scope = nock(API)
      .put('/v3/marketing/contacts')
      .reply(400, {
        errors: [
          {
            field: 'contacts[0].custom_fields',
            message: `invalid custom field ids supplied - e9 (${apiKey})`
          }
        ]
      })

    const [outcome] = await instance(fastRetry).deliver(identifyEvent(true))

    expect(scope.isDone()).toBe(true)
    expect(outcome.status).toBe('failed')
    expect(outcome.attempts).toBe(1)
    expect(outcome.error).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400, retryable: false })
    expect(outcome.error?.message).toMatch(
      /^SendGrid answered 400 Bad Request: contacts\[0\]\.custom_fields: invalid custom field ids supplied - e9/
    )
    expect(JSON.stringify(outcome)).not.toContain(apiKey)
  })

  it('makes a 429 retryable, waiting as Retry-After says', async () => {
    const scope = nock(API)
      .put('/v3/marketing/contacts')
      .reply(
        429,
        { errors: [{ field: null, message: 'too many requests' }] },
        {
          'Retry-After': '30',
          'X-RateLimit-Limit': '150',
          'X-RateLimit-Remaining': '0'
        }
      )

    const [outcome] = await instance(fastRetry).deliver(identifyEvent(true))

    // 30 s is beyond the in-process budget: the runtime stops at once and hands the wait to the host.
    expect(scope.isDone()).toBe(true)
    expect(outcome.status).toBe('retryable')
    expect(outcome.attempts).toBe(1)
    expect(outcome.error).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      httpStatus: 429,
      retryable: true,
      retryAfterMs: 30_000
    })
    expect(outcome.error?.message).toContain('too many requests')
    expect(JSON.stringify(outcome)).not.toContain(apiKey)
  })

  it('reads the wait of a 429 from X-RateLimit-Reset (a Unix time) when there is no Retry-After', () => {
    const now = Date.parse('2026-10-30T14:00:00Z')
    const headers = (values: Record<string, string>) => new Headers(values) as never
    expect(rateLimitWait(headers({ 'x-ratelimit-reset': String(now / 1000 + 42) }), now)).toBe(42_000)
    expect(rateLimitWait(headers({ 'x-ratelimit-reset': String(now / 1000 - 5) }), now)).toBe(0)
    expect(rateLimitWait(headers({ 'retry-after': '7', 'x-ratelimit-reset': '1' }), now)).toBe(7_000)
    expect(rateLimitWait(headers({}), now)).toBeUndefined()
  })

  it('retries a 5xx and delivers when SendGrid recovers', async () => {
    const scope = nock(API)
      .put('/v3/marketing/contacts')
      .reply(503, { errors: [{ message: 'service unavailable' }] })
      .put('/v3/marketing/contacts')
      .reply(202, { job_id: 'job-after-retry' })

    const [outcome] = await instance(fastRetry).deliver(identifyEvent(true))

    expect(scope.isDone()).toBe(true)
    expect(outcome.status).toBe('delivered')
    expect(outcome.attempts).toBe(2)
    expect(outcome.data).toEqual({ job_id: 'job-after-retry' })
  })

  it('reports a 5xx that persists as retryable', async () => {
    nock(API)
      .put('/v3/marketing/contacts')
      .times(2)
      .reply(500, { errors: [{ message: 'internal error' }] })
    const [outcome] = await instance(fastRetry).deliver(identifyEvent(true))
    expect(outcome.status).toBe('retryable')
    expect(outcome.attempts).toBe(2)
    expect(outcome.error?.message).toBe('SendGrid answered 500 Internal Server Error: internal error.')
  })

  it('fails a removal from a list that no longer exists', async () => {
    nock(API)
      .post('/v3/marketing/contacts/search/emails')
      .reply(200, { result: { 'grace@example.com': foundContact('contact-1', 'grace@example.com') } })
      .delete(`/v3/marketing/lists/${LIST_ID}/contacts`)
      .query(true)
      .reply(404, { errors: [{ message: 'list not found' }] })
    const [outcome] = await instance(fastRetry).deliver(trackEvent(false))
    expect(outcome.status).toBe('failed')
    expect(outcome.attempts).toBe(1)
    expect(outcome.error).toMatchObject({
      httpStatus: 404,
      message: 'SendGrid answered 404 Not Found: list not found.'
    })
  })
})
