/**
 * Customer information (`user_data`) for the Conversions API: every contact field is normalised the way
 * Meta's customer-information-parameters page says, then SHA-256 hashed (lower-case hex). Click and
 * browser identifiers, the IP address and the user agent are sent as they are: Meta says never to hash them.
 */
import { createHash } from 'node:crypto'
import { PayloadValidationError } from '@destkit/core'

/** The customer information an action's `user_data` field holds, before hashing. */
export interface UserDataInput {
  em?: string
  ph?: string
  fn?: string
  ln?: string
  ge?: string
  db?: string
  ct?: string
  st?: string
  zp?: string
  country?: string
  external_id?: string
  client_ip_address?: string
  client_user_agent?: string
  fbc?: string
  fbp?: string
}

/** Keys Meta wants hashed (`external_id`: hashing recommended; we always hash it). */
export const HASHED_KEYS = [
  'em',
  'ph',
  'fn',
  'ln',
  'ge',
  'db',
  'ct',
  'st',
  'zp',
  'country',
  'external_id'
] as const

/** Keys Meta says must never be hashed. */
export const PLAIN_KEYS = ['client_ip_address', 'client_user_agent', 'fbc', 'fbp'] as const

export type HashedKey = (typeof HASHED_KEYS)[number]
export type PlainKey = (typeof PLAIN_KEYS)[number]
export type UserDataKey = HashedKey | PlainKey

/** What is sent as `user_data`: hashed contact fields and plain identifiers. */
export type ServerUserData = Partial<Record<UserDataKey, string>>

/** The result of preparing `user_data`: what to send, and the keys left out because they could not be read. */
export interface PreparedUserData {
  userData: ServerUserData
  /** Keys whose value could not be normalised (e.g. a phone number without digits); never their values. */
  dropped: HashedKey[]
}

/** Names used in messages (never values: they are personal data). */
export const USER_DATA_LABELS: Readonly<Record<UserDataKey, string>> = {
  em: 'Email',
  ph: 'Phone',
  fn: 'First Name',
  ln: 'Last Name',
  ge: 'Gender',
  db: 'Date of Birth',
  ct: 'City',
  st: 'State',
  zp: 'Zip Code',
  country: 'Country',
  external_id: 'External ID',
  client_ip_address: 'Client IP Address',
  client_user_agent: 'Client User Agent',
  fbc: 'Click ID (fbc)',
  fbp: 'Browser ID (fbp)'
}

const SHA256_HEX = /^[a-f0-9]{64}$/i

/** SHA-256 of the UTF-8 text, as lower-case hex. */
export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

/** Whether a value is already a SHA-256 hex digest (sent as is, never hashed twice). */
export function isSha256Hex(value: string): boolean {
  return SHA256_HEX.test(value)
}

/** Email: trim and lower-case. Anything without a local part and a domain is not an email. */
export function normalizeEmail(value: string): string | undefined {
  const email = value.trim().toLowerCase()
  return /^[^\s@]+@[^\s@]+$/.test(email) ? email : undefined
}

/**
 * Phone: digits only, leading zeros removed (`+44 20 7946 0958` → `442079460958`, `0044…` → `44…`). It
 * must already include the country code: Meta cannot match a national number. E.164 allows 15 digits.
 */
export function normalizePhone(value: string): string | undefined {
  const digits = value.replace(/\D/g, '').replace(/^0+/, '')
  return digits.length >= 7 && digits.length <= 15 ? digits : undefined
}

/** First or last name: lower-case, no punctuation; accented and non-Latin letters are kept (UTF-8). */
export function normalizeName(value: string): string | undefined {
  const name = value
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]/gu, '')
    .trim()
  return name === '' ? undefined : name
}

/** Gender: Meta accepts only the initials `f` and `m`; other values are left out. */
export function normalizeGender(value: string): string | undefined {
  const gender = value.toLowerCase().replace(/[^a-z]/g, '')
  if (gender === 'f' || gender === 'female') return 'f'
  if (gender === 'm' || gender === 'male') return 'm'
  return undefined
}

/**
 * Date of birth as `YYYYMMDD`, from `YYYY-MM-DD` (or an ISO date-time), `YYYYMMDD`, or the US order
 * `MM/DD/YYYY` of Meta's own example (`2/16/1997` → `19970216`). Years from 1900 to this year.
 */
export function normalizeDateOfBirth(value: string, now: Date = new Date()): string | undefined {
  const text = value.trim()
  let parts: [string, string, string] | undefined
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])/.exec(text)
  if (match) parts = [match[1], match[2], match[3]]
  else if ((match = /^(\d{4})(\d{2})(\d{2})$/.exec(text))) parts = [match[1], match[2], match[3]]
  else if ((match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text)))
    parts = [match[3], match[1], match[2]]
  if (!parts) return undefined
  const [year, month, day] = parts.map(Number)
  if (year < 1900 || year > now.getUTCFullYear()) return undefined
  const date = new Date(Date.UTC(year, month - 1, day))
  // Rejects 02/30 and 13/01, which Date.UTC would roll over into another date.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined
  return `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`
}

/** City: lower-case letters only, no spaces or punctuation (`New York` → `newyork`). */
export function normalizeCity(value: string): string | undefined {
  const city = value
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}]/gu, '')
  return city === '' ? undefined : city
}

/** US states and DC by name (lower-case, no spaces) → their 2-letter ANSI code, as Meta asks. */
const US_STATES: Readonly<Record<string, string>> = {
  alabama: 'al',
  alaska: 'ak',
  arizona: 'az',
  arkansas: 'ar',
  california: 'ca',
  colorado: 'co',
  connecticut: 'ct',
  delaware: 'de',
  districtofcolumbia: 'dc',
  florida: 'fl',
  georgia: 'ga',
  hawaii: 'hi',
  idaho: 'id',
  illinois: 'il',
  indiana: 'in',
  iowa: 'ia',
  kansas: 'ks',
  kentucky: 'ky',
  louisiana: 'la',
  maine: 'me',
  maryland: 'md',
  massachusetts: 'ma',
  michigan: 'mi',
  minnesota: 'mn',
  mississippi: 'ms',
  missouri: 'mo',
  montana: 'mt',
  nebraska: 'ne',
  nevada: 'nv',
  newhampshire: 'nh',
  newjersey: 'nj',
  newmexico: 'nm',
  newyork: 'ny',
  northcarolina: 'nc',
  northdakota: 'nd',
  ohio: 'oh',
  oklahoma: 'ok',
  oregon: 'or',
  pennsylvania: 'pa',
  rhodeisland: 'ri',
  southcarolina: 'sc',
  southdakota: 'sd',
  tennessee: 'tn',
  texas: 'tx',
  utah: 'ut',
  vermont: 'vt',
  virginia: 'va',
  washington: 'wa',
  westvirginia: 'wv',
  wisconsin: 'wi',
  wyoming: 'wy'
}

/**
 * State: lower-case, no punctuation or spaces. A US state's full name becomes its ANSI code
 * (`California` → `ca`); other regions stay as written, normalised.
 */
export function normalizeState(value: string): string | undefined {
  const state = value
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}]/gu, '')
  if (state === '') return undefined
  return Object.hasOwn(US_STATES, state) ? US_STATES[state] : state
}

/**
 * Zip code: lower-case without spaces or dashes (`M1 1AE` → `m11ae`). US zip codes keep only their first
 * 5 digits (`94035-1234` → `94035`): when the country is `us`, or the value has the ZIP+4 shape.
 */
export function normalizeZip(value: string, country?: string): string | undefined {
  const zip = value.toLowerCase().replace(/\s+/g, '')
  if (country === 'us' || /^\d{5}-\d{4}$/.test(zip)) {
    const digits = zip.replace(/\D/g, '')
    return digits.length >= 5 ? digits.slice(0, 5) : undefined
  }
  const compact = zip.replace(/-/g, '')
  return compact === '' ? undefined : compact
}

/** Country: the lower-case ISO 3166-1 alpha-2 code (`GB` → `gb`). Names are not codes and are left out. */
export function normalizeCountry(value: string): string | undefined {
  const country = value.trim().toLowerCase()
  return /^[a-z]{2}$/.test(country) ? country : undefined
}

/** External ID: trimmed and lower-cased, as Meta's own SDKs do before hashing, so channels agree. */
export function normalizeExternalId(value: string): string | undefined {
  const id = value.trim().toLowerCase()
  return id === '' ? undefined : id
}

const normalizers: Readonly<Record<HashedKey, (value: string, country?: string) => string | undefined>> = {
  em: normalizeEmail,
  ph: normalizePhone,
  fn: normalizeName,
  ln: normalizeName,
  ge: normalizeGender,
  db: (value) => normalizeDateOfBirth(value),
  ct: normalizeCity,
  st: normalizeState,
  zp: normalizeZip,
  country: normalizeCountry,
  external_id: normalizeExternalId
}

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined
  const string = String(value).trim()
  return string === '' ? undefined : string
}

/**
 * Normalises and hashes the contact fields and copies the plain identifiers. A value that is already a
 * SHA-256 hex digest is sent as is (lower-cased), never hashed twice. No raw contact value is returned.
 *
 * @example
 * prepareUserData({ em: ' Ada@Example.com ', client_ip_address: '203.0.113.42' })
 * // { userData: { em: sha256('ada@example.com'), client_ip_address: '203.0.113.42' }, dropped: [] }
 */
export function prepareUserData(input: UserDataInput | undefined): PreparedUserData {
  const source = (input ?? {}) as Record<string, unknown>
  const userData: ServerUserData = {}
  const dropped: HashedKey[] = []
  const rawCountry = text(source.country)
  const country = rawCountry && !isSha256Hex(rawCountry) ? normalizeCountry(rawCountry) : undefined

  for (const key of HASHED_KEYS) {
    const value = text(source[key])
    if (value === undefined) continue
    if (isSha256Hex(value)) {
      userData[key] = value.toLowerCase()
      continue
    }
    const normalized = normalizers[key](value, country)
    if (normalized === undefined) dropped.push(key)
    else userData[key] = sha256(normalized)
  }
  for (const key of PLAIN_KEYS) {
    const value = text(source[key])
    if (value !== undefined) userData[key] = value
  }
  return { userData, dropped }
}

/**
 * Meta's baseline for matching: an event whose customer information is only one of these sets (or a
 * subset of one) is invalid, and so is an event with none.
 */
export const INSUFFICIENT_COMBINATIONS: ReadonlyArray<ReadonlySet<UserDataKey>> = [
  new Set<UserDataKey>(['ct', 'country', 'st', 'zp', 'ge', 'client_user_agent']),
  new Set<UserDataKey>(['db', 'client_user_agent']),
  new Set<UserDataKey>(['fn', 'ge']),
  new Set<UserDataKey>(['ln', 'ge'])
]

/**
 * Throws a PayloadValidationError when Meta would reject the customer information as too weak to match.
 *
 * @example
 * assertMatchable({ ge: sha256('f'), fn: sha256('ada') }) // throws: only First Name and Gender
 */
export function assertMatchable(userData: ServerUserData): void {
  const present = (Object.keys(userData) as UserDataKey[]).filter((key) => userData[key] !== undefined)
  const insufficient =
    present.length === 0 ||
    INSUFFICIENT_COMBINATIONS.some((combination) => present.every((key) => combination.has(key)))
  if (!insufficient) return
  const has =
    present.length === 0
      ? 'none'
      : `only ${present.map((key) => `${USER_DATA_LABELS[key]} (${key})`).join(', ')}`
  throw new PayloadValidationError(
    'Meta needs customer information it can match: an Email (em), Phone (ph), External ID (external_id), ' +
      'Click ID (fbc), Browser ID (fbp) or Client IP Address, or a name with more than a gender or location. ' +
      `This event has ${has}.`
  )
}
