import { describeTrigger } from '../describe.js'
import { expectRoundTrip } from './cases.js'

describe('describeTrigger', () => {
  it.each([
    ['type = "track" and event = "Order Completed"', 'Event type is Track and Event name is Order Completed'],
    [
      'type = "identify" or (type = "track" and event = "Signed Up")',
      'Event type is Identify or (Event type is Track and Event name is Signed Up)'
    ],
    [
      'type = "track" and properties.total > 100 and !contains(context.page.url, "/staging")',
      'Event type is Track and Property total is greater than 100 and Context page.url does not contain /staging'
    ],
    ['properties.n < 1 or properties.n <= 2', 'Property n is less than 1 or Property n is at most 2'],
    ['properties.n >= 3 and properties.n != 4', 'Property n is at least 3 and Property n is not 4'],
    ['userId = null', 'User ID does not exist'],
    ['anonymousId != null', 'Anonymous ID exists'],
    ['traits.vip = true and traits.vip != false', 'Trait vip is true and Trait vip is not false'],
    ['match(name, "Check*")', 'Page or screen name starts with Check'],
    ['!match(event, "*ed")', 'Event name does not end with ed'],
    ['type in ["track", "page", "screen"]', 'Event type is one of Track, Page or Screen'],
    ['channel in ["server"]', 'Channel is server'],
    ['!(messageId = "")', 'not (Message ID is (empty))'],
    ['integrations.Mixpanel = false', 'Integration Mixpanel is false']
  ])('%s', (text, words) => {
    expect(describeTrigger(expectRoundTrip(text))).toBe(words)
  })
})
