// Written for the public Destination Actions format: only the import below was renamed.
import type { DestinationDefinition } from '@destkit/core'
import type { Settings } from './generated-types'

import send from './send'

const destination: DestinationDefinition<Settings> = {
  name: 'Pinger',
  slug: 'actions-pinger',
  mode: 'cloud',
  authentication: {
    scheme: 'custom',
    fields: {
      apiKey: {
        label: 'API Key',
        description: 'Your Pinger API key.',
        type: 'string',
        required: true
      }
    },
    testAuthentication: (request) => {
      return request('https://api.pinger.test/v2/me')
    }
  },
  extendRequest({ settings }) {
    return {
      headers: { Authorization: `Bearer ${settings.apiKey}` }
    }
  },
  presets: [
    {
      name: 'Track Calls',
      subscribe: 'type = "track"',
      partnerAction: 'send',
      mapping: {
        name: { '@path': '$.event' },
        userId: { '@path': '$.userId' }
      },
      type: 'automatic'
    }
  ],
  actions: {
    send
  }
}

export default destination
