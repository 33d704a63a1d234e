import type { DestinationDefinition } from '@destkit/core'
import { IntegrationError, defaultValues } from '@destkit/core'
import type { Settings } from './generated-types.js'
import postToChannel from './postToChannel/index.js'
import { webhookUrl } from './webhook-url.js'

const destination: DestinationDefinition<Settings> = {
  name: 'Slack',
  slug: 'slack',
  mode: 'cloud',
  description:
    'Post messages to a Slack channel through an incoming webhook. Each mapping can post to its own webhook, or use the default webhook URL set on the destination.',
  authentication: {
    scheme: 'custom',
    fields: {
      webhookUrl: {
        label: 'Default Webhook URL',
        description:
          'The incoming webhook URL used when a mapping does not set its own (https://hooks.slack.com/services/…). Slack creates it when you add an incoming webhook to a Slack app; treat it as a secret.',
        type: 'password'
      }
    },
    // Slack has no read-only call for a webhook (any accepted POST posts a message), so the
    // check is the URL's shape, made without a request.
    testAuthentication: (_request, { settings }) => {
      if (!settings.webhookUrl) return true
      try {
        webhookUrl(settings.webhookUrl)
      } catch (error) {
        throw new IntegrationError((error as Error).message, 'INVALID_SETTINGS', 400)
      }
      return true
    }
  },
  presets: [
    {
      name: 'Post Track Event',
      subscribe: 'type = "track"',
      partnerAction: 'postToChannel',
      mapping: defaultValues(postToChannel.fields),
      type: 'automatic'
    }
  ],
  actions: {
    postToChannel
  }
}

export default destination
