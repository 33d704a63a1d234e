import { defaultValues, type DestinationDefinition } from '@destkit/core'
import type { Settings } from './generated-types.js'
import { pixelUrl, toMetaError } from './graph-api.js'
import purchase from './purchase/index.js'
import addToCart from './addToCart/index.js'
import viewContent from './viewContent/index.js'
import initiateCheckout from './initiateCheckout/index.js'
import pageView from './pageView/index.js'
import custom from './custom/index.js'

const destination: DestinationDefinition<Settings> = {
  name: 'Facebook Conversions API',
  slug: 'facebook-conversions-api',
  mode: 'cloud',
  description:
    'Send web, app and offline conversions to Meta from your server through the Conversions API. Customer ' +
    'information is normalised and SHA-256 hashed before it leaves destkit, and events are batched up to ' +
    "Meta's limit of 1,000 per request.",
  authentication: {
    scheme: 'custom',
    fields: {
      pixel_id: {
        label: 'Pixel ID',
        description:
          'The ID of the Meta Pixel (dataset) that receives the events, e.g. `1234567890123456`. Find it in Events Manager.',
        type: 'string',
        required: true
      },
      access_token: {
        label: 'Access Token',
        description:
          'A Conversions API access token for this pixel, generated in Events Manager (Settings → Conversions API → ' +
          'Generate access token) or a system user token with access to the pixel.',
        type: 'password',
        required: true
      },
      test_event_code: {
        label: 'Test Event Code',
        description:
          "Sends the events as test events, shown in Events Manager's Test Events tab and not used for measurement. " +
          'Copy the code (e.g. `TEST12345`) from that tab; leave empty in production.',
        type: 'string'
      }
    },
    // Reading the pixel checks the token and that it may use this pixel, and sends no event.
    testAuthentication: async (request, { settings }) => {
      try {
        return await request(pixelUrl(settings.pixel_id), {
          method: 'get',
          searchParams: { fields: 'id,name', access_token: settings.access_token }
        })
      } catch (error) {
        throw toMetaError(error, settings.access_token)
      }
    }
  },
  presets: [
    {
      type: 'automatic',
      name: 'Order Completed',
      subscribe: 'type = "track" and event = "Order Completed"',
      partnerAction: 'purchase',
      mapping: defaultValues(purchase.fields)
    },
    {
      type: 'automatic',
      name: 'Product Added',
      subscribe: 'type = "track" and event = "Product Added"',
      partnerAction: 'addToCart',
      mapping: defaultValues(addToCart.fields)
    },
    {
      type: 'automatic',
      name: 'Product Viewed',
      subscribe: 'type = "track" and event = "Product Viewed"',
      partnerAction: 'viewContent',
      mapping: defaultValues(viewContent.fields)
    },
    {
      type: 'automatic',
      name: 'Checkout Started',
      subscribe: 'type = "track" and event = "Checkout Started"',
      partnerAction: 'initiateCheckout',
      mapping: defaultValues(initiateCheckout.fields)
    },
    {
      type: 'automatic',
      name: 'Page Calls',
      subscribe: 'type = "page"',
      partnerAction: 'pageView',
      mapping: defaultValues(pageView.fields)
    }
  ],
  actions: {
    purchase,
    addToCart,
    viewContent,
    initiateCheckout,
    pageView,
    custom
  }
}

export default destination
