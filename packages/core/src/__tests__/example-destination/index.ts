/**
 * "Acme Analytics": a small example destination used as the core's integration
 * test. It reads like a real one: API-key settings with a region, two actions
 * (one with a batch endpoint), presets, and a cheap authenticated call.
 */
import type { ActionDefinition, DestinationDefinition } from '../../index.js'

export interface Settings {
  apiKey: string
  region?: 'us' | 'eu'
}

export interface TrackPayload {
  event_name: string
  user_id?: string
  anonymous_id?: string
  properties?: Record<string, unknown>
  revenue?: number
  timestamp?: string
}

export interface IdentifyPayload {
  user_id: string
  email?: string
  traits?: Record<string, unknown>
}

export const hosts = { us: 'https://api.acme.test', eu: 'https://eu.api.acme.test' }

const baseUrl = (settings: Settings) => hosts[settings.region ?? 'us']

const trackEvent: ActionDefinition<Settings, TrackPayload> = {
  title: 'Track Event',
  description: 'Send an event to Acme.',
  defaultSubscription: 'type = "track"',
  fields: {
    event_name: { label: 'Event Name', type: 'string', required: true, default: { '@path': '$.event' } },
    user_id: { label: 'User ID', type: 'string', default: { '@path': '$.userId' } },
    anonymous_id: { label: 'Anonymous ID', type: 'string', default: { '@path': '$.anonymousId' } },
    properties: { label: 'Properties', type: 'object', default: { '@path': '$.properties' } },
    revenue: { label: 'Revenue', type: 'number', default: { '@path': '$.properties.revenue' } },
    timestamp: { label: 'Timestamp', type: 'datetime', default: { '@path': '$.timestamp' } }
  },
  perform: (request, { settings, payload }) =>
    request(`${baseUrl(settings)}/v1/track`, { method: 'post', json: payload }),
  performBatch: (request, { settings, payload }) =>
    request(`${baseUrl(settings)}/v1/batch`, { method: 'post', json: { events: payload } })
}

const identifyUser: ActionDefinition<Settings, IdentifyPayload> = {
  title: 'Identify User',
  description: 'Create or update a user in Acme.',
  defaultSubscription: 'type = "identify"',
  fields: {
    user_id: { label: 'User ID', type: 'string', required: true, default: { '@path': '$.userId' } },
    email: { label: 'Email', type: 'string', format: 'email', default: { '@path': '$.traits.email' } },
    traits: { label: 'Traits', type: 'object', default: { '@path': '$.traits' } }
  },
  perform: (request, { settings, payload }) =>
    request(`${baseUrl(settings)}/v1/users/${encodeURIComponent(payload.user_id)}`, {
      method: 'put',
      json: { email: payload.email, traits: payload.traits }
    })
}

const destination: DestinationDefinition<Settings> = {
  name: 'Acme Analytics',
  slug: 'acme-analytics',
  mode: 'cloud',
  description: 'Send events and users to Acme Analytics.',
  authentication: {
    scheme: 'custom',
    fields: {
      apiKey: { label: 'API Key', description: 'Your Acme secret key.', type: 'password', required: true },
      region: {
        label: 'Region',
        description: 'Where your Acme data lives.',
        type: 'string',
        choices: [
          { label: 'United States', value: 'us' },
          { label: 'Europe', value: 'eu' }
        ],
        default: 'us'
      }
    },
    testAuthentication: (request, { settings }) => request(`${baseUrl(settings)}/v1/me`)
  },
  extendRequest: ({ settings }) => ({ headers: { authorization: `Bearer ${settings.apiKey}` } }),
  presets: [
    { name: 'Track Calls', subscribe: 'type = "track"', partnerAction: 'trackEvent', type: 'automatic' },
    {
      name: 'Identify Calls',
      subscribe: 'type = "identify"',
      partnerAction: 'identifyUser',
      type: 'automatic'
    }
  ],
  actions: { trackEvent, identifyUser }
}

export default destination
