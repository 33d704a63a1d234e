import type { DestinationDefinition } from '@destkit/core'
import { IntegrationError, defaultValues } from '@destkit/core'
import type { Settings } from './generated-types.js'
import __ACTION_ID__ from './__ACTION_ID__/index.js'

/** The token endpoint's answer to a refresh_token grant (RFC 6749, section 5.1). */
interface TokenResponse {
  access_token: string
  refresh_token?: string
  expires_in?: number
}

const destination: DestinationDefinition<Settings> = {
  name: '__NAME__',
  slug: '__SLUG__',
  mode: 'cloud',
  description: '__DESCRIPTION__',
  authentication: {
    scheme: 'oauth2',
    // The OAuth tokens and the app's client credentials come from the host, not from settings.
    fields: {},
    // A cheap authenticated read: the access token is good when it answers 2xx.
    testAuthentication: (request) => request('https://api.example.com/v1/me'),
    // The runtime calls this when a request is refused with 401, then retries the request once.
    refreshAccessToken: async (request, { auth }) => {
      if (!auth.refreshToken) {
        throw new IntegrationError(
          'The __NAME__ access token cannot be refreshed: no refresh token was given.',
          'OAUTH_REFRESH_FAILED',
          401
        )
      }
      const response = await request<TokenResponse>('https://api.example.com/oauth/token', {
        method: 'post',
        // The token endpoint authenticates with the client credentials, not the expired token.
        headers: { authorization: undefined },
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          refresh_token: auth.refreshToken,
          client_id: auth.clientId,
          client_secret: auth.clientSecret
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
      name: 'Track Calls',
      subscribe: 'type = "track"',
      partnerAction: '__ACTION_ID__',
      mapping: defaultValues(__ACTION_ID__.fields),
      type: 'automatic'
    }
  ],
  actions: {
    __ACTION_ID__
  }
}

export default destination
