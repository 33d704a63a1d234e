import {
  MultiStatusResponse,
  type ActionDefinition,
  type AudienceMembership,
  type JSONLikeObject
} from '@destkit/core'
import type { Settings } from '../generated-types.js'
import type { Payload } from './generated-types.js'
import { BatchResults, SingleResult, prepareItem, setItemError, syncItems, type SyncItem } from './sync.js'

/**
 * A default that reads the first of these traits that is set: on the event
 * itself (identify calls), then in its context (track calls carry traits there).
 */
function trait(...names: string[]) {
  return {
    '@coalesce': [
      ...names.map((name) => ({ '@path': `$.traits.${name}` })),
      ...names.map((name) => ({ '@path': `$.context.traits.${name}` }))
    ]
  }
}

/** Engage audience events: identify calls, and track calls (Audience Entered / Audience Exited). */
export const audienceSubscription =
  '(type = "identify" or type = "track") and context.personas.computation_class = "audience"'

const action: ActionDefinition<Settings, Payload> = {
  title: 'Sync Audience',
  description:
    'Add contacts who entered an audience to its SendGrid list, and remove those who exited it from the list (the contact itself is kept).',
  defaultSubscription: audienceSubscription,
  fields: {
    external_audience_id: {
      label: 'List ID',
      description:
        'The ID of the SendGrid list that mirrors the audience (the external ID returned when the audience was created).',
      type: 'string',
      required: true,
      default: { '@path': '$.context.personas.external_audience_id' },
      category: 'config'
    },
    audience_key: {
      label: 'Audience Key',
      description:
        "The audience's key. The trait (identify) or property (track) of that name is true when the user entered the audience and false when they exited it.",
      type: 'string',
      required: true,
      default: { '@path': '$.context.personas.computation_key' },
      category: 'config'
    },
    traits_or_properties: {
      label: 'Traits or Properties',
      description:
        "The event's traits (identify) or properties (track), where the value under the audience key says whether the user is in the audience.",
      type: 'object',
      required: true,
      default: {
        '@if': {
          exists: { '@path': '$.properties.audience_key' },
          then: { '@path': '$.properties' },
          else: { '@path': '$.traits' }
        }
      },
      unsafe_hidden: true
    },
    email: {
      label: 'Email',
      description:
        "The contact's primary email address. Required unless the contact has a Phone Number ID, External ID or Anonymous ID. SendGrid stores it in lower case.",
      type: 'string',
      format: 'email',
      maximum: 254,
      // SendGrid needs at least one identifier per contact.
      required: {
        match: 'all',
        conditions: [
          { fieldKey: 'phone_number_id', operator: 'is', value: undefined },
          { fieldKey: 'external_id', operator: 'is', value: undefined },
          { fieldKey: 'anonymous_id', operator: 'is', value: undefined }
        ]
      },
      default: trait('email'),
      category: 'identifier'
    },
    phone_number_id: {
      label: 'Phone Number ID',
      description:
        "The contact's phone number as a SendGrid identifier, in E.164 format (e.g. +14155550123); spaces, dots, dashes and parentheses are removed before sending.",
      type: 'string',
      category: 'identifier'
    },
    external_id: {
      label: 'External ID',
      description:
        'Your own ID for the contact, used as a SendGrid identifier. To update an existing contact SendGrid needs all of its identifiers, so map the same identifiers for every event.',
      type: 'string',
      maximum: 254,
      category: 'identifier'
    },
    anonymous_id: {
      label: 'Anonymous ID',
      description: 'An anonymous ID for the contact, used as a SendGrid identifier.',
      type: 'string',
      maximum: 254,
      category: 'identifier'
    },
    alternate_emails: {
      label: 'Alternate Emails',
      description: 'Up to 5 additional email addresses of the contact.',
      type: 'string',
      format: 'email',
      multiple: true
    },
    first_name: {
      label: 'First Name',
      description: "The contact's first (personal) name.",
      type: 'string',
      maximum: 50,
      default: trait('firstName', 'first_name')
    },
    last_name: {
      label: 'Last Name',
      description: "The contact's last (family) name.",
      type: 'string',
      maximum: 50,
      default: trait('lastName', 'last_name')
    },
    address_line_1: {
      label: 'Address Line 1',
      description: "The first line of the contact's address.",
      type: 'string',
      maximum: 100,
      default: trait('address.street')
    },
    address_line_2: {
      label: 'Address Line 2',
      description: "The second line of the contact's address.",
      type: 'string',
      maximum: 100
    },
    city: {
      label: 'City',
      description: "The contact's city.",
      type: 'string',
      maximum: 60,
      default: trait('address.city')
    },
    state_province_region: {
      label: 'State, Province or Region',
      description: "The contact's state, province or region.",
      type: 'string',
      maximum: 50,
      default: trait('address.state')
    },
    postal_code: {
      label: 'Postal Code',
      description: "The contact's ZIP or postal code.",
      type: 'string',
      default: trait('address.postalCode', 'address.postal_code')
    },
    country: {
      label: 'Country',
      description: "The contact's country: a full name or an abbreviation.",
      type: 'string',
      maximum: 50,
      default: trait('address.country')
    },
    custom_fields: {
      label: 'Custom Fields',
      description:
        'Values of custom fields, keyed by the custom field\'s ID (e.g. {"e1_T": "gold"}) as listed by SendGrid\'s Get All Field Definitions endpoint. The custom fields must already exist in SendGrid.',
      type: 'object',
      defaultObjectUI: 'keyvalue'
    },
    enable_batching: {
      label: 'Batch Data',
      description:
        'When enabled, events are sent to SendGrid in batches: one upsert per list for the contacts that entered, and lookups plus one removal per list for those that exited.',
      type: 'boolean',
      default: true
    },
    batch_size: {
      label: 'Batch Size',
      description:
        'The largest number of events in one batch. SendGrid takes up to 30,000 contacts (or 6 MB) per upsert; larger batches are split.',
      type: 'integer',
      minimum: 1,
      maximum: 30_000,
      default: 1_000
    }
  },

  perform: async (request, { settings, payload, audienceMembership }) => {
    const item = prepareItem(payload, 0, membershipAt(audienceMembership, 0))
    const result = new SingleResult()
    await syncItems(request, settings, [item], result)
    return result.body
  },

  performBatch: async (request, { settings, payload, audienceMembership }) => {
    const multistatus = new MultiStatusResponse()
    const items: SyncItem[] = []
    payload.forEach((one, index) => {
      try {
        items.push(prepareItem(one, index, membershipAt(audienceMembership, index)))
      } catch (error) {
        // An event SendGrid could not take fails alone; the others are still sent.
        setItemError(multistatus, index, error, one as unknown as JSONLikeObject)
      }
    })
    await syncItems(request, settings, items, new BatchResults(multistatus))
    return multistatus
  }
}

/** The host's membership for the event at `index` (a list for batches), when it gives one. */
function membershipAt(
  membership: AudienceMembership | AudienceMembership[] | undefined,
  index: number
): AudienceMembership {
  return Array.isArray(membership) ? membership[index] : membership
}

export default action
