import nock from 'nock'
import { Destination, presetMappings } from '@destkit/core'
import definition from '../index.js'
import { API, UPSERT_PATH, auth, fixture, upsertResults } from './helpers.js'

beforeEach(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
})
afterAll(() => nock.enableNetConnect())

describe('presets', () => {
  it('name existing actions', () => {
    for (const preset of definition.presets ?? []) {
      expect(Object.keys(definition.actions)).toContain(preset.partnerAction)
    }
    expect(definition.presets?.map((preset) => [preset.name, preset.partnerAction])).toEqual([
      ['Identify Calls', 'upsertContact']
    ])
  })

  it('Identify Calls upserts the identified contact and ignores other calls', async () => {
    const scope = nock(API)
      .post(UPSERT_PATH, {
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
      .reply(200, upsertResults(['ada.lovelace@example.com']))
    const instance = new Destination(definition).configure({
      settings: {},
      auth,
      retry: false,
      mappings: presetMappings(definition)
    })
    const [identified] = await instance.deliver(fixture('identify'))
    expect(identified).toMatchObject({ mappingId: 'Identify Calls', status: 'delivered', warnings: [] })
    const [tracked] = await instance.deliver(fixture('track-order-completed'))
    expect(tracked.status).toBe('not-subscribed')
    expect(scope.isDone()).toBe(true)
  })
})
