import {
  HTTPError,
  InvalidAuthenticationError,
  defaultValues,
  type DestinationDefinition
} from '@destkit/core'
import type { Settings } from './generated-types.js'
import { hostsFor } from './regions.js'
import logEvent from './logEvent/index.js'
import identifyUser from './identifyUser/index.js'
import groupIdentifyUser from './groupIdentifyUser/index.js'

const destination: DestinationDefinition<Settings> = {
  name: 'Amplitude',
  slug: 'amplitude',
  mode: 'cloud',
  description:
    "Send events, user properties and group properties to Amplitude product analytics through its HTTP V2, Batch Event Upload, Identify and Group Identify APIs, in Amplitude's US or EU region.",
  authentication: {
    scheme: 'custom',
    fields: {
      apiKey: {
        label: 'API Key',
        description:
          "Your Amplitude project's API key (Amplitude: Settings > Projects > your project > General).",
        type: 'password',
        required: true
      },
      secretKey: {
        label: 'Secret Key',
        description:
          "Your Amplitude project's secret key. Used only to check the API key when you save the settings (through the Dashboard REST API); events are sent with the API key alone.",
        type: 'password',
        required: true
      },
      endpoint: {
        label: 'Data Region',
        description:
          "Where your Amplitude project stores its data. EU projects must send to Amplitude's EU servers.",
        type: 'string',
        choices: [
          { label: 'United States (api2.amplitude.com)', value: 'us' },
          { label: 'European Union (api.eu.amplitude.com)', value: 'eu' }
        ],
        default: 'us'
      }
    },
    // The ingestion APIs have no read call; a user search in the Dashboard REST API is the cheapest
    // request that proves the API key and secret key belong together (HTTP Basic, key:secret).
    testAuthentication: async (request, { settings }) => {
      try {
        return await request(`${hostsFor(settings).dashboard}/api/2/usersearch`, {
          method: 'get',
          searchParams: { user: 'destkit-credentials-check' },
          username: settings.apiKey,
          password: settings.secretKey
        })
      } catch (error) {
        if (error instanceof HTTPError && (error.status === 401 || error.status === 403)) {
          throw new InvalidAuthenticationError(
            'Amplitude did not accept this API key and secret key. Check both keys and the data region.'
          )
        }
        throw error
      }
    }
  },
  presets: [
    {
      name: 'Track Calls',
      subscribe: 'type = "track"',
      partnerAction: 'logEvent',
      mapping: defaultValues(logEvent.fields),
      type: 'automatic'
    },
    {
      name: 'Page Calls',
      subscribe: 'type = "page"',
      partnerAction: 'logEvent',
      mapping: {
        ...defaultValues(logEvent.fields),
        event_type: {
          '@if': {
            exists: { '@path': '$.name' },
            then: { '@template': 'Viewed {{name}}' },
            else: 'Viewed Page'
          }
        }
      },
      type: 'automatic'
    },
    {
      name: 'Screen Calls',
      subscribe: 'type = "screen"',
      partnerAction: 'logEvent',
      mapping: {
        ...defaultValues(logEvent.fields),
        event_type: {
          '@if': {
            exists: { '@path': '$.name' },
            then: { '@template': 'Viewed {{name}}' },
            else: 'Viewed Screen'
          }
        }
      },
      type: 'automatic'
    },
    {
      name: 'Identify Calls',
      subscribe: 'type = "identify"',
      partnerAction: 'identifyUser',
      mapping: defaultValues(identifyUser.fields),
      type: 'automatic'
    },
    {
      name: 'Group Calls',
      subscribe: 'type = "group"',
      partnerAction: 'groupIdentifyUser',
      mapping: defaultValues(groupIdentifyUser.fields),
      type: 'automatic'
    }
  ],
  actions: { logEvent, identifyUser, groupIdentifyUser }
}

export default destination
