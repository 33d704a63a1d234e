import { Destination, type AudienceDestinationDefinition, type AudienceMembership } from '../../index.js'
import { audienceMembershipOf } from '../audience-membership.js'

const personas = {
  computation_key: 'vip_users',
  computation_class: 'audience',
  external_audience_id: 'list-1'
}

describe('audienceMembershipOf', () => {
  it.each([
    [{ type: 'identify', traits: { vip_users: true }, context: { personas } }, true],
    [{ type: 'identify', traits: { vip_users: false }, context: { personas } }, false],
    [
      { type: 'track', event: 'Audience Entered', properties: { vip_users: true }, context: { personas } },
      true
    ],
    [
      { type: 'track', event: 'Audience Exited', properties: { vip_users: false }, context: { personas } },
      false
    ],
    // The flag must be where the event type puts it, and a boolean.
    [{ type: 'track', event: 'x', traits: { vip_users: true }, context: { personas } }, undefined],
    [{ type: 'identify', traits: { vip_users: 'true' }, context: { personas } }, undefined],
    [{ type: 'identify', traits: {}, context: { personas } }, undefined],
    [{ type: 'identify', traits: { vip_users: true } }, undefined],
    [
      { type: 'identify', traits: { vip_users: true }, context: { personas: { computation_key: '' } } },
      undefined
    ]
  ])('%j → %s', (event, expected) => {
    expect(audienceMembershipOf(event as never)).toBe(expected)
  })
})

describe('deliver and deliverBatch for an audience destination', () => {
  const seen: Array<{ membership: AudienceMembership | AudienceMembership[]; audienceSettings: unknown }> = []
  const definition: AudienceDestinationDefinition<Record<string, never>, { listName?: string }> = {
    name: 'Membership Test',
    mode: 'cloud',
    audienceFields: { listName: { label: 'List name', description: 'The list.', type: 'string' } },
    audienceConfig: { mode: { type: 'synced', full_audience_sync: false } },
    actions: {
      sync: {
        title: 'Sync',
        description: 'Sync membership.',
        defaultSubscription: 'type = "identify" or type = "track"',
        fields: {
          email: {
            label: 'Email',
            description: 'Email.',
            type: 'string',
            default: { '@path': '$.traits.email' }
          }
        },
        perform: (_request, { audienceMembership, audienceSettings }) => {
          seen.push({ membership: audienceMembership, audienceSettings })
        },
        performBatch: (_request, { audienceMembership, audienceSettings }) => {
          seen.push({ membership: audienceMembership, audienceSettings })
        }
      }
    }
  }

  it('hands perform the membership of each event and the mapping’s audience settings', async () => {
    seen.length = 0
    const instance = new Destination(definition).configure({
      settings: {},
      mappings: [{ id: 'vip', actionId: 'sync', audienceSettings: { listName: 'VIPs' } }]
    })
    const entered = {
      type: 'identify',
      userId: 'u1',
      traits: { email: 'a@example.com', vip_users: true },
      context: { personas }
    }
    const exited = {
      type: 'identify',
      userId: 'u2',
      traits: { email: 'b@example.com', vip_users: false },
      context: { personas }
    }
    await instance.deliver(entered as never)
    await instance.deliverBatch([entered, exited] as never)
    expect(seen).toEqual([
      { membership: true, audienceSettings: { listName: 'VIPs' } },
      { membership: [true, false], audienceSettings: { listName: 'VIPs' } }
    ])
  })
})
