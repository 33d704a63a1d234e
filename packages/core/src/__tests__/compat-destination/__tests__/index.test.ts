// A destination test in the jest style of the public Destination Actions format.
// It runs unchanged on destkit apart from the import of '@destkit/core'.
import nock from 'nock'
import { createTestEvent, createTestIntegration } from '@destkit/core'
import Destination from '../index'

const testDestination = createTestIntegration(Destination)
const timestamp = '2021-08-17T15:21:15.449Z'
const settings = { apiKey: 'test-api-key' }

describe('Pinger', () => {
  describe('testAuthentication', () => {
    it('should validate authentication inputs', async () => {
      nock('https://api.pinger.test').get('/v2/me').reply(200, {})
      await expect(testDestination.testAuthentication(settings)).resolves.not.toThrowError()
    })

    it('should reject invalid credentials', async () => {
      nock('https://api.pinger.test').get('/v2/me').reply(401, {})
      await expect(testDestination.testAuthentication(settings)).rejects.toThrowError()
    })
  })

  describe('send', () => {
    it('should work with default mappings', async () => {
      const event = createTestEvent({
        timestamp,
        event: 'Test Event',
        properties: { plan: 'pro' }
      })

      nock('https://api.pinger.test').post('/v2/events').reply(200, { success: true })

      const responses = await testDestination.testAction('send', {
        event,
        settings,
        useDefaultMappings: true
      })

      expect(responses.length).toBe(1)
      expect(responses[0].status).toBe(200)
      expect(responses[0].data).toMatchObject({ success: true })
      expect(responses[0].options.json).toMatchObject({
        event: 'Test Event',
        user_id: 'user1234',
        properties: { plan: 'pro' }
      })
      expect(responses[0].options.headers).toBeDefined()
      expect(await responses[0].request.text()).toBe(JSON.stringify(responses[0].options.json))
    })

    it('should use a custom mapping', async () => {
      const event = createTestEvent({ event: 'Signed Up', userId: 'abc' })

      nock('https://api.pinger.test').post('/v2/events').query({ sandbox: 'true' }).reply(200, {})

      const responses = await testDestination.testAction('send', {
        event,
        settings,
        mapping: {
          name: { '@template': '{{event}} (custom)' },
          userId: { '@path': '$.userId' },
          sandbox: true
        }
      })

      expect(responses[0].status).toBe(200)
      expect(responses[0].url).toBe('https://api.pinger.test/v2/events?sandbox=true')
      expect(responses[0].options.json).toEqual({ event: 'Signed Up (custom)', user_id: 'abc' })
    })

    it('should throw when a required field is missing', async () => {
      const event = createTestEvent({ event: undefined })
      await expect(
        testDestination.testAction('send', { event, settings, mapping: { userId: { '@path': '$.userId' } } })
      ).rejects.toThrowError("The root value is missing the required field 'name'.")
    })

    it('should surface integration errors', async () => {
      const event = createTestEvent({ event: 'forbidden' })
      await expect(
        testDestination.testAction('send', { event, settings, useDefaultMappings: true })
      ).rejects.toThrowError('This event name is reserved.')
    })

    it('should throw on API errors', async () => {
      nock('https://api.pinger.test').post('/v2/events').reply(500, {})
      const event = createTestEvent({ event: 'Test Event' })
      await expect(
        testDestination.testAction('send', { event, settings, useDefaultMappings: true })
      ).rejects.toThrowError()
      expect(testDestination.responses[0].status).toBe(500)
    })
  })
})
