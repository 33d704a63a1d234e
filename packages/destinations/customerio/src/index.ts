import { IntegrationError, defaultValues, type DestinationDefinition } from '@destkit/core'
import type { Settings } from './generated-types.js'
import { trackHost } from './common.js'
import createUpdatePerson from './createUpdatePerson/index.js'
import trackEvent from './trackEvent/index.js'
import deletePerson from './deletePerson/index.js'

/** What `GET /api/v1/accounts/region` answers for valid credentials. */
interface RegionAnswer {
  url?: string
  region?: string
  environment_id?: number
}

const destination: DestinationDefinition<Settings> = {
  name: 'Customer.io',
  slug: 'customerio',
  mode: 'cloud',
  description:
    'Create and update people and track their events, page views and screen views in Customer.io through the Track API, in the US or EU region.',
  authentication: {
    scheme: 'custom',
    fields: {
      siteId: {
        label: 'Site ID',
        description: 'The Site ID of your Track API credentials (Account Settings → API Credentials).',
        type: 'string',
        required: true
      },
      apiKey: {
        label: 'API Key',
        description: 'The API key paired with that Site ID.',
        type: 'password',
        required: true
      },
      region: {
        label: 'Region',
        description: 'The data center your Customer.io account is in.',
        type: 'string',
        choices: [
          { label: 'United States (track.customer.io)', value: 'us' },
          { label: 'European Union (track-eu.customer.io)', value: 'eu' }
        ],
        default: 'us'
      }
    },
    // Answers 200 for valid credentials, with the region the account is in.
    testAuthentication: async (request, { settings }) => {
      const response = await request<RegionAnswer>(`${trackHost(settings.region)}/api/v1/accounts/region`)
      const accountRegion = response.data?.region
      const chosen = settings.region ?? 'us'
      if (accountRegion && accountRegion !== chosen) {
        throw new IntegrationError(
          `These credentials belong to an account in the ${accountRegion.toUpperCase()} region, but the Region setting is ${chosen.toUpperCase()}.`,
          'WRONG_REGION',
          400
        )
      }
      return response
    }
  },
  // The Track API authenticates with HTTP Basic: the Site ID as user name, the API key as password.
  extendRequest: ({ settings }) => ({ username: settings.siteId, password: settings.apiKey }),
  onDelete: (request, { settings, payload }) => {
    if (!payload.userId) return undefined
    return request(
      `${trackHost(settings.region)}/api/v1/customers/${encodeURIComponent(String(payload.userId))}`,
      {
        method: 'delete'
      }
    )
  },
  presets: [
    {
      name: 'Identify Calls',
      type: 'automatic',
      subscribe: 'type = "identify"',
      partnerAction: 'createUpdatePerson',
      mapping: defaultValues(createUpdatePerson.fields)
    },
    {
      name: 'Track Calls',
      type: 'automatic',
      subscribe: 'type = "track"',
      partnerAction: 'trackEvent',
      mapping: defaultValues(trackEvent.fields)
    },
    {
      name: 'Page Calls',
      type: 'automatic',
      subscribe: 'type = "page"',
      partnerAction: 'trackEvent',
      mapping: {
        ...defaultValues(trackEvent.fields),
        // Customer.io names page views by the URL the person visited.
        name: {
          '@if': {
            exists: { '@path': '$.properties.url' },
            then: { '@path': '$.properties.url' },
            else: { '@path': '$.context.page.url' }
          }
        },
        event_type: 'page'
      }
    },
    {
      name: 'Screen Calls',
      type: 'automatic',
      subscribe: 'type = "screen"',
      partnerAction: 'trackEvent',
      mapping: { ...defaultValues(trackEvent.fields), name: { '@path': '$.name' }, event_type: 'screen' }
    }
  ],
  actions: {
    createUpdatePerson,
    trackEvent,
    deletePerson
  }
}

export default destination
