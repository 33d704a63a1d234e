/**
 * SendGrid lists as audiences: `createAudience` makes (or adopts) a list and
 * `getAudience` checks that a list still exists. The list's ID is the audience's
 * external ID, which the action sends contacts to.
 */
import { HTTPError, IntegrationError, type RequestClient } from '@destkit/core'
import { apiBase, sendgrid } from './api.js'
import type { AudienceSettings, Settings } from './generated-types.js'

/** A SendGrid list as the Lists API returns it. */
interface SendGridList {
  id?: string
  name?: string
  contact_count?: number
}

/** SendGrid's limit on a list name. */
export const MAX_LIST_NAME_LENGTH = 100
/** The largest page of the "Get All Lists" endpoint. */
const LISTS_PAGE_SIZE = 1000
/** How many pages of lists a name lookup reads at most (SendGrid accounts rarely have more). */
const MAX_LIST_PAGES = 10

function listsUrl(settings: Settings): string {
  return `${apiBase(settings)}/v3/marketing/lists`
}

/**
 * Creates the list for an audience, or returns the existing one it should use.
 * SendGrid refuses a second list with the same name (400), so after a refusal
 * the list with that exact name is looked up and adopted: a retried
 * `createAudience` then finds the list its first attempt made.
 *
 * @example
 * await createList(request, settings, 'VIP Customers', {}) // { externalId: 'ca7a3796-…' }
 */
export async function createList(
  request: RequestClient,
  settings: Settings,
  audienceName: string,
  audienceSettings: AudienceSettings | undefined
): Promise<{ externalId: string }> {
  const existingId = audienceSettings?.listId?.trim()
  if (existingId) return getList(request, settings, existingId)

  const name = audienceSettings?.listName?.trim() || (audienceName ?? '').trim()
  if (name === '') {
    throw new IntegrationError(
      'A SendGrid list needs a name: the audience has no name and no list name was set.',
      'INVALID_LIST_NAME',
      400
    )
  }
  if (name.length > MAX_LIST_NAME_LENGTH) {
    throw new IntegrationError(
      `SendGrid list names are at most ${MAX_LIST_NAME_LENGTH} characters, but "${name.slice(0, 40)}…" has ${name.length}. Set a shorter list name in the audience settings.`,
      'INVALID_LIST_NAME',
      400
    )
  }
  try {
    const response = await sendgrid<SendGridList>(request, listsUrl(settings), {
      method: 'post',
      json: { name }
    })
    return { externalId: listIdOf(response.data, 'create') }
  } catch (error) {
    if (error instanceof HTTPError && error.status === 400) {
      const existing = await findListByName(request, settings, name)
      if (existing) return { externalId: existing }
    }
    throw error
  }
}

/**
 * Checks that a list exists and returns its ID; a missing list is a clear error.
 *
 * @example
 * await getList(request, settings, 'ca7a3796-e8a8-4029-9ccb-df8937940562')
 */
export async function getList(
  request: RequestClient,
  settings: Settings,
  listId: string
): Promise<{ externalId: string }> {
  try {
    const response = await sendgrid<SendGridList>(
      request,
      `${listsUrl(settings)}/${encodeURIComponent(listId)}`
    )
    return { externalId: typeof response.data?.id === 'string' ? response.data.id : listId }
  } catch (error) {
    if (error instanceof HTTPError && error.status === 404) {
      throw new IntegrationError(
        `SendGrid has no list with the ID "${listId}". It may have been deleted: create the audience again, or set the ID of an existing list.`,
        'LIST_NOT_FOUND',
        404
      )
    }
    throw error
  }
}

/**
 * The ID of the list with exactly this name, reading the lists page by page.
 *
 * @example
 * await findListByName(request, settings, 'VIP Customers') // 'ca7a3796-…' or undefined
 */
export async function findListByName(
  request: RequestClient,
  settings: Settings,
  name: string
): Promise<string | undefined> {
  let pageToken: string | undefined
  for (let page = 0; page < MAX_LIST_PAGES; page++) {
    const response = await sendgrid<{ result?: SendGridList[]; _metadata?: { next?: string } }>(
      request,
      listsUrl(settings),
      { searchParams: { page_size: LISTS_PAGE_SIZE, ...(pageToken && { page_token: pageToken }) } }
    )
    const match = response.data?.result?.find((list) => list.name === name && typeof list.id === 'string')
    if (match) return match.id
    pageToken = nextPageToken(response.data?._metadata?.next)
    if (!pageToken) return undefined
  }
  return undefined
}

/** The `page_token` of SendGrid's `_metadata.next` link, if there is a next page. */
function nextPageToken(next: string | undefined): string | undefined {
  if (!next) return undefined
  try {
    return new URL(next).searchParams.get('page_token') || undefined
  } catch {
    return undefined
  }
}

function listIdOf(list: SendGridList | undefined, verb: string): string {
  if (typeof list?.id === 'string' && list.id !== '') return list.id
  throw new IntegrationError(
    `SendGrid did not return the ID of the list it was asked to ${verb}.`,
    'LIST_ID_MISSING',
    502
  )
}
