import { PayloadValidationError } from '@destkit/core'

/** Hosts that serve Slack incoming webhooks: Slack, and GovSlack (the same API on its own host). */
const webhookHosts: ReadonlySet<string> = new Set(['hooks.slack.com', 'hooks.slack-gov.com'])

/** `/services/T…/B…/<token>`: the path Slack gives every incoming webhook. */
const webhookPath = /^\/services\/[A-Za-z0-9]+\/[A-Za-z0-9]+\/[A-Za-z0-9]+\/?$/

const example = 'https://hooks.slack.com/services/T…/B…/…'

/**
 * Checks that a value is a Slack incoming webhook URL and returns it parsed.
 * The URL is a credential (its path is the token), so no message here repeats it.
 *
 * @example
 * webhookUrl('https://hooks.slack.com/services/T0/B0/abc').href
 * webhookUrl('http://example.com/hook') // throws PayloadValidationError
 */
export function webhookUrl(value: string | undefined): URL {
  if (value === undefined || value.trim() === '') {
    throw new PayloadValidationError(
      "No incoming webhook URL: set the mapping's Webhook URL or the destination's default Webhook URL."
    )
  }
  let url: URL
  try {
    url = new URL(value.trim())
  } catch {
    throw new PayloadValidationError(`The Webhook URL is not a valid URL; it should look like ${example}.`)
  }
  if (url.protocol !== 'https:') {
    throw new PayloadValidationError(`The Webhook URL must use https, like ${example}.`)
  }
  if (!webhookHosts.has(url.hostname) || url.port !== '') {
    throw new PayloadValidationError(
      `The Webhook URL must point to hooks.slack.com, like ${example} (it points to ${url.host}).`
    )
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new PayloadValidationError(
      `The Webhook URL must be exactly the URL Slack gave, like ${example}, without credentials, query or fragment.`
    )
  }
  if (!webhookPath.test(url.pathname)) {
    throw new PayloadValidationError(
      `The Webhook URL must be an incoming webhook URL of the form ${example}` +
        ' (workflow webhooks under /workflows/ take a different payload).'
    )
  }
  return url
}
