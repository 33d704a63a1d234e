import { checkEventName, snakeCase } from '../limits.js'

describe('snakeCase', () => {
  it.each([
    ['Order Completed', 'order_completed'],
    ['Signed-Up!', 'signed_up'],
    ['  Réservé Été ', 'reserve_ete'],
    ['Signed Up ünïcödé', 'signed_up_unicode'],
    ['日本語 Event', 'event']
  ])('%s → %s, a name GA4 accepts', (name, expected) => {
    expect(snakeCase(name)).toBe(expected)
    expect(() => checkEventName(expected)).not.toThrow()
  })
})
