import { defaultValues, type DestinationDefinition } from '@destkit/core'
import type { Settings } from './generated-types.js'
import send from './send/index.js'

const destination: DestinationDefinition<Settings> = {
  name: 'Webhook',
  slug: 'webhook',
  mode: 'cloud',
  description:
    'Send events to any HTTP endpoint, one at a time or in batches, optionally signed with an HMAC-SHA1 shared secret.',
  authentication: {
    scheme: 'custom',
    fields: {
      sharedSecret: {
        label: 'Shared Secret',
        description:
          'When set, every request carries an `X-Signature` header: the hex-encoded HMAC-SHA1 of the exact request body, keyed with this secret. Your endpoint computes the same HMAC to check that the request came from destkit and was not altered.',
        type: 'password'
      },
      allowPrivateNetworks: {
        label: 'Allow Private Networks',
        description:
          'Allow requests to private, loopback and link-local addresses (for self-hosted endpoints on your own network).',
        type: 'boolean',
        default: false
      }
    }
  },
  // The URL comes from the mapping, i.e. from whoever configures it: unless allowed, refuse private,
  // loopback and link-local addresses (cloud metadata, internal services), also after redirects.
  extendRequest: ({ settings }) => ({ blockPrivateNetworks: settings?.allowPrivateNetworks !== true }),
  // The URL is the user's own endpoint, so no preset can know it: each preset is the action's default
  // mapping (the whole event as the body, POST, the batch keys) for one event type; the user adds the URL.
  presets: [
    {
      type: 'automatic',
      name: 'Send Track Events',
      subscribe: 'type = "track"',
      partnerAction: 'send',
      mapping: defaultValues(send.fields)
    },
    {
      type: 'automatic',
      name: 'Send Identify Events',
      subscribe: 'type = "identify"',
      partnerAction: 'send',
      mapping: defaultValues(send.fields)
    },
    {
      type: 'automatic',
      name: 'Send Page Events',
      subscribe: 'type = "page"',
      partnerAction: 'send',
      mapping: defaultValues(send.fields)
    },
    {
      type: 'automatic',
      name: 'Send Screen Events',
      subscribe: 'type = "screen"',
      partnerAction: 'send',
      mapping: defaultValues(send.fields)
    },
    {
      type: 'automatic',
      name: 'Send Group Events',
      subscribe: 'type = "group"',
      partnerAction: 'send',
      mapping: defaultValues(send.fields)
    }
  ],
  actions: { send }
}

export default destination
