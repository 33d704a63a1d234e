import type { DestinationDefinition } from '@destkit/core'
import { defaultValues, IntegrationError } from '@destkit/core'
import type { Settings } from './generated-types.js'
import { HUBSPOT_API, TOKEN_URL } from './hubspot-api.js'
import sendCustomBehavioralEvent from './sendCustomBehavioralEvent/index.js'
import upsertContact from './upsertContact/index.js'

/** HubSpot's answer to a refresh_token grant. */
interface TokenResponse {
  access_token: string
  refresh_token?: string
  expires_in?: number
  token_type?: string
}

const destination: DestinationDefinition<Settings> = {
  name: 'HubSpot',
  slug: 'hubspot',
  mode: 'cloud',
  description:
    'Upsert contacts by email in HubSpot CRM and record custom behavioral events, through a HubSpot app connected with OAuth.',
  authentication: {
    scheme: 'oauth2',
    // The OAuth tokens and the app's client credentials come from the host, not from settings.
    fields: {},
    // The cheapest authenticated CRM read; it also checks that the token may read contacts.
    testAuthentication: (request) =>
      request(`${HUBSPOT_API}/crm/v3/objects/contacts`, { method: 'get', searchParams: { limit: 1 } }),
    refreshAccessToken: async (request, { auth }) => {
      if (!auth.refreshToken) {
        throw new IntegrationError(
          'The HubSpot access token cannot be refreshed: no refresh token was given.',
          'OAUTH_REFRESH_FAILED',
          401
        )
      }
      const response = await request<TokenResponse>(TOKEN_URL, {
        method: 'post',
        // The token endpoint authenticates with the client credentials in the body, not the expired token.
        headers: { authorization: undefined },
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          client_id: auth.clientId,
          client_secret: auth.clientSecret,
          refresh_token: auth.refreshToken
        })
      })
      return {
        accessToken: response.data.access_token,
        ...(response.data.refresh_token && { refreshToken: response.data.refresh_token }),
        ...(typeof response.data.expires_in === 'number' && { expiresIn: response.data.expires_in })
      }
    }
  },
  extendRequest: ({ auth }) =>
    auth?.accessToken ? { headers: { authorization: `Bearer ${auth.accessToken}` } } : {},
  presets: [
    {
      name: 'Identify Calls',
      subscribe: 'type = "identify"',
      partnerAction: 'upsertContact',
      mapping: defaultValues(upsertContact.fields),
      type: 'automatic'
    }
    // No preset sends custom behavioral events: their fully qualified names (pe{HubID}_{name}) belong
    // to one HubSpot account, so no mapping could name the event for everyone.
  ],
  actions: {
    upsertContact,
    sendCustomBehavioralEvent
  }
}

export default destination
