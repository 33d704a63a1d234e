/**
 * Fields every action shares: who the event is about, when it happened, and
 * the parameters GA4 uses for sessions and engagement.
 */
import type { InputField } from '@destkit/core'
import { limits } from './limits.js'

export const identityFields: Record<string, InputField> = {
  client_id: {
    label: 'Client ID',
    description:
      "Identifies the browser or device of a web stream; it should be the client ID of the Google tag on your site (from the `_ga` cookie or `gtag('get')`) so events join the user's sessions. Required for web streams.",
    type: 'string',
    default: { '@path': '$.anonymousId' }
  },
  app_instance_id: {
    label: 'App Instance ID',
    description:
      'Identifies one install of your app, as the Firebase SDK reports it (not the Firebase App ID). Required for app streams; not sent to web streams.',
    type: 'string'
  },
  user_id: {
    label: 'User ID',
    description:
      'Your own identifier of the signed-in user, for cross-device reports (User-ID). Never send personal data such as an email address.',
    type: 'string',
    default: { '@path': '$.userId' }
  },
  timestamp_micros: {
    label: 'Timestamp',
    description:
      'When the event happened; sent as Unix time in microseconds. Google accepts events up to 72 hours old. Leave empty to use the time Google receives the event.',
    type: 'datetime',
    default: { '@path': '$.timestamp' }
  },
  user_properties: {
    label: 'User Properties',
    description: `Properties of the user, such as \`{ "plan": "pro" }\` (sent as \`{ "plan": { "value": "pro" } }\`). At most ${limits.userProperties}, with names of at most ${limits.userPropertyNameLength} characters and string values of at most ${limits.userPropertyValueLength}.`,
    type: 'object',
    defaultObjectUI: 'keyvalue'
  },
  engagement_time_msec: {
    label: 'Engagement Time (ms)',
    description:
      'How long the user was engaged, in milliseconds. GA4 shows an event in Realtime reports only when it has an engagement time and a session ID.',
    type: 'integer',
    minimum: 0
  },
  session_id: {
    label: 'Session ID',
    description:
      "The session the event belongs to, as the Google tag reports it (from the `_ga_<container-id>` cookie or `gtag('get')`), so the event joins that session.",
    type: 'string'
  }
}

/** Extra parameters of an event; `defaultValue` is where they come from by default. */
export function paramsField(description: string, defaultValue?: InputField['default']): InputField {
  return {
    label: 'Event Parameters',
    description: `${description} Names: letters, digits and underscores, starting with a letter, at most ${limits.nameLength} characters; values: strings or numbers. At most ${limits.paramsPerEvent} parameters per event.`,
    type: 'object',
    defaultObjectUI: 'keyvalue',
    ...(defaultValue !== undefined && { default: defaultValue })
  }
}

/** Batching: a request carries one user and at most 25 events. */
export const batchFields: Record<string, InputField> = {
  batch_size: {
    label: 'Batch Size',
    description: `The most events sent in one request; the Measurement Protocol takes at most ${limits.eventsPerRequest}.`,
    type: 'integer',
    minimum: 1,
    maximum: limits.eventsPerRequest,
    default: limits.eventsPerRequest
  },
  batch_keys: {
    label: 'Batch Keys',
    description:
      'Fields whose values must be equal for events to share a request: a request carries one user.',
    type: 'string',
    multiple: true,
    unsafe_hidden: true,
    // At most three keys. User properties are not one: the batch is grouped again by the whole
    // identity (user properties included) before it is sent, so they never mix in a request.
    default: ['client_id', 'app_instance_id', 'user_id']
  }
}
