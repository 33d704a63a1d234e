import { defaultValues, type DestinationDefinition } from '@destkit/core'
import type { Settings } from './generated-types.js'
import { appHost, serviceAccount } from './common.js'
import trackEvent from './trackEvent/index.js'
import identifyUser from './identifyUser/index.js'
import groupIdentifyUser from './groupIdentifyUser/index.js'

/** The event name of a page or screen call: "Viewed Pricing Page", or "Loaded a Page" without a name. */
function viewedName(kind: 'Page' | 'Screen') {
  return {
    '@if': {
      exists: { '@path': '$.name' },
      then: { '@template': `Viewed {{name}} ${kind}` },
      else: `Loaded a ${kind}`
    }
  }
}

const destination: DestinationDefinition<Settings> = {
  name: 'Mixpanel',
  slug: 'mixpanel',
  mode: 'cloud',
  description:
    'Import events into Mixpanel and set user and group profile properties through the Mixpanel Ingestion API, in the US, EU or India data residency.',
  authentication: {
    scheme: 'custom',
    fields: {
      projectToken: {
        label: 'Project Token',
        description:
          'Your project token (Project Settings → Access Keys). Required by the profile and group endpoints, and used to authenticate event imports when neither a service account nor a project secret is set.',
        // Public in browser SDKs, but here it alone can write events and profiles: kept out of logs.
        type: 'password',
        required: true
      },
      projectId: {
        label: 'Project ID',
        description:
          'Your project ID (Project Settings → Overview). Required with service account authentication.',
        type: 'string'
      },
      serviceAccountUsername: {
        label: 'Service Account Username',
        description:
          'The username of a service account with the Owner or Admin role in the project. Recommended way to authenticate event imports.',
        type: 'string'
      },
      serviceAccountSecret: {
        label: 'Service Account Secret',
        description: 'The secret of that service account.',
        type: 'password'
      },
      apiSecret: {
        label: 'Project Secret',
        description:
          'Legacy authentication for event imports, used when no service account is set. Mixpanel has deprecated project secrets in favour of service accounts.',
        type: 'password'
      },
      region: {
        label: 'Data Residency',
        description:
          "Where your project's data is stored: pick the data residency chosen when the project was created.",
        type: 'string',
        choices: [
          { label: 'United States (api.mixpanel.com)', value: 'us' },
          { label: 'European Union (api-eu.mixpanel.com)', value: 'eu' },
          { label: 'India (api-in.mixpanel.com)', value: 'in' }
        ],
        default: 'us'
      }
    },
    // Service account credentials can be checked without sending data (`/api/app/me`); a project secret
    // or token cannot, so they are only checked when the first event is imported.
    testAuthentication: async (request, { settings }) => {
      const account = serviceAccount(settings)
      if (!account) return true
      return request(`${appHost(settings.region)}/api/app/me`, {
        username: account.username,
        password: account.password
      })
    }
  },
  presets: [
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
      mapping: { ...defaultValues(trackEvent.fields), event: viewedName('Page') }
    },
    {
      name: 'Screen Calls',
      type: 'automatic',
      subscribe: 'type = "screen"',
      partnerAction: 'trackEvent',
      mapping: { ...defaultValues(trackEvent.fields), event: viewedName('Screen') }
    },
    {
      name: 'Identify Calls',
      type: 'automatic',
      subscribe: 'type = "identify"',
      partnerAction: 'identifyUser',
      mapping: defaultValues(identifyUser.fields)
    },
    {
      name: 'Group Calls',
      type: 'automatic',
      subscribe: 'type = "group"',
      partnerAction: 'groupIdentifyUser',
      mapping: defaultValues(groupIdentifyUser.fields)
    }
  ],
  actions: {
    trackEvent,
    identifyUser,
    groupIdentifyUser
  }
}

export default destination
