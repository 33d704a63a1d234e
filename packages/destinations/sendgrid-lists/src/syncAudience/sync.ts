/**
 * Keeps SendGrid lists in step with audience membership. Users who entered an
 * audience are upserted as contacts with the list's ID (`PUT /v3/marketing/contacts`);
 * users who exited are looked up by identifier and removed from the list
 * (`DELETE /v3/marketing/lists/{id}/contacts`), which keeps the contact itself.
 */
import {
  HTTPError,
  InvalidAudienceMembershipError,
  MultiStatusResponse,
  PayloadValidationError,
  type AudienceMembership,
  type JSONLikeObject,
  type RequestClient
} from '@destkit/core'
import { apiBase, sendgrid } from '../api.js'
import type { Settings } from '../generated-types.js'
import type { Payload } from './generated-types.js'

/** The identifiers SendGrid accepts for a contact, in the order this action prefers them. */
export const IDENTIFIER_TYPES = ['email', 'phone_number_id', 'external_id', 'anonymous_id'] as const
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number]

/** The most contacts one upsert request may carry. */
export const MAX_CONTACTS_PER_UPSERT = 30_000
/** The largest upsert body SendGrid accepts ("6MB"), with room for the request envelope. */
export const MAX_UPSERT_BYTES = 6_000_000 - 1_000
/** The most identifiers one contact lookup may carry. */
export const MAX_LOOKUP_IDENTIFIERS = 100
/** The most contact IDs sent in one removal (they travel in the query string). */
export const MAX_REMOVAL_IDS = 100
/** SendGrid's limit on alternate emails per contact. */
const MAX_ALTERNATE_EMAILS = 5
/** A phone number identifier in E.164 form. */
const E164 = /^\+[1-9]\d{1,14}$/

/** The contact fields of the payload, sent to SendGrid under the same names. */
const CONTACT_FIELDS = [
  'email',
  'phone_number_id',
  'external_id',
  'anonymous_id',
  'alternate_emails',
  'first_name',
  'last_name',
  'address_line_1',
  'address_line_2',
  'city',
  'state_province_region',
  'postal_code',
  'country',
  'custom_fields'
] as const satisfies ReadonlyArray<keyof Payload>

/** A contact as SendGrid's upsert takes it. */
export type Contact = { [K in (typeof CONTACT_FIELDS)[number]]?: Payload[K] }

/** One event, ready to sync. */
export interface SyncItem {
  /** Its index in the batch. */
  index: number
  listId: string
  /** true: the user is in the audience (add to the list); false: remove. */
  member: boolean
  identifier: { type: IdentifierType; value: string }
  contact: Contact
}

/** Where each item's result goes: a batch's multistatus, or the single event's result. */
export interface SyncResults {
  success(item: SyncItem, status: number, body: JSONLikeObject | string): void
  /** Records a failure of these items, or throws it when it concerns the whole request. */
  failure(items: SyncItem[], error: unknown): void
}

/**
 * Whether the user entered (true) or exited (false) the audience. The host's
 * own answer wins; otherwise the trait or property named after the audience key says.
 *
 * @example
 * membershipOf({ audience_key: 'vip', traits_or_properties: { vip: false }, … }, undefined) // false
 */
export function membershipOf(payload: Payload, hostMembership: AudienceMembership): boolean {
  if (typeof hostMembership === 'boolean') return hostMembership
  const key = payload.audience_key
  const value = Object.hasOwn(payload.traits_or_properties ?? {}, key)
    ? payload.traits_or_properties[key]
    : undefined
  if (typeof value === 'boolean') return value
  const found = value === undefined ? 'it is missing' : `it is ${JSON.stringify(value)}`
  throw new InvalidAudienceMembershipError(
    `The event does not say whether the user entered or exited the audience: the trait or property '${key}' should be true or false, but ${found}.`
  )
}

/**
 * Turns a payload into a sync item: the list, the membership, the identifier
 * used to find the contact, and the contact to upsert.
 *
 * @example
 * prepareItem(payload, 0, undefined) // { listId, member: true, identifier: { type: 'email', value }, contact }
 */
export function prepareItem(payload: Payload, index: number, hostMembership: AudienceMembership): SyncItem {
  const listId = payload.external_audience_id.trim()
  if (listId === '') throw new PayloadValidationError('The List ID (external audience ID) is empty.')
  const member = membershipOf(payload, hostMembership)
  const contact = contactOf(payload)
  const type = IDENTIFIER_TYPES.find((name) => typeof contact[name] === 'string' && contact[name] !== '')
  // Validation already asks for one; this guards mappings that send only empty strings.
  if (!type) {
    throw new PayloadValidationError(
      'SendGrid needs at least one identifier for a contact: an email, a phone number ID, an external ID or an anonymous ID.'
    )
  }
  return { index, listId, member, identifier: { type, value: contact[type] as string }, contact }
}

function contactOf(payload: Payload): Contact {
  const present: Record<string, unknown> = {}
  for (const field of CONTACT_FIELDS) {
    const value = payload[field]
    if (value !== undefined && value !== null && value !== '') present[field] = value
  }
  const contact = present as Contact
  // SendGrid stores emails in lower case and answers lookups in lower case.
  if (contact.email) contact.email = contact.email.trim().toLowerCase()
  if (contact.custom_fields && Object.keys(contact.custom_fields).length === 0) delete contact.custom_fields
  if (contact.alternate_emails) {
    if (contact.alternate_emails.length === 0) delete contact.alternate_emails
    else if (contact.alternate_emails.length > MAX_ALTERNATE_EMAILS) {
      throw new PayloadValidationError(
        `SendGrid accepts at most ${MAX_ALTERNATE_EMAILS} alternate emails per contact, but ${contact.alternate_emails.length} were given.`
      )
    }
  }
  // A phone number ID that SendGrid cannot read would fail the whole upsert request.
  if (contact.phone_number_id !== undefined) {
    contact.phone_number_id = contact.phone_number_id.replace(/[\s().-]/g, '')
    if (!E164.test(contact.phone_number_id)) {
      throw new PayloadValidationError(
        'Phone Number ID must be a phone number in E.164 format, such as +14155550123.'
      )
    }
  }
  return contact
}

/**
 * Syncs prepared items: within each list, the last event for a contact wins
 * (an earlier one is superseded), then contacts that entered are upserted and
 * contacts that exited are removed.
 *
 * @example
 * await syncItems(request, settings, items, new BatchResults(multistatus))
 */
export async function syncItems(
  request: RequestClient,
  settings: Settings,
  items: SyncItem[],
  results: SyncResults
): Promise<void> {
  const latest = new Map<string, SyncItem>()
  for (const item of items) latest.set(contactKey(item), item)
  const byList = new Map<string, SyncItem[]>()
  for (const item of items) {
    if (latest.get(contactKey(item)) !== item) {
      results.success(item, 200, {
        message: 'Superseded by a later event for the same contact and list in this batch.'
      })
      continue
    }
    const group = byList.get(item.listId) ?? []
    group.push(item)
    byList.set(item.listId, group)
  }
  for (const [listId, group] of byList) {
    await addContacts(
      request,
      settings,
      listId,
      group.filter((item) => item.member),
      results
    )
    await removeContacts(
      request,
      settings,
      listId,
      group.filter((item) => !item.member),
      results
    )
  }
}

function contactKey(item: SyncItem): string {
  return JSON.stringify([item.listId, item.identifier.type, item.identifier.value])
}

/** Upserts contacts with the list's ID, as few requests as SendGrid's limits allow. */
async function addContacts(
  request: RequestClient,
  settings: Settings,
  listId: string,
  items: SyncItem[],
  results: SyncResults
): Promise<void> {
  if (items.length === 0) return
  const url = `${apiBase(settings)}/v3/marketing/contacts`
  for (const chunk of chunkByLimits(
    items,
    (item) => jsonBytes(item.contact),
    MAX_CONTACTS_PER_UPSERT,
    MAX_UPSERT_BYTES
  )) {
    let response
    try {
      response = await sendgrid<JSONLikeObject>(request, url, {
        method: 'put',
        json: { list_ids: [listId], contacts: chunk.map((item) => item.contact) }
      })
    } catch (error) {
      results.failure(chunk, error)
      continue
    }
    // 202 { job_id }: SendGrid queued the upsert.
    for (const item of chunk) results.success(item, response.status, response.data ?? {})
  }
}

/** A contact as SendGrid's lookups return it (the fields this action reads). */
interface FoundContact {
  id: string
  list_ids?: string[]
}

/** Looks up contacts that exited and removes those on the list from it. */
async function removeContacts(
  request: RequestClient,
  settings: Settings,
  listId: string,
  items: SyncItem[],
  results: SyncResults
): Promise<void> {
  if (items.length === 0) return
  const toRemove: Array<{ item: SyncItem; contactId: string }> = []
  for (const type of IDENTIFIER_TYPES) {
    const ofType = items.filter((item) => item.identifier.type === type)
    for (const chunk of chunks(ofType, MAX_LOOKUP_IDENTIFIERS)) {
      let found: Map<string, FoundContact>
      try {
        found = await lookupContacts(request, settings, type, [
          ...new Set(chunk.map((i) => i.identifier.value))
        ])
      } catch (error) {
        results.failure(chunk, error)
        continue
      }
      for (const item of chunk) {
        const contact = found.get(item.identifier.value)
        if (!contact) {
          // The goal (not on the list) already holds: nothing to remove.
          results.success(item, 200, { message: `No SendGrid contact has this ${type}; nothing to remove.` })
        } else if (Array.isArray(contact.list_ids) && !contact.list_ids.includes(listId)) {
          results.success(item, 200, { message: 'The contact is not on the list; nothing to remove.' })
        } else {
          toRemove.push({ item, contactId: contact.id })
        }
      }
    }
  }
  const url = `${apiBase(settings)}/v3/marketing/lists/${encodeURIComponent(listId)}/contacts`
  for (const chunk of chunks(toRemove, MAX_REMOVAL_IDS)) {
    const ids = [...new Set(chunk.map((entry) => entry.contactId))]
    let response
    try {
      response = await sendgrid<JSONLikeObject>(request, url, {
        method: 'delete',
        searchParams: { contact_ids: ids.join(',') }
      })
    } catch (error) {
      results.failure(
        chunk.map((entry) => entry.item),
        error
      )
      continue
    }
    // 202 { job_id }: SendGrid queued the removal.
    for (const { item } of chunk) results.success(item, response.status, response.data ?? {})
  }
}

/**
 * Finds contacts by one kind of identifier (up to 100 values): emails through
 * "Get Contacts by Emails", the others through "Get Contacts by Identifiers".
 * SendGrid answers 404 when none matched; a partial match lists the misses with an error.
 */
async function lookupContacts(
  request: RequestClient,
  settings: Settings,
  type: IdentifierType,
  values: string[]
): Promise<Map<string, FoundContact>> {
  const base = apiBase(settings)
  const [url, json] =
    type === 'email'
      ? [`${base}/v3/marketing/contacts/search/emails`, { emails: values }]
      : [
          // The identifier type is in the path; the body lists the bare values.
          `${base}/v3/marketing/contacts/search/identifiers/${type}`,
          { identifiers: values }
        ]
  let result: Record<string, { contact?: Partial<FoundContact> & Record<string, unknown> }> | undefined
  try {
    const response = await sendgrid<{ result?: typeof result }>(request, url, { method: 'post', json })
    result = response.data?.result
  } catch (error) {
    if (error instanceof HTTPError && error.status === 404) return new Map()
    throw error
  }
  const found = new Map<string, FoundContact>()
  const normalize = (value: string) => (type === 'email' ? value.toLowerCase() : value)
  for (const [key, entry] of Object.entries(result ?? {})) {
    const contact = entry?.contact
    if (!contact || typeof contact.id !== 'string') continue
    const match: FoundContact = {
      id: contact.id,
      ...(Array.isArray(contact.list_ids) && { list_ids: contact.list_ids })
    }
    found.set(normalize(key), match)
    const own = contact[type]
    if (typeof own === 'string' && !found.has(normalize(own))) found.set(normalize(own), match)
  }
  return found
}

/**
 * Splits items into runs of at most `maxCount` items and `maxBytes` bytes (an
 * item larger than `maxBytes` goes alone, for the API to judge).
 *
 * @example
 * chunkByLimits(['aa', 'bb', 'cc'], (s) => s.length, 10, 4) // [['aa', 'bb'], ['cc']]
 */
export function chunkByLimits<T>(
  items: T[],
  bytesOf: (item: T) => number,
  maxCount: number,
  maxBytes: number
): T[][] {
  const result: T[][] = []
  let current: T[] = []
  let size = 0
  for (const item of items) {
    const bytes = bytesOf(item) + 1 // the comma between items
    if (current.length > 0 && (current.length >= maxCount || size + bytes > maxBytes)) {
      result.push(current)
      current = []
      size = 0
    }
    current.push(item)
    size += bytes
  }
  if (current.length > 0) result.push(current)
  return result
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = []
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size))
  return result
}

function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8')
}

/**
 * Whether a failure concerns only the items of the request that failed (SendGrid
 * refused this request's data, or the list is gone). Credentials, rate limits and
 * outages concern the whole batch, which is then retried or failed as one.
 */
function isItemFailure(error: unknown): error is HTTPError {
  return (
    error instanceof HTTPError &&
    error.status >= 400 &&
    error.status < 500 &&
    ![401, 403, 408, 423, 429].includes(error.status)
  )
}

/** Sets an item's error in a batch's multistatus. */
export function setItemError(
  multistatus: MultiStatusResponse,
  index: number,
  error: unknown,
  sent: JSONLikeObject | string
): void {
  const { status, code } = error as { status?: unknown; code?: unknown }
  const body = error instanceof HTTPError ? (error.response?.data as JSONLikeObject | undefined) : undefined
  multistatus.setErrorResponseAtIndex(index, {
    status: typeof status === 'number' ? status : 400,
    ...(typeof code === 'string' && { errortype: code }),
    errormessage: error instanceof Error ? error.message : String(error),
    sent,
    ...(body !== undefined && { body })
  })
}

/** The results of a batch: one multistatus entry per event. */
export class BatchResults implements SyncResults {
  constructor(readonly multistatus: MultiStatusResponse) {}

  success(item: SyncItem, status: number, body: JSONLikeObject | string): void {
    this.multistatus.setSuccessResponseAtIndex(item.index, { status, sent: sentOf(item), body })
  }

  failure(items: SyncItem[], error: unknown): void {
    if (!isItemFailure(error)) throw error
    for (const item of items) setItemError(this.multistatus, item.index, error, sentOf(item))
  }
}

/** The result of one event: what SendGrid answered, or the error, thrown. */
export class SingleResult implements SyncResults {
  body: JSONLikeObject | string | undefined

  success(_item: SyncItem, _status: number, body: JSONLikeObject | string): void {
    this.body = body
  }

  failure(_items: SyncItem[], error: unknown): void {
    throw error
  }
}

/** What was sent for an item: the contact for an add, the identifier for a removal. */
function sentOf(item: SyncItem): JSONLikeObject {
  return (item.member ? item.contact : { [item.identifier.type]: item.identifier.value }) as JSONLikeObject
}
