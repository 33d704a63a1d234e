import {
  HTTPError,
  InvalidAuthenticationError,
  defaultValues,
  type DestinationDefinition
} from '@destkit/core'
import { apiBase, sendgrid } from './api.js'
import type { AudienceSettings, Settings } from './generated-types.js'
import { createList, getList } from './lists.js'
import syncAudience, { audienceSubscription } from './syncAudience/index.js'

const destination: DestinationDefinition<Settings, AudienceSettings> = {
  name: 'SendGrid Lists',
  slug: 'sendgrid-lists',
  mode: 'cloud',
  description:
    'Keep SendGrid Marketing Campaigns contact lists in sync with your audiences: each audience gets a list, users who enter the audience are added to it as contacts, and users who exit are removed from it.',

  authentication: {
    scheme: 'custom',
    fields: {
      apiKey: {
        label: 'API Key',
        description:
          'A SendGrid API key with Marketing access (read and write), sent as a Bearer token. Create one under Settings → API Keys in SendGrid.',
        type: 'password',
        required: true
      },
      region: {
        label: 'Data Residency Region',
        description:
          'Where the SendGrid account lives: Global (api.sendgrid.com) or EU (api.eu.sendgrid.com, for EU regional subusers whose data must stay in the EU).',
        type: 'string',
        choices: [
          { label: 'Global (api.sendgrid.com)', value: 'global' },
          { label: 'EU (api.eu.sendgrid.com)', value: 'eu' }
        ],
        default: 'global'
      }
    },
    // Reading one list checks both the key and its Marketing access, which every action needs.
    testAuthentication: async (request, { settings }) => {
      try {
        await sendgrid(request, `${apiBase(settings)}/v3/marketing/lists`, { searchParams: { page_size: 1 } })
      } catch (error) {
        // Keep SendGrid's reason (the runtime would report the bare status of an HTTP error).
        if (error instanceof HTTPError) throw new InvalidAuthenticationError(error.message)
        throw error
      }
    }
  },

  extendRequest: ({ settings }) => ({
    headers: {
      authorization: `Bearer ${settings.apiKey}`,
      accept: 'application/json'
    }
  }),

  audienceFields: {
    listName: {
      label: 'List Name',
      description:
        'The name of the SendGrid list to create for the audience; defaults to the audience name. SendGrid list names are unique and at most 100 characters: when a list with this name exists, it is used.',
      type: 'string'
    },
    listId: {
      label: 'Existing List ID',
      description:
        'The ID of an existing SendGrid list to sync the audience into, instead of creating a new list.',
      type: 'string'
    }
  },

  audienceConfig: {
    // Segment-style incremental sync: each event says whether one user entered or exited.
    mode: { type: 'synced', full_audience_sync: false },
    createAudience: (request, { settings, audienceName, audienceSettings }) =>
      createList(request, settings, audienceName, audienceSettings),
    getAudience: (request, { settings, externalId }) => getList(request, settings, externalId)
  },

  presets: [
    {
      type: 'automatic',
      name: 'Sync Audience',
      subscribe: audienceSubscription,
      partnerAction: 'syncAudience',
      mapping: defaultValues(syncAudience.fields)
    }
  ],

  actions: {
    syncAudience
  }
}

export default destination
