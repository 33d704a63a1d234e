import type { Payload } from './postToChannel/generated-types.js'

/** The JSON body Slack's incoming webhook takes, built from a payload. */
export interface SlackMessage {
  text: string
  blocks?: Array<Record<string, unknown>>
  channel?: string
  username?: string
  icon_emoji?: string
  icon_url?: string
  unfurl_links?: boolean
  unfurl_media?: boolean
}

/**
 * The webhook body: the message and only the options that were set (the URL
 * stays out of it). An emoji given without its colons gets them (`rocket` → `:rocket:`).
 *
 * @example
 * slackMessage({ text: 'Hi', icon_emoji: 'wave' }) // { text: 'Hi', icon_emoji: ':wave:' }
 */
export function slackMessage(payload: Payload): SlackMessage {
  const message: SlackMessage = { text: payload.text }
  if (payload.blocks?.length) message.blocks = payload.blocks
  if (payload.channel) message.channel = payload.channel
  if (payload.username) message.username = payload.username
  if (payload.icon_emoji) message.icon_emoji = emoji(payload.icon_emoji)
  if (payload.icon_url) message.icon_url = payload.icon_url
  if (payload.unfurl_links !== undefined) message.unfurl_links = payload.unfurl_links
  if (payload.unfurl_media !== undefined) message.unfurl_media = payload.unfurl_media
  return message
}

function emoji(name: string): string {
  const bare = name.trim().replace(/^:|:$/g, '')
  return `:${bare}:`
}
