import { CliError } from '../../util/cli-error.js'
import {
  actionIdentity,
  checkName,
  checkSlug,
  nameFromSlug,
  packageNameFor,
  slugify,
  slugProblem
} from '../names.js'

describe('slugs', () => {
  it.each(['acme', 'acme-crm', 'google-analytics-4', '4chan', 'a'])('accepts %s', (slug) => {
    expect(checkSlug(slug)).toBe(slug)
  })

  it.each([
    ['Acme', 'acme'],
    ['acme_crm', 'acme-crm'],
    ['acme--crm', 'acme-crm'],
    ['-acme', 'acme'],
    ['acme-', 'acme'],
    ['acme crm', 'acme-crm']
  ])('refuses %s, suggesting %s', (slug, suggestion) => {
    expect(slugProblem(slug)).toBe(
      `Invalid slug "${slug}": use lower-case letters, digits and single dashes, such as "${suggestion}".`
    )
    expect(() => checkSlug(slug)).toThrow(CliError)
  })

  it('refuses an empty or over-long slug', () => {
    expect(slugProblem('')).toBe(
      'Invalid slug "": use lower-case letters, digits and single dashes, such as "acme-crm".'
    )
    expect(slugProblem('a'.repeat(65))).toMatch(/longer than 64 characters/)
  })

  it('derives slugs from names and names from slugs', () => {
    expect(slugify('Acmé CRM (EU)')).toBe('acme-crm-eu')
    expect(slugify("O'Brien's Ads")).toBe('o-brien-s-ads')
    expect(slugify('!!!')).toBe('')
    expect(nameFromSlug('acme-crm')).toBe('Acme Crm')
    expect(packageNameFor('acme-crm')).toBe('destkit-destination-acme-crm')
  })
})

describe('names', () => {
  it('trims a good name and refuses an empty or multi-line one with one sentence', () => {
    expect(checkName('  Acme CRM ')).toBe('Acme CRM')
    expect(() => checkName('  ')).toThrow('The name is empty (--name).')
    expect(() => checkName('Acme\nCRM')).toThrow('The name must be one line of text (--name).')
  })
})

describe('actionIdentity', () => {
  it.each([
    ['trackEvent', undefined, { id: 'trackEvent', title: 'Track Event' }],
    ['track event', undefined, { id: 'trackEvent', title: 'Track Event' }],
    ['track-event', undefined, { id: 'trackEvent', title: 'Track Event' }],
    ['TrackEvent', undefined, { id: 'trackEvent', title: 'Track Event' }],
    ['sendHTTPRequest', undefined, { id: 'sendHTTPRequest', title: 'Send HTTP Request' }],
    ['upsert_contact', 'Upsert a Contact', { id: 'upsertContact', title: 'Upsert a Contact' }]
  ])('%s (title %s) is %o', (name, title, identity) => {
    expect(actionIdentity(name, title)).toEqual(identity)
  })

  it.each([
    [
      '2fa',
      'Invalid action name "2fa": an action ID is letters and digits starting with a letter, such as "trackEvent".'
    ],
    [
      '!!',
      'Invalid action name "!!": an action ID is letters and digits starting with a letter, such as "trackEvent".'
    ],
    ['delete', 'Invalid action name "delete": "delete" is a reserved word in JavaScript.']
  ])('refuses %s', (name, message) => {
    expect(() => actionIdentity(name)).toThrow(message)
  })
})
