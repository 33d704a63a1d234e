import type { ActionDefinition, AudienceMembership } from '@destkit/core'
import { PayloadValidationError } from '@destkit/core'
import type { AudienceSettings, Settings } from '../generated-types.js'
import type { Payload } from './generated-types.js'

/** Audience events: identify calls, and track calls (Audience Entered / Audience Exited). */
export const audienceSubscription =
  '(type = "identify" or type = "track") and context.personas.computation_class = "audience"'

const action: ActionDefinition<Settings, Payload, AudienceSettings> = {
  title: 'Sync Audience',
  description:
    'Add users who entered an audience to its list, and remove users who exited the audience from the list.',
  defaultSubscription: audienceSubscription,
  fields: {
    external_audience_id: {
      label: 'List ID',
      description: 'The ID of the list that mirrors the audience (returned when the audience was created).',
      type: 'string',
      required: true,
      default: { '@path': '$.context.personas.external_audience_id' }
    },
    email: {
      label: 'Email',
      description: "The user's email address.",
      type: 'string',
      format: 'email',
      required: true,
      default: {
        '@coalesce': [{ '@path': '$.traits.email' }, { '@path': '$.context.traits.email' }]
      }
    }
  },
  // The runtime reads from the event whether the user entered (true) or exited (false) the audience.
  perform: (request, { payload, audienceMembership }) => {
    const entered = membership(audienceMembership)
    const members = `https://api.example.com/v1/lists/${encodeURIComponent(payload.external_audience_id)}/members`
    return entered
      ? request(members, { method: 'post', json: { email: payload.email } })
      : request(`${members}/${encodeURIComponent(payload.email)}`, { method: 'delete' })
  }
}

function membership(value: AudienceMembership | AudienceMembership[] | undefined): boolean {
  const entered = Array.isArray(value) ? value[0] : value
  if (entered === undefined) {
    throw new PayloadValidationError(
      'The event does not say whether the user entered or exited the audience (no computation_key, or no true/false value under it).'
    )
  }
  return entered
}

export default action
