import {
  HTTPError,
  InvalidAuthenticationError,
  defaultValues,
  type DestinationDefinition
} from '@destkit/core'
import type { Settings } from './generated-types.js'
import updateUserProfile from './updateUserProfile/index.js'
import trackEvent from './trackEvent/index.js'
import trackPurchase from './trackPurchase/index.js'

/** Braze's instances and their REST endpoints (the dashboard address tells which one is yours). */
const instances: Array<[instance: string, endpoint: string]> = [
  ['US-01', 'https://rest.iad-01.braze.com'],
  ['US-02', 'https://rest.iad-02.braze.com'],
  ['US-03', 'https://rest.iad-03.braze.com'],
  ['US-04', 'https://rest.iad-04.braze.com'],
  ['US-05', 'https://rest.iad-05.braze.com'],
  ['US-06', 'https://rest.iad-06.braze.com'],
  ['US-07', 'https://rest.iad-07.braze.com'],
  ['US-08', 'https://rest.iad-08.braze.com'],
  ['US-10', 'https://rest.us-10.braze.com'],
  ['EU-01', 'https://rest.fra-01.braze.eu'],
  ['EU-02', 'https://rest.fra-02.braze.eu'],
  ['AU-01', 'https://rest.au-01.braze.com']
]

const destination: DestinationDefinition<Settings> = {
  name: 'Braze',
  slug: 'braze',
  mode: 'cloud',
  description:
    "Update user profiles and record custom events and purchases in Braze through the REST API's /users/track endpoint.",
  authentication: {
    scheme: 'custom',
    fields: {
      apiKey: {
        label: 'REST API Key',
        description:
          'A Braze REST API key with the users.track permission (Braze: Settings > APIs and Identifiers).',
        type: 'password',
        required: true
      },
      endpoint: {
        label: 'REST Endpoint',
        description:
          'The REST endpoint of your Braze instance. It matches the address of your Braze dashboard: dashboard-01.braze.com is US-01, dashboard-01.braze.eu is EU-01.',
        type: 'string',
        format: 'uri',
        required: true,
        choices: instances.map(([instance, endpoint]) => ({
          label: `${instance} (${new URL(endpoint).host})`,
          value: endpoint
        })),
        default: 'https://rest.iad-01.braze.com'
      },
      appId: {
        label: 'App Identifier',
        description:
          'The app identifier (API Identifier of an app in Braze) to attach to events and purchases. Optional.',
        type: 'string'
      }
    },
    // Braze has no "who am I" call, and a key may be limited to users.track. An empty /users/track
    // request checks exactly that permission on the chosen instance and writes nothing: Braze answers
    // 401 for an unknown key and 400 ("Valid data must be provided…") for an accepted one.
    testAuthentication: async (request, { settings }) => {
      try {
        return await request(`${settings.endpoint}/users/track`, { method: 'post', json: {} })
      } catch (error) {
        if (!(error instanceof HTTPError)) throw error
        if (error.status === 400) return error.response
        if (error.status === 401 || error.status === 403 || error.status === 404) {
          throw new InvalidAuthenticationError(
            'Braze did not accept this REST API key on the selected instance: check the key, its users.track permission and the REST endpoint.'
          )
        }
        throw error
      }
    }
  },
  extendRequest: ({ settings }) => ({
    headers: { authorization: `Bearer ${settings.apiKey}` }
  }),
  presets: [
    {
      name: 'Track Calls',
      subscribe: 'type = "track" and event != "Order Completed"',
      partnerAction: 'trackEvent',
      mapping: defaultValues(trackEvent.fields),
      type: 'automatic'
    },
    {
      name: 'Order Completed Calls',
      subscribe: 'type = "track" and event = "Order Completed"',
      partnerAction: 'trackPurchase',
      mapping: defaultValues(trackPurchase.fields),
      type: 'automatic'
    },
    {
      name: 'Identify Calls',
      subscribe: 'type = "identify"',
      partnerAction: 'updateUserProfile',
      mapping: defaultValues(updateUserProfile.fields),
      type: 'automatic'
    }
  ],
  actions: { updateUserProfile, trackEvent, trackPurchase }
}

export default destination
