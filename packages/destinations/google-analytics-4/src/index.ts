import type { DestinationDefinition } from '@destkit/core'
import { InvalidAuthenticationError, defaultValues } from '@destkit/core'
import type { Settings } from './generated-types.js'
import sendEvent from './sendEvent/index.js'
import purchase from './purchase/index.js'
import pageView from './pageView/index.js'
import { collectUrl, streamOf } from './measurement-protocol.js'

/** GA4 Measurement IDs look like `G-ABC123XYZ9` (a `UA-` ID is Universal Analytics, which is gone). */
const measurementIdPattern = /^G-[A-Z0-9]+$/i

/** One message of the validation server's answer. */
interface ValidationMessage {
  fieldPath?: string
  description?: string
  validationCode?: string
}

const destination: DestinationDefinition<Settings> = {
  name: 'Google Analytics 4',
  slug: 'google-analytics-4',
  mode: 'cloud',
  description:
    'Send events, page views and purchases to a Google Analytics 4 web or app stream through the Measurement Protocol.',
  authentication: {
    scheme: 'custom',
    fields: {
      measurementId: {
        label: 'Measurement ID',
        description:
          'The Measurement ID of a web data stream (`G-XXXXXXXXXX`), under Admin > Data streams > your web stream. Set it for web streams; leave it empty for app streams.',
        type: 'string'
      },
      firebaseAppId: {
        label: 'Firebase App ID',
        description:
          'The Firebase App ID of an app data stream (Firebase console > Project settings > General > Your apps > App ID). Set it for app streams instead of a Measurement ID.',
        type: 'string'
      },
      apiSecret: {
        label: 'API Secret',
        description:
          'A Measurement Protocol API secret of the stream, under Admin > Data streams > your stream > Measurement Protocol API secrets.',
        type: 'password',
        required: true
      },
      region: {
        label: 'Collection Endpoint',
        description:
          'Where Google Analytics collects the events: the global endpoint, or the EU endpoint that processes data in the EU.',
        type: 'string',
        choices: [
          { label: 'Global (www.google-analytics.com)', value: 'global' },
          { label: 'EU (region1.google-analytics.com)', value: 'eu' }
        ],
        default: 'global'
      }
    },
    // The validation server checks a test event without recording it. It does not check the API
    // secret or the Firebase App ID (Google says so), but it does check the request's shape.
    testAuthentication: async (request, { settings }) => {
      const stream = streamOf(settings)
      if (settings.measurementId && !measurementIdPattern.test(settings.measurementId.trim())) {
        throw new InvalidAuthenticationError(
          `The Measurement ID '${settings.measurementId}' is not a GA4 Measurement ID (G-XXXXXXXXXX); a stream ID or a UA- property ID does not work.`
        )
      }
      const device =
        stream.kind === 'web'
          ? { client_id: 'destkit.connection-test' }
          : { app_instance_id: '0123456789abcdef0123456789abcdef' }
      const response = await request(collectUrl(settings, true), {
        method: 'post',
        searchParams: stream.searchParams,
        json: { ...device, events: [{ name: 'destkit_connection_test', params: {} }] }
      })
      const messages = (response.data as { validationMessages?: ValidationMessage[] } | undefined)
        ?.validationMessages
      if (Array.isArray(messages) && messages.length > 0) {
        throw new InvalidAuthenticationError(
          `Google Analytics refused the test event: ${messages.map(describeMessage).join(' ')}`
        )
      }
      return true
    }
  },
  presets: [
    {
      name: 'Order Completed',
      subscribe: 'type = "track" and event = "Order Completed"',
      partnerAction: 'purchase',
      mapping: defaultValues(purchase.fields),
      type: 'automatic'
    },
    {
      name: 'Page Calls',
      subscribe: 'type = "page"',
      partnerAction: 'pageView',
      mapping: defaultValues(pageView.fields),
      type: 'automatic'
    },
    {
      // Order Completed goes to the purchase preset; sending it here too would count it twice.
      name: 'Track Calls',
      subscribe: 'type = "track" and event != "Order Completed"',
      partnerAction: 'sendEvent',
      mapping: defaultValues(sendEvent.fields),
      type: 'automatic'
    }
  ],
  actions: {
    sendEvent,
    purchase,
    pageView
  }
}

function describeMessage(message: ValidationMessage): string {
  const text = (message.description ?? 'An unspecified problem.').trim()
  const sentence = /[.!?]$/.test(text) ? text : `${text}.`
  const where = [message.validationCode, message.fieldPath && `at ${message.fieldPath}`].filter(Boolean)
  return where.length > 0 ? `${sentence} (${where.join(' ')})` : sentence
}

export default destination
