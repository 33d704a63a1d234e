import { HTTPError, IntegrationError, getErrorCodeFromHttpStatus } from '@destkit/core'

/** What Slack's incoming-webhook error strings mean (sent as the plain-text response body). */
const explanations: Readonly<Record<string, string>> = {
  invalid_payload: 'the message body could not be understood; check the blocks and other fields.',
  no_text: 'the message has no text.',
  too_many_attachments: 'the message has too many attachments.',
  user_not_found: 'the user the message is addressed to does not exist.',
  action_prohibited: 'the workspace restricts what this webhook may post here.',
  posting_to_general_channel_denied: 'only admins may post to this channel.',
  invalid_token: 'the webhook URL is not valid (it may have been revoked).',
  channel_not_found: 'the channel does not exist, or the webhook cannot see it.',
  no_service: 'the webhook is disabled, removed or invalid.',
  no_team: 'the Slack workspace does not exist or was deleted.',
  team_disabled: 'the Slack workspace is disabled.',
  channel_is_archived: 'the channel has been archived and no longer accepts messages.'
}

/** A short machine error string such as `channel_not_found`, as Slack sends it. */
const errorString = /^[a-z][a-z0-9_]{1,63}$/

/**
 * Turns a refused webhook call into an error that says why, in Slack's words.
 * Retryable failures (429 with `Retry-After`, 5xx) are left as they are for the
 * runtime to classify and retry. The webhook URL never appears in the message.
 *
 * @example
 * try { await request(url, …) } catch (error) { throw slackError(error) }
 */
export function slackError(error: unknown): unknown {
  if (!(error instanceof HTTPError) || error.retryable) return error
  const status = error.status
  const body = String(error.response?.content ?? '').trim()
  const reason = errorString.test(body) ? body : undefined
  const detail = reason ? (explanations[reason] ?? 'see Slack’s incoming webhook errors.') : undefined
  const message = reason
    ? `Slack refused the message with ${status} ${reason}: ${detail}`
    : `Slack refused the message with HTTP ${status}.`
  const refused = new IntegrationError(
    message,
    reason ? reason.toUpperCase() : getErrorCodeFromHttpStatus(status),
    status
  )
  refused.retry = false
  return refused
}
