import nock from 'nock'
import { Destination, createTestEvent, createTestIntegration } from '@destkit/core'
import definition from '../index.js'
import type { Settings } from '../generated-types.js'

const settings: Settings = { apiKey: 'braze-rest-key-6e1f0c', endpoint: 'https://rest.iad-01.braze.com' }
const testDestination = createTestIntegration(definition)

beforeEach(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
})

describe('updateUserProfile', () => {
  it('sends standard profile fields and custom attributes', async () => {
    const scope = nock('https://rest.iad-01.braze.com', {
      reqheaders: { authorization: `Bearer ${settings.apiKey}` }
    })
      .post('/users/track', {
        attributes: [
          {
            firstName: 'Ada',
            lastName: 'Lovelace',
            email: 'ada@example.com',
            phone: '+442079460958',
            gender: 'F',
            birthday: '1815-12-10T00:00:00.000Z',
            address: { city: 'London', country: 'GB' },
            plan: 'premium',
            logins: 17,
            external_id: 'u_83712',
            first_name: 'Ada',
            last_name: 'Lovelace',
            dob: '1815-12-10',
            country: 'GB',
            home_city: 'London',
            language: 'en',
            time_zone: 'Europe/London'
          }
        ]
      })
      .reply(201, { message: 'success', attributes_processed: 1 })

    const responses = await testDestination.testAction('updateUserProfile', {
      event: createTestEvent({
        type: 'identify',
        userId: 'u_83712',
        traits: {
          firstName: 'Ada',
          lastName: 'Lovelace',
          email: 'ada@example.com',
          phone: '+442079460958',
          gender: 'F',
          birthday: '1815-12-10T00:00:00.000Z',
          address: { city: 'London', country: 'GB' },
          plan: 'premium',
          logins: 17
        },
        context: { locale: 'en-GB', timezone: 'Europe/London' }
      }),
      settings,
      useDefaultMappings: true
    })
    expect(scope.isDone()).toBe(true)
    expect(responses[0].status).toBe(201)
  })

  it('converts gender words, keeps null to clear a field, and sets subscription states', async () => {
    let body: any
    nock('https://rest.iad-01.braze.com')
      .post('/users/track', (b) => ((body = b), true))
      .reply(201, { message: 'success' })
    await testDestination.testAction('updateUserProfile', {
      event: createTestEvent({
        type: 'identify',
        userId: 'u_1',
        traits: { gender: 'female', last_name: null }
      }),
      settings,
      mapping: {
        external_id: { '@path': '$.userId' },
        gender: { '@path': '$.traits.gender' },
        last_name: { '@path': '$.traits.last_name' },
        email_subscribe: 'opted_in',
        push_subscribe: 'unsubscribed',
        update_existing_only: true
      }
    })
    expect(body).toEqual({
      attributes: [
        {
          external_id: 'u_1',
          last_name: null,
          gender: 'F',
          email_subscribe: 'opted_in',
          push_subscribe: 'unsubscribed',
          _update_existing_only: true
        }
      ]
    })
  })

  it('keeps a custom attribute named like a standard field the mapping leaves unset, converted like it', async () => {
    let body: any
    nock('https://rest.iad-01.braze.com')
      .post('/users/track', (b) => ((body = b), true))
      .reply(201, { message: 'success' })
    await testDestination.testAction('updateUserProfile', {
      event: createTestEvent({
        type: 'identify',
        userId: 'u_2',
        traits: {
          plan: 'pro',
          home_city: 'Paris',
          country: 'FR',
          email_subscribe: 'opted_in',
          push_subscribe: 'maybe',
          gender: 'female',
          dob: '1990-05-01T00:00:00Z'
        },
        context: { locale: 'fr-FR', timezone: 'Europe/Paris' }
      }),
      settings,
      useDefaultMappings: true
    })
    expect(body).toEqual({
      attributes: [
        {
          plan: 'pro',
          home_city: 'Paris',
          country: 'FR',
          email_subscribe: 'opted_in',
          gender: 'F',
          dob: '1990-05-01',
          external_id: 'u_2',
          language: 'fr',
          time_zone: 'Europe/Paris'
        }
      ]
    })
  })

  it('refuses an unknown subscription state before any request', async () => {
    await expect(
      testDestination.testAction('updateUserProfile', {
        event: createTestEvent({ type: 'identify' }),
        settings,
        mapping: { external_id: { '@path': '$.userId' }, email_subscribe: 'maybe' }
      })
    ).rejects.toThrowError('Email Subscribe must be one of: "opted_in", "subscribed", "unsubscribed".')
  })

  it('fails on a fatal 400 without retrying, with Braze’s reason', async () => {
    const scope = nock('https://rest.iad-01.braze.com')
      .post('/users/track')
      .once()
      .reply(400, {
        message: "Valid data must be provided in the 'attributes', 'events', or 'purchases' fields.",
        errors: [
          {
            type: "'external_id', 'braze_id', 'user_alias', 'email' or 'phone' is required",
            input_array: 'attributes',
            index: 0
          }
        ]
      })
    const instance = new Destination(definition).configure({
      settings,
      mappings: [{ id: 'identify', actionId: 'updateUserProfile', trigger: 'type = "identify"' }],
      retry: { retries: 2, minTimeout: 1, maxTimeout: 5 }
    })
    const [outcome] = await instance.deliver(createTestEvent({ type: 'identify', traits: { plan: 'pro' } }))
    expect(scope.isDone()).toBe(true)
    expect(outcome).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: {
        code: 'REJECTED_BY_BRAZE',
        httpStatus: 400,
        message:
          "Braze rejected the user attributes: 'external_id', 'braze_id', 'user_alias', 'email' or 'phone' is required."
      }
    })
    expect(JSON.stringify(outcome)).not.toContain(settings.apiKey)
  })
})
