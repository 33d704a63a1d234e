import { removeUndefined, type ActionDefinition } from '@destkit/core'
import type { Settings } from '../generated-types.js'
import type { Payload } from './generated-types.js'
import {
  batch_size,
  braze_id,
  enable_batching,
  external_id,
  update_existing_only,
  user_alias
} from '../fields.js'
import { userIdentifiers } from '../identifiers.js'
import { toDateOfBirth } from '../time.js'
import { toBrazeGender, toLanguageCode } from '../profile.js'
import { entryFor, trackBatch, trackObjects } from '../track.js'

const subscriptionStates = [
  { label: 'Opted in (explicitly registered)', value: 'opted_in' },
  { label: 'Subscribed (neither opted in nor out)', value: 'subscribed' },
  { label: 'Unsubscribed (explicitly opted out)', value: 'unsubscribed' }
]

/** The standard profile fields, under the same names in the payload and in Braze. */
type StandardField =
  | 'first_name'
  | 'last_name'
  | 'email'
  | 'phone'
  | 'gender'
  | 'dob'
  | 'country'
  | 'home_city'
  | 'language'
  | 'time_zone'
  | 'email_subscribe'
  | 'push_subscribe'

const text = (value: unknown): string | null | undefined =>
  typeof value === 'string' || value === null ? value : undefined

const dateValue = (value: unknown): string | number | null | undefined =>
  typeof value === 'string' || typeof value === 'number' || value === null ? value : undefined

const subscriptionState = (value: unknown): string | undefined =>
  subscriptionStates.some((state) => state.value === value) ? (value as string) : undefined

/**
 * The Braze attributes object of a payload: custom attributes first, then the
 * standard profile fields, which win over custom attributes of the same name.
 * A standard field the payload leaves unset takes the custom attribute of the
 * same name instead (traits often carry `home_city` or `email_subscribe`),
 * converted like the field, so that it is not erased.
 *
 * @example
 * attributesObject({ external_id: 'user1234', first_name: 'Ada', custom_attributes: { plan: 'pro' } })
 * // { plan: 'pro', external_id: 'user1234', first_name: 'Ada' }
 */
function attributesObject(payload: Payload): Record<string, unknown> {
  const custom = payload.custom_attributes ?? {}
  const field = (key: StandardField): unknown => (payload[key] !== undefined ? payload[key] : custom[key])
  // A null standard field clears it in Braze, so null is kept where the field allows it.
  const standard = {
    first_name: text(field('first_name')),
    last_name: text(field('last_name')),
    email: text(field('email')),
    phone: text(field('phone')),
    gender: toBrazeGender(text(field('gender'))),
    dob: toDateOfBirth(dateValue(field('dob'))),
    country: text(field('country')),
    home_city: text(field('home_city')),
    language: toLanguageCode(text(field('language'))),
    time_zone: text(field('time_zone')),
    email_subscribe: subscriptionState(field('email_subscribe')),
    push_subscribe: subscriptionState(field('push_subscribe'))
  }
  return removeUndefined({
    ...custom,
    ...userIdentifiers(payload),
    ...standard,
    _update_existing_only: payload.update_existing_only || undefined
  })
}

const action: ActionDefinition<Settings, Payload> = {
  title: 'Update User Profile',
  description: "Create or update a user's profile in Braze: standard profile fields and custom attributes.",
  defaultSubscription: 'type = "identify"',
  fields: {
    external_id,
    user_alias,
    braze_id,
    first_name: {
      label: 'First Name',
      description: "The user's first name.",
      type: 'string',
      allowNull: true,
      default: {
        '@if': {
          exists: { '@path': '$.traits.firstName' },
          then: { '@path': '$.traits.firstName' },
          else: { '@path': '$.traits.first_name' }
        }
      }
    },
    last_name: {
      label: 'Last Name',
      description: "The user's last name.",
      type: 'string',
      allowNull: true,
      default: {
        '@if': {
          exists: { '@path': '$.traits.lastName' },
          then: { '@path': '$.traits.lastName' },
          else: { '@path': '$.traits.last_name' }
        }
      }
    },
    email: {
      label: 'Email',
      description: "The user's email address. Also identifies the user when no other identifier is given.",
      type: 'string',
      format: 'email',
      allowNull: true,
      default: { '@path': '$.traits.email' }
    },
    phone: {
      label: 'Phone',
      description:
        "The user's phone number (E.164). Also identifies the user when no other identifier is given.",
      type: 'string',
      allowNull: true,
      default: { '@path': '$.traits.phone' }
    },
    gender: {
      label: 'Gender',
      description:
        'M, F, O (other), N (not applicable) or P (prefer not to say); words such as "female" or "male" are converted, others left out.',
      type: 'string',
      allowNull: true,
      default: { '@path': '$.traits.gender' }
    },
    dob: {
      label: 'Date of Birth',
      description: "The user's date of birth (sent as YYYY-MM-DD).",
      type: 'datetime',
      allowNull: true,
      default: { '@path': '$.traits.birthday' }
    },
    country: {
      label: 'Country',
      description: 'The country of the user, as an ISO 3166-1 alpha-2 code (for example "GB").',
      type: 'string',
      allowNull: true,
      default: { '@path': '$.traits.address.country' }
    },
    home_city: {
      label: 'Home City',
      description: "The user's home city.",
      type: 'string',
      allowNull: true,
      default: { '@path': '$.traits.address.city' }
    },
    language: {
      label: 'Language',
      description:
        'The language of the user as an ISO 639-1 code; a locale such as "en-GB" is reduced to "en".',
      type: 'string',
      allowNull: true,
      default: { '@path': '$.context.locale' }
    },
    time_zone: {
      label: 'Time Zone',
      description: 'The time zone of the user, from the IANA database (for example "Europe/London").',
      type: 'string',
      allowNull: true,
      default: { '@path': '$.context.timezone' }
    },
    email_subscribe: {
      label: 'Email Subscribe',
      description: "The user's email subscription state.",
      type: 'string',
      choices: subscriptionStates
    },
    push_subscribe: {
      label: 'Push Subscribe',
      description: "The user's push notification subscription state.",
      type: 'string',
      choices: subscriptionStates
    },
    custom_attributes: {
      label: 'Custom Attributes',
      description:
        'Custom attributes to set on the user. A null value removes the attribute; { "inc": n } increments a number; { "add": [...] } and { "remove": [...] } change an array.',
      type: 'object',
      default: { '@path': '$.traits' }
    },
    update_existing_only,
    enable_batching,
    batch_size
  },
  perform: (request, { settings, payload }) =>
    trackObjects(request, settings, 'attributes', [attributesObject(payload)]),
  performBatch: (request, { settings, payload }) => {
    const entries = payload.map((item) => entryFor(() => [attributesObject(item)]))
    return trackBatch(request, settings, 'attributes', entries, payload[0]?.batch_size)
  }
}

export default action
