/**
 * Building batch-upsert inputs from payloads and reading HubSpot's batch result
 * back onto them.
 */
import type { JSONLikeObject } from '@destkit/core'
import { messageOfError, statusOfError, type HubSpotError } from '../hubspot-api.js'
import { scalarProperties, type PropertyValue } from '../property-values.js'
import type { Payload } from './generated-types.js'

/** One input of `POST /crm/v3/objects/contacts/batch/upsert`. */
export interface ContactInput {
  id: string
  idProperty: 'email'
  properties: Record<string, PropertyValue>
}

/** A contact record in HubSpot's batch result. */
export interface ContactResult {
  id: string
  new?: boolean
  properties?: Record<string, string | null>
}

/** HubSpot's answer to a batch upsert: 200 when every input succeeded, 207 with `errors` otherwise. */
export interface BatchUpsertResponse {
  status?: string
  results?: ContactResult[]
  errors?: HubSpotError[]
  numErrors?: number
}

/** Inputs with the same email, merged into one (HubSpot refuses duplicate ids in a batch). */
export interface ContactGroup {
  email: string
  /** Positions, in the batch given to `performBatch`, of the payloads merged here. */
  indices: number[]
  input: ContactInput
}

/** What happened to one contact of a batch. */
export type ContactOutcome =
  | { ok: true; result?: ContactResult }
  | { ok: false; status: number; code: string; message: string; error?: HubSpotError }

/**
 * The upsert input of one payload. Emails are matched case-insensitively by
 * HubSpot; lower-casing them here lets a batch merge and match them too.
 * The named fields win over the same keys in Other Properties.
 *
 * @example
 * contactInput({ email: 'Ada@Example.com', firstname: 'Ada' })
 * // { id: 'ada@example.com', idProperty: 'email', properties: { email: 'ada@example.com', firstname: 'Ada' } }
 */
export function contactInput(payload: Payload): ContactInput {
  const email = payload.email.trim().toLowerCase()
  const named: Record<string, PropertyValue> = {}
  for (const key of ['firstname', 'lastname', 'phone', 'company', 'website', 'lifecyclestage'] as const) {
    if (payload[key] !== undefined) named[key] = payload[key]
  }
  return {
    id: email,
    idProperty: 'email',
    properties: { ...scalarProperties(payload.otherProperties, 'Other Properties'), email, ...named }
  }
}

/**
 * Merges inputs that share an email, in order (later values win), so that one
 * batch never names a contact twice.
 *
 * @example
 * groupByEmail([{ index: 0, input: a }, { index: 1, input: sameEmailAsA }]) // one group, indices [0, 1]
 */
export function groupByEmail(items: Array<{ index: number; input: ContactInput }>): ContactGroup[] {
  const groups = new Map<string, ContactGroup>()
  for (const { index, input } of items) {
    const group = groups.get(input.id)
    if (group) {
      group.indices.push(index)
      group.input = { ...group.input, properties: { ...group.input.properties, ...input.properties } }
    } else {
      groups.set(input.id, { email: input.id, indices: [index], input })
    }
  }
  return [...groups.values()]
}

/**
 * Reads a batch result back onto the contacts sent, in order.
 *
 * An error names its contacts in `context.ids` (or `id`) and a result carries the
 * email it was saved with, so each contact gets its own outcome. A contact that
 * neither names can only be reported as failed when HubSpot also reported
 * errors it did not attribute: the batch result does not say whether it was saved.
 *
 * @example
 * readBatchResult(['ada@example.com'], { status: 'COMPLETE', results: [{ id: '51', properties: { email: 'ada@example.com' } }] })
 * // [{ ok: true, result: { id: '51', … } }]
 */
export function readBatchResult(emails: string[], body: BatchUpsertResponse | undefined): ContactOutcome[] {
  const results = Array.isArray(body?.results) ? body.results : []
  const errors = Array.isArray(body?.errors) ? body.errors : []
  const resultByEmail = new Map<string, ContactResult>()
  for (const result of results) {
    const email = result?.properties?.email
    if (typeof email === 'string') resultByEmail.set(email.toLowerCase(), result)
  }

  const wanted = new Set(emails)
  const errorByEmail = new Map<string, HubSpotError>()
  const unattributed: HubSpotError[] = []
  for (const error of errors) {
    const named = idsOf(error).filter((id) => wanted.has(id))
    if (named.length === 0) unattributed.push(error)
    for (const id of named) if (!errorByEmail.has(id)) errorByEmail.set(id, error)
  }

  const resultsCarryEmails = resultByEmail.size > 0
  return emails.map((email): ContactOutcome => {
    const error = errorByEmail.get(email)
    if (error) return failure(error, messageOfError(error))
    const result = resultByEmail.get(email)
    if (result || unattributed.length === 0) return { ok: true, ...(result && { result }) }
    const reported = unattributed.map(messageOfError).join(' ')
    return failure(
      unattributed[0],
      resultsCarryEmails
        ? `HubSpot returned no result for this contact and reported errors for the batch: ${reported}`
        : `HubSpot reported errors for the batch that name no contact, so whether this contact was saved is unknown: ${reported}`
    )
  })
}

function failure(error: HubSpotError, message: string): ContactOutcome {
  return { ok: false, ...statusOfError(error), message, error }
}

/** The contact ids (emails, lower-cased) an error names. */
function idsOf(error: HubSpotError): string[] {
  const ids: unknown[] = []
  if (typeof error?.id === 'string') ids.push(error.id)
  const contextIds = error?.context?.ids
  if (Array.isArray(contextIds)) ids.push(...contextIds)
  return ids.filter((id): id is string => typeof id === 'string').map((id) => id.toLowerCase())
}

/** A contact input, result or error as the `sent` or `body` of a batch entry. */
export function asJson(value: ContactInput | ContactResult | HubSpotError): JSONLikeObject {
  return value as unknown as JSONLikeObject
}
