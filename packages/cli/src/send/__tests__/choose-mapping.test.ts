import * as core from '@destkit/core'
import { createTestEvent, Destination, type DestinationDefinition } from '@destkit/core'
import { CliError } from '../../util/cli-error.js'
import { chooseMapping } from '../choose-mapping.js'

const definition: DestinationDefinition = {
  name: 'Acme',
  mode: 'cloud',
  presets: [
    {
      name: 'Orders',
      subscribe: 'type = "track" and event = "Order Completed"',
      partnerAction: 'purchase',
      mapping: { total: 1 },
      type: 'automatic'
    },
    { name: 'Broken', subscribe: 'type = ', partnerAction: 'track', mapping: {}, type: 'automatic' },
    {
      name: 'Specific',
      partnerAction: 'track',
      type: 'specificEvent',
      eventSlug: 'journeys_step_entered_track'
    } as never
  ],
  actions: {
    track: {
      title: 'Track',
      description: 'Tracks.',
      defaultSubscription: 'type = "track"',
      fields: { name: { label: 'Name', type: 'string', default: { '@path': '$.event' } } },
      perform: () => undefined
    },
    purchase: {
      title: 'Purchase',
      description: 'Buys.',
      defaultSubscription: 'type = "track" and event = "Order Completed"',
      fields: { total: { label: 'Total', type: 'number' } },
      perform: () => undefined
    },
    forget: { title: 'Forget', description: 'Deletes.', fields: {}, perform: () => undefined }
  }
}
const destination = new Destination(definition)
const track = createTestEvent({ event: 'Signed Up' })

describe('chooseMapping', () => {
  it('takes the first preset that matches, with its mapping', () => {
    expect(chooseMapping(core, destination, createTestEvent({ event: 'Order Completed' }), {})).toEqual({
      actionId: 'purchase',
      trigger: 'type = "track" and event = "Order Completed"',
      mapping: { total: 1 },
      chosenBy: 'preset',
      preset: 'Orders'
    })
  })

  it('falls back to the first action whose default subscription matches, with its default mapping', () => {
    expect(chooseMapping(core, destination, track, {})).toEqual({
      actionId: 'track',
      trigger: 'type = "track"',
      mapping: { name: { '@path': '$.event' } },
      chosenBy: 'subscription'
    })
  })

  it('uses --action, and --trigger and --mapping over the chosen ones', () => {
    expect(chooseMapping(core, destination, track, { actionId: 'purchase' })).toMatchObject({
      actionId: 'purchase',
      trigger: 'type = "track" and event = "Order Completed"',
      mapping: {},
      chosenBy: 'action'
    })
    expect(
      chooseMapping(core, destination, track, {
        actionId: 'forget',
        trigger: 'type = "track"',
        mapping: { a: 1 }
      })
    ).toEqual({ actionId: 'forget', trigger: 'type = "track"', mapping: { a: 1 }, chosenBy: 'action' })
    expect(chooseMapping(core, destination, track, { trigger: 'event = "x"' })).toMatchObject({
      actionId: 'track',
      trigger: 'event = "x"'
    })
  })

  it('names an unknown action and suggests the closest', () => {
    expect(() => chooseMapping(core, destination, track, { actionId: 'trak' })).toThrow(
      /'trak' is not an action of Acme \(did you mean 'track'\?\)/
    )
  })

  it('asks for --trigger when the action has no default subscription', () => {
    expect(() => chooseMapping(core, destination, track, { actionId: 'forget' })).toThrow(
      "The action 'forget' of Acme has no default subscription: pass --trigger."
    )
  })

  it('says "No mapping matches this event" when nothing routes it', () => {
    let thrown: unknown
    try {
      chooseMapping(core, destination, createTestEvent({ type: 'identify' }), {})
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(CliError)
    expect((thrown as Error).message).toMatch(/^No mapping matches this event: .* an identify event\./)
  })
})
