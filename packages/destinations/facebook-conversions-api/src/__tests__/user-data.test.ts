import { createHash } from 'node:crypto'
import { PayloadValidationError } from '@destkit/core'
import {
  assertMatchable,
  isSha256Hex,
  normalizeCity,
  normalizeCountry,
  normalizeDateOfBirth,
  normalizeEmail,
  normalizeExternalId,
  normalizeGender,
  normalizeName,
  normalizePhone,
  normalizeState,
  normalizeZip,
  prepareUserData,
  sha256
} from '../user-data.js'

const hash = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

describe('sha256', () => {
  // The expected digests are the worked examples of Meta's customer information parameters page.
  it.each([
    ['john_smith@gmail.com', '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f'],
    ['16505551212', 'e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176'],
    ['mary', '6915771be1c5aa0c886870b6951b03d7eafc121fea0e80a5ea83beb7c449f4ec'],
    ['정', '8fa8cd9c440be61d0151429310034083132b35975c4bea67fdd74158eb51db14'],
    ['valéry', '08e1996b5dd49e62a4b4c010d44e4345592a863bb9f8e3976219bac29417149c'],
    ['19970216', '01acdbf6ec7b4f478a225f1a246e5d6767eeab1a7ffa17f025265b5b94f40f0c'],
    ['us', '79adb2a2fce5c6ba215fe5f27f532d4e7edbac4b6a5e09e1ef3a08084a904621']
  ])('hashes %s as lower-case hex like Meta', (text, digest) => {
    expect(sha256(text)).toBe(digest)
  })
})

describe('normalisation (Meta customer information parameters)', () => {
  it('email: trims and lower-cases; refuses what is not an email', () => {
    expect(normalizeEmail('  John_Smith@Gmail.COM ')).toBe('john_smith@gmail.com')
    expect(normalizeEmail('not an email')).toBeUndefined()
  })

  it('phone: digits only, leading zeros removed, 7 to 15 digits', () => {
    expect(normalizePhone('+1 (650) 555-1212')).toBe('16505551212')
    expect(normalizePhone('+44 20 7946 0958')).toBe('442079460958')
    expect(normalizePhone('0044 20 7946 0958')).toBe('442079460958')
    expect(normalizePhone('tel: 1-650-555-1212 ext')).toBe('16505551212')
    expect(normalizePhone('12345')).toBeUndefined()
    expect(normalizePhone('1234567890123456')).toBeUndefined()
  })

  it('names: lower-case without punctuation, accents and other scripts kept', () => {
    expect(normalizeName(' Mary ')).toBe('mary')
    expect(normalizeName('Valéry')).toBe('valéry')
    expect(normalizeName('정')).toBe('정')
    expect(normalizeName("O'Brien-Smith.")).toBe('obriensmith')
    expect(normalizeName('...')).toBeUndefined()
  })

  it('gender: f or m only', () => {
    expect(normalizeGender('Female')).toBe('f')
    expect(normalizeGender(' M ')).toBe('m')
    expect(normalizeGender('male')).toBe('m')
    expect(normalizeGender('non-binary')).toBeUndefined()
  })

  it('date of birth: YYYYMMDD from the common forms, real dates only', () => {
    const now = new Date('2026-12-01T00:00:00Z')
    expect(normalizeDateOfBirth('2/16/1997', now)).toBe('19970216')
    expect(normalizeDateOfBirth('1997-02-16', now)).toBe('19970216')
    expect(normalizeDateOfBirth('1997-02-16T00:00:00.000Z', now)).toBe('19970216')
    expect(normalizeDateOfBirth('19970216', now)).toBe('19970216')
    expect(normalizeDateOfBirth('1997-02-30', now)).toBeUndefined()
    expect(normalizeDateOfBirth('1899-01-01', now)).toBeUndefined()
    expect(normalizeDateOfBirth('2027-01-01', now)).toBeUndefined()
    expect(normalizeDateOfBirth('sometime in 1997', now)).toBeUndefined()
  })

  it('city: letters only, no spaces', () => {
    expect(normalizeCity('New York')).toBe('newyork')
    expect(normalizeCity('St. Louis')).toBe('stlouis')
    expect(normalizeCity('São Paulo')).toBe('sãopaulo')
  })

  it('state: ANSI code for US states, normalised text elsewhere', () => {
    expect(normalizeState('CA')).toBe('ca')
    expect(normalizeState('California')).toBe('ca')
    expect(normalizeState('new york')).toBe('ny')
    expect(normalizeState('Île-de-France')).toBe('îledefrance')
  })

  it('zip: lower-case, no spaces or dashes, US keeps 5 digits', () => {
    expect(normalizeZip('94035')).toBe('94035')
    expect(normalizeZip('94035-1234')).toBe('94035')
    expect(normalizeZip('940351234', 'us')).toBe('94035')
    expect(normalizeZip('M1 1AE')).toBe('m11ae')
    expect(normalizeZip('SW1Y 4JH', 'gb')).toBe('sw1y4jh')
    expect(normalizeZip('75018', 'fr')).toBe('75018')
  })

  it('country: lower-case 2-letter code', () => {
    expect(normalizeCountry('US')).toBe('us')
    expect(normalizeCountry(' gb ')).toBe('gb')
    expect(normalizeCountry('United States')).toBeUndefined()
  })

  it('external id: trimmed and lower-cased', () => {
    expect(normalizeExternalId('  User_83712 ')).toBe('user_83712')
  })
})

describe('prepareUserData', () => {
  it('hashes every contact field and keeps identifiers as they are', () => {
    const { userData, dropped } = prepareUserData({
      em: ' John_Smith@gmail.com ',
      ph: '+1 (650) 555-1212',
      fn: 'Mary',
      ln: 'Valéry',
      ge: 'female',
      db: '2/16/1997',
      ct: 'New York',
      st: 'New York',
      zp: '10001-0001',
      country: 'US',
      external_id: 'u_83712',
      client_ip_address: '203.0.113.42',
      client_user_agent: 'Mozilla/5.0',
      fbc: 'fb.1.1554763741205.AbCdEfGhIjKlMnOpQrStUvWxYz1234567890',
      fbp: 'fb.1.1596403881668.1116446470'
    })
    expect(dropped).toEqual([])
    expect(userData).toEqual({
      em: '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f',
      ph: 'e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176',
      fn: '6915771be1c5aa0c886870b6951b03d7eafc121fea0e80a5ea83beb7c449f4ec',
      ln: '08e1996b5dd49e62a4b4c010d44e4345592a863bb9f8e3976219bac29417149c',
      ge: hash('f'),
      db: '01acdbf6ec7b4f478a225f1a246e5d6767eeab1a7ffa17f025265b5b94f40f0c',
      ct: hash('newyork'),
      st: hash('ny'),
      zp: hash('10001'),
      country: '79adb2a2fce5c6ba215fe5f27f532d4e7edbac4b6a5e09e1ef3a08084a904621',
      external_id: hash('u_83712'),
      client_ip_address: '203.0.113.42',
      client_user_agent: 'Mozilla/5.0',
      // Case-sensitive: Meta says never to alter fbc.
      fbc: 'fb.1.1554763741205.AbCdEfGhIjKlMnOpQrStUvWxYz1234567890',
      fbp: 'fb.1.1596403881668.1116446470'
    })
  })

  it('sends values that already are SHA-256 digests as they are, never hashed twice', () => {
    const digest = hash('ada@example.com')
    const { userData } = prepareUserData({ em: digest, ph: ` ${digest.toUpperCase()} `, external_id: digest })
    expect(userData).toEqual({ em: digest, ph: digest, external_id: digest })
    expect(isSha256Hex(digest)).toBe(true)
    expect(isSha256Hex('ada@example.com')).toBe(false)
  })

  it('leaves out values it cannot normalise and names their keys, not their values', () => {
    const { userData, dropped } = prepareUserData({
      em: 'ada@example.com',
      ph: '12',
      ge: 'other',
      db: 'yesterday',
      country: 'Wonderland'
    })
    expect(Object.keys(userData)).toEqual(['em'])
    expect(dropped).toEqual(['ph', 'ge', 'db', 'country'])
  })

  it('ignores empty values and missing input', () => {
    expect(prepareUserData({ em: '   ', ph: '' })).toEqual({ userData: {}, dropped: [] })
    expect(prepareUserData(undefined)).toEqual({ userData: {}, dropped: [] })
  })

  it('never returns a raw contact value', () => {
    const raw = {
      em: 'ada.lovelace@example.com',
      ph: '+44 20 7946 0958',
      fn: 'Ada',
      ln: 'Lovelace',
      ct: 'London',
      zp: 'SW1Y 4JH',
      external_id: 'u_83712'
    }
    const text = JSON.stringify(prepareUserData(raw)).toLowerCase()
    for (const value of [
      'ada.lovelace',
      'example.com',
      '7946',
      '442079460958',
      'lovelace',
      'london',
      'sw1y',
      'u_83712'
    ]) {
      expect(text).not.toContain(value)
    }
    for (const value of Object.values(prepareUserData(raw).userData)) expect(value).toMatch(/^[a-f0-9]{64}$/)
  })
})

describe('assertMatchable (Meta baseline requirements for matching)', () => {
  const h = (key: string) => ({ [key]: hash(key) })

  it.each([
    ['email', { ...h('em') }],
    ['phone', { ...h('ph') }],
    ['external id', { ...h('external_id') }],
    ['click id', { fbc: 'fb.1.1.abc' }],
    ['IP address', { client_ip_address: '203.0.113.42' }],
    ['first and last name', { ...h('fn'), ...h('ln') }],
    ['name and location', { ...h('fn'), ...h('zp'), ...h('country') }]
  ])('accepts %s', (_name, userData) => {
    expect(() => assertMatchable(userData)).not.toThrow()
  })

  it.each([
    ['nothing', {}],
    [
      'location, gender and user agent',
      { ...h('ct'), ...h('country'), ...h('st'), ...h('zp'), ...h('ge'), client_user_agent: 'UA' }
    ],
    ['a user agent alone', { client_user_agent: 'UA' }],
    ['date of birth and user agent', { ...h('db'), client_user_agent: 'UA' }],
    ['first name and gender', { ...h('fn'), ...h('ge') }],
    ['last name and gender', { ...h('ln'), ...h('ge') }]
  ])('refuses %s with a PayloadValidationError', (_name, userData) => {
    expect(() => assertMatchable(userData)).toThrow(PayloadValidationError)
  })

  it('says what the event has, by name', () => {
    expect(() => assertMatchable({ ...h('fn'), ...h('ge') })).toThrow(
      'This event has only First Name (fn), Gender (ge).'
    )
    expect(() => assertMatchable({})).toThrow('This event has none.')
  })
})
