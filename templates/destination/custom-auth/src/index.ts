import type { DestinationDefinition } from '@destkit/core'
import { defaultValues } from '@destkit/core'
import type { Settings } from './generated-types.js'
import __ACTION_ID__ from './__ACTION_ID__/index.js'

const destination: DestinationDefinition<Settings> = {
  name: '__NAME__',
  slug: '__SLUG__',
  mode: 'cloud',
  description: '__DESCRIPTION__',
  authentication: {
    scheme: 'custom',
    fields: {
      apiKey: {
        label: 'API Key',
        description: 'Your __NAME__ API key, sent as a Bearer token.',
        type: 'password',
        required: true
      }
    },
    // A cheap authenticated read: the key is right when it answers 2xx.
    testAuthentication: (request) => request('https://api.example.com/v1/me')
  },
  extendRequest: ({ settings }) => ({
    headers: { authorization: `Bearer ${settings.apiKey}` }
  }),
  presets: [
    {
      name: 'Track Calls',
      subscribe: 'type = "track"',
      partnerAction: '__ACTION_ID__',
      mapping: defaultValues(__ACTION_ID__.fields),
      type: 'automatic'
    }
  ],
  actions: {
    __ACTION_ID__
  }
}

export default destination
