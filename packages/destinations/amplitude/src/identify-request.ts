import type { ModifiedResponse, RequestClient } from '@destkit/core'
import type { Settings } from './generated-types.js'
import { hostsFor } from './regions.js'

/**
 * Posts to the Identify (`/identify`) or Group Identify (`/groupidentify`) API:
 * a form with the project's `api_key` and `identification`, one JSON object.
 *
 * @example
 * await postIdentification(request, settings, '/identify', { user_id: 'user1234', user_properties: { plan: 'pro' } })
 */
export function postIdentification(
  request: RequestClient,
  settings: Settings,
  path: '/identify' | '/groupidentify',
  identification: Record<string, unknown>
): Promise<ModifiedResponse> {
  return request(`${hostsFor(settings).ingestion}${path}`, {
    method: 'post',
    body: new URLSearchParams({ api_key: settings.apiKey, identification: JSON.stringify(identification) })
  })
}
