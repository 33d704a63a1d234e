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
    // The runtime sends the `username` and `password` settings as HTTP Basic
    // credentials with every request.
    scheme: 'basic',
    fields: {
      username: {
        label: 'Username',
        description: 'The username of your __NAME__ API credentials.',
        type: 'string',
        required: true
      },
      password: {
        label: 'Password',
        description: 'The password of your __NAME__ API credentials.',
        type: 'password',
        required: true
      }
    },
    // A cheap authenticated read: the credentials are right when it answers 2xx.
    testAuthentication: (request) => request('https://api.example.com/v1/me')
  },
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
