import nock from 'nock'
import {
  Destination,
  createTestIntegration,
  defaultValues,
  type JSONObject,
  type SegmentEvent
} from '@destkit/core'
import definition from '../index.js'
import { chunkByLimits, MAX_CONTACTS_PER_UPSERT, MAX_UPSERT_BYTES } from '../syncAudience/sync.js'
import {
  API,
  AUDIENCE_KEY,
  LIST_ID,
  OTHER_LIST_ID,
  apiKey,
  foundContact,
  identifyEvent,
  settings,
  trackEvent
} from './engage-events.js'

beforeEach(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
})
afterAll(() => nock.enableNetConnect())

function instance(mapping?: JSONObject) {
  const defaults = defaultValues(definition.actions.syncAudience.fields)
  return new Destination(definition).configure({
    settings,
    mappings: [
      { id: 'sync', actionId: 'syncAudience', ...(mapping && { mapping: { ...defaults, ...mapping } }) }
    ],
    retry: false
  })
}

/** A mixed batch over two lists: adds, removals, a contact that is unknown, and a bad event. */
function mixedBatch(): SegmentEvent[] {
  const noMembership = identifyEvent(true, { email: 'nobody@example.com' })
  delete (noMembership.traits as Record<string, unknown>)[AUDIENCE_KEY]
  return [
    identifyEvent(true, { email: 'ada@example.com', firstName: 'Ada' }), // 0 add, list A
    trackEvent(false, 'grace@example.com'), // 1 remove, list A
    trackEvent(true, 'linus@example.com', OTHER_LIST_ID), // 2 add, list B
    trackEvent(false, 'ghost@example.com'), // 3 remove, list A, unknown to SendGrid
    noMembership, // 4 membership missing
    trackEvent(true, 'alan@example.com'), // 5 add, list A
    trackEvent(false, 'margaret@example.com', OTHER_LIST_ID) // 6 remove, list B
  ]
}

describe('syncAudience: batches', () => {
  it('sends one upsert per list and removes exited contacts, with a result per event', async () => {
    const bodies: Record<string, unknown[]> = { putA: [], putB: [], searchA: [], searchB: [] }
    const scope = nock(API)
      .matchHeader('authorization', `Bearer ${apiKey}`)
      // list A: adds, then lookup and removal
      .put('/v3/marketing/contacts', (body) => body.list_ids[0] === LIST_ID && (bodies.putA.push(body), true))
      .reply(202, { job_id: 'job-A' })
      .post('/v3/marketing/contacts/search/emails', (body) =>
        body.emails.includes('grace@example.com') ? (bodies.searchA.push(body), true) : false
      )
      .reply(200, {
        result: {
          'grace@example.com': foundContact('contact-grace', 'grace@example.com'),
          'ghost@example.com': { error: 'contact not found' }
        }
      })
      .delete(`/v3/marketing/lists/${LIST_ID}/contacts`)
      .query({ contact_ids: 'contact-grace' })
      .reply(202, { job_id: 'job-A-del' })
      // list B
      .put(
        '/v3/marketing/contacts',
        (body) => body.list_ids[0] === OTHER_LIST_ID && (bodies.putB.push(body), true)
      )
      .reply(202, { job_id: 'job-B' })
      .post('/v3/marketing/contacts/search/emails', (body) =>
        body.emails.includes('margaret@example.com') ? (bodies.searchB.push(body), true) : false
      )
      .reply(200, {
        result: {
          'margaret@example.com': foundContact('contact-margaret', 'margaret@example.com', [OTHER_LIST_ID])
        }
      })
      .delete(`/v3/marketing/lists/${OTHER_LIST_ID}/contacts`)
      .query({ contact_ids: 'contact-margaret' })
      .reply(202, { job_id: 'job-B-del' })

    const outcomes = await instance().deliverBatch(mixedBatch())

    expect(scope.isDone()).toBe(true)
    expect(bodies.putA).toEqual([
      {
        list_ids: [LIST_ID],
        contacts: [{ email: 'ada@example.com', first_name: 'Ada' }, { email: 'alan@example.com' }]
      }
    ])
    expect(bodies.searchA).toEqual([{ emails: ['grace@example.com', 'ghost@example.com'] }])
    expect(bodies.putB).toEqual([{ list_ids: [OTHER_LIST_ID], contacts: [{ email: 'linus@example.com' }] }])
    expect(bodies.searchB).toEqual([{ emails: ['margaret@example.com'] }])

    expect(outcomes.map((o) => [o.eventIndex, o.status])).toEqual([
      [0, 'delivered'],
      [1, 'delivered'],
      [2, 'delivered'],
      [3, 'delivered'],
      [4, 'failed'],
      [5, 'delivered'],
      [6, 'delivered']
    ])
    expect(outcomes[0].data).toEqual({ job_id: 'job-A' })
    expect(outcomes[1].data).toEqual({ job_id: 'job-A-del' })
    expect(outcomes[3].data).toEqual({ message: 'No SendGrid contact has this email; nothing to remove.' })
    expect(outcomes[4].error).toMatchObject({ code: 'INVALID_AUDIENCE_MEMBERSHIP', httpStatus: 400 })
    expect(outcomes[6].data).toEqual({ job_id: 'job-B-del' })
  })

  it('records per-event results in the test kit, the last event for a contact winning', async () => {
    const testDestination = createTestIntegration(definition)
    nock(API)
      .put('/v3/marketing/contacts', {
        list_ids: [LIST_ID],
        contacts: [{ email: 'alan@example.com' }]
      })
      .reply(202, { job_id: 'job-1' })
    // ada entered, then exited in the same batch: only the removal is sent.
    nock(API)
      .post('/v3/marketing/contacts/search/emails', { emails: ['ada@example.com'] })
      .reply(200, { result: { 'ada@example.com': foundContact('contact-ada', 'ada@example.com') } })
      .delete(`/v3/marketing/lists/${LIST_ID}/contacts`)
      .query({ contact_ids: 'contact-ada' })
      .reply(202, { job_id: 'job-2' })

    const responses = await testDestination.testBatchAction('syncAudience', {
      events: [
        trackEvent(true, 'ada@example.com'),
        trackEvent(true, 'alan@example.com'),
        trackEvent(false, 'Ada@Example.com')
      ],
      settings,
      useDefaultMappings: true
    })

    expect(responses.map((r) => r.request.method)).toEqual(['PUT', 'POST', 'DELETE'])
    const [results] = testDestination.results as unknown as Array<{ multistatus: unknown[] }>
    expect(results.multistatus).toMatchObject([
      {
        status: 200,
        body: { message: 'Superseded by a later event for the same contact and list in this batch.' }
      },
      { status: 202, body: { job_id: 'job-1' }, sent: { email: 'alan@example.com' } },
      { status: 202, body: { job_id: 'job-2' }, sent: { email: 'ada@example.com' } }
    ])
  })

  it("fails only the events of a request SendGrid refused with a 400, with SendGrid's reason", async () => {
    nock(API)
      .put('/v3/marketing/contacts')
      .reply(400, { errors: [{ field: 'list_ids[0]', message: 'list does not exist' }] })
      .post('/v3/marketing/contacts/search/emails')
      .reply(200, { result: { 'grace@example.com': foundContact('contact-grace', 'grace@example.com') } })
      .delete(`/v3/marketing/lists/${LIST_ID}/contacts`)
      .query({ contact_ids: 'contact-grace' })
      .reply(202, { job_id: 'job-del' })

    const outcomes = await instance().deliverBatch([
      trackEvent(true, 'ada@example.com'),
      trackEvent(false, 'grace@example.com'),
      trackEvent(true, 'alan@example.com')
    ])

    expect(outcomes.map((o) => o.status)).toEqual(['failed', 'delivered', 'failed'])
    expect(outcomes[0].error).toMatchObject({
      code: 'BAD_REQUEST',
      httpStatus: 400,
      message: 'SendGrid answered 400 Bad Request: list_ids[0]: list does not exist.'
    })
    expect(JSON.stringify(outcomes)).not.toContain(apiKey)
  })

  it('makes the whole batch retryable on a 429', async () => {
    nock(API)
      .put('/v3/marketing/contacts')
      .reply(429, { errors: [{ field: null, message: 'too many requests' }] }, { 'Retry-After': '12' })

    const outcomes = await instance().deliverBatch([
      trackEvent(true, 'ada@example.com'),
      trackEvent(false, 'grace@example.com')
    ])

    expect(outcomes.map((o) => o.status)).toEqual(['retryable', 'retryable'])
    expect(outcomes[0].error).toMatchObject({ code: 'TOO_MANY_REQUESTS', retryAfterMs: 12_000 })
  })

  it('leaves an invalid event out of the request', async () => {
    let body: unknown
    nock(API)
      .put('/v3/marketing/contacts', (sent) => ((body = sent), true))
      .reply(202, { job_id: 'job' })
    const outcomes = await instance().deliverBatch([
      trackEvent(true, 'ada@example.com'),
      trackEvent(true, 'not an email')
    ])
    expect(outcomes.map((o) => o.status)).toEqual(['delivered', 'invalid'])
    expect(body).toEqual({ list_ids: [LIST_ID], contacts: [{ email: 'ada@example.com' }] })
  })

  it('honours batch_size', async () => {
    const sizes: number[] = []
    nock(API)
      .put('/v3/marketing/contacts', (body) => (sizes.push(body.contacts.length), true))
      .times(3)
      .reply(202, { job_id: 'job' })
    const events = ['a', 'b', 'c', 'd', 'e'].map((name) => trackEvent(true, `${name}@example.com`))
    const outcomes = await instance({ batch_size: 2 }).deliverBatch(events)
    expect(outcomes.every((o) => o.status === 'delivered')).toBe(true)
    expect(sizes).toEqual([2, 2, 1])
  })

  it('looks up and removes at most 100 contacts per request', async () => {
    const emails = Array.from({ length: 150 }, (_, i) => `user${i}@example.com`)
    const searched: number[] = []
    const removed: number[] = []
    nock(API)
      .post('/v3/marketing/contacts/search/emails', (body) => (searched.push(body.emails.length), true))
      .times(2)
      .reply(200, (_uri, body) => ({
        result: Object.fromEntries(
          (body as { emails: string[] }).emails.map((email) => [email, foundContact(`id-${email}`, email)])
        )
      }))
      .delete(`/v3/marketing/lists/${LIST_ID}/contacts`)
      .query((query) => (removed.push(String(query.contact_ids).split(',').length), true))
      .times(2)
      .reply(202, { job_id: 'job' })

    const outcomes = await instance().deliverBatch(emails.map((email) => trackEvent(false, email)))

    expect(outcomes.every((o) => o.status === 'delivered')).toBe(true)
    expect(searched).toEqual([100, 50])
    expect(removed).toEqual([100, 50])
  })
})

describe('chunkByLimits', () => {
  it('splits by count and by bytes', () => {
    const bytes = (s: string) => s.length
    expect(chunkByLimits(['aa', 'bb', 'cc'], bytes, 2, 100)).toEqual([['aa', 'bb'], ['cc']])
    expect(chunkByLimits(['aaaa', 'bb', 'cc'], bytes, 10, 6)).toEqual([['aaaa'], ['bb', 'cc']])
    expect(chunkByLimits(['a'.repeat(20), 'b'], bytes, 10, 6)).toEqual([['a'.repeat(20)], ['b']])
    expect(chunkByLimits([], bytes, 10, 6)).toEqual([])
  })

  it("uses SendGrid's upsert limits", () => {
    expect(MAX_CONTACTS_PER_UPSERT).toBe(30_000)
    expect(MAX_UPSERT_BYTES).toBeLessThan(6_000_000)
  })
})
