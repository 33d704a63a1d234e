import type { ActionDefinition } from '@destkit/core'
import { PayloadValidationError } from '@destkit/core'
import type { Settings } from '../generated-types.js'
import type { Payload } from './generated-types.js'
import { webhookUrl } from '../webhook-url.js'
import { slackError } from '../slack-errors.js'
import { slackMessage } from '../message.js'

/** Slack renders at most 50 blocks in one message. */
export const MAX_BLOCKS = 50

const action: ActionDefinition<Settings, Payload> = {
  title: 'Post to Channel',
  description: 'Post a message to a Slack channel through an incoming webhook.',
  defaultSubscription: 'type = "track"',
  fields: {
    url: {
      label: 'Webhook URL',
      description:
        "The incoming webhook URL to post to (https://hooks.slack.com/services/…). Leave empty to use the destination's default Webhook URL. Treat it as a secret: anyone with it can post to the channel.",
      type: 'password',
      placeholder: 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX'
    },
    text: {
      label: 'Message',
      description:
        'The message, in Slack mrkdwn (`*bold*`, `_italic_`, `<https://example.com|links>`). When blocks are given, this text is the fallback shown in notifications.',
      type: 'text',
      required: true,
      default: { '@liquid': '*{{ event }}* from {{ userId | default: anonymousId }}' }
    },
    blocks: {
      label: 'Blocks',
      description:
        'Block Kit blocks laying out the message (at most 50). The text above stays the notification fallback.',
      type: 'object',
      multiple: true
    },
    channel: {
      label: 'Channel',
      description:
        "A channel (`#general`) or user (`@someone`) to post to instead of the webhook's own. Only legacy custom-integration webhooks accept it; webhooks of Slack apps always post to the channel chosen at install.",
      type: 'string'
    },
    username: {
      label: 'Username',
      description:
        "The name to post as. Only legacy custom-integration webhooks accept it; Slack apps post under the app's name.",
      type: 'string'
    },
    icon_emoji: {
      label: 'Icon Emoji',
      description:
        "An emoji to use as the poster's icon, such as `:rocket:`. Only legacy custom-integration webhooks accept it.",
      type: 'string'
    },
    icon_url: {
      label: 'Icon URL',
      description:
        "The URL of an image to use as the poster's icon. Only legacy custom-integration webhooks accept it.",
      type: 'string',
      format: 'uri'
    },
    unfurl_links: {
      label: 'Unfurl Links',
      description: 'Whether Slack shows previews of text links in the message.',
      type: 'boolean'
    },
    unfurl_media: {
      label: 'Unfurl Media',
      description: 'Whether Slack shows previews of media links in the message.',
      type: 'boolean'
    }
  },
  perform: async (request, { settings, payload }) => {
    const url = webhookUrl(payload.url || settings.webhookUrl)
    if (payload.blocks && payload.blocks.length > MAX_BLOCKS) {
      throw new PayloadValidationError(
        `A Slack message can have at most ${MAX_BLOCKS} blocks; this one has ${payload.blocks.length}.`
      )
    }
    try {
      return await request(url.href, { method: 'post', json: slackMessage(payload) })
    } catch (error) {
      throw slackError(error)
    }
  }
}

export default action
