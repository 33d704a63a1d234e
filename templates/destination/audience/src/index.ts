import type { DestinationDefinition } from '@destkit/core'
import { defaultValues } from '@destkit/core'
import type { AudienceSettings, Settings } from './generated-types.js'
import syncAudience, { audienceSubscription } from './syncAudience/index.js'

/** A list as the API returns it. */
interface List {
  id: string
  name: string
}

const destination: DestinationDefinition<Settings, AudienceSettings> = {
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

  // Settings of each audience, chosen when it is connected to the destination.
  audienceFields: {
    listName: {
      label: 'List Name',
      description: 'The name of the list to create for the audience; defaults to the audience name.',
      type: 'string'
    }
  },

  audienceConfig: {
    // Incremental sync: each event says whether one user entered or exited the audience.
    mode: { type: 'synced', full_audience_sync: false },
    // Creates the list that mirrors the audience; its ID becomes the audience's external ID.
    createAudience: async (request, { audienceName, audienceSettings }) => {
      const response = await request<List>('https://api.example.com/v1/lists', {
        method: 'post',
        json: { name: audienceSettings?.listName?.trim() || audienceName }
      })
      return { externalId: response.data.id }
    },
    // Checks that the list still exists.
    getAudience: async (request, { externalId }) => {
      const response = await request<List>(
        `https://api.example.com/v1/lists/${encodeURIComponent(externalId)}`
      )
      return { externalId: response.data.id }
    }
  },

  presets: [
    {
      name: 'Sync Audience',
      subscribe: audienceSubscription,
      partnerAction: 'syncAudience',
      mapping: defaultValues(syncAudience.fields),
      type: 'automatic'
    }
  ],
  actions: {
    syncAudience
  }
}

export default destination
