/**
 * Fields shared by the actions: the user's identifiers and the device and
 * location properties that Amplitude's event and identify objects both accept.
 */
import type { InputField } from '@destkit/core'

export const userId: InputField = {
  label: 'User ID',
  description:
    'Your identifier for the user. Amplitude needs a User ID or a Device ID, and ignores IDs shorter than 5 characters unless Minimum ID Length says otherwise.',
  type: 'string',
  allowNull: true,
  default: { '@path': '$.userId' }
}

export const deviceId: InputField = {
  label: 'Device ID',
  description:
    "An identifier of the user's device. Defaults to the device ID of mobile events, else to the anonymous ID.",
  type: 'string',
  default: {
    '@if': {
      exists: { '@path': '$.context.device.id' },
      then: { '@path': '$.context.device.id' },
      else: { '@path': '$.anonymousId' }
    }
  }
}

/** Amplitude resets the others of these when one is sent, so they travel together. */
export const deviceFields: Record<string, InputField> = {
  app_version: {
    label: 'App Version',
    description: 'The version of your application the user is on.',
    type: 'string',
    default: { '@path': '$.context.app.version' }
  },
  platform: {
    label: 'Platform',
    description: 'The platform of the device, for example iOS, Android or Web.',
    type: 'string',
    default: { '@path': '$.context.device.type' }
  },
  os_name: {
    label: 'OS Name',
    description: 'The mobile operating system or browser the user is on.',
    type: 'string',
    default: { '@path': '$.context.os.name' }
  },
  os_version: {
    label: 'OS Version',
    description: 'The version of the operating system or browser.',
    type: 'string',
    default: { '@path': '$.context.os.version' }
  },
  device_brand: {
    label: 'Device Brand',
    description: 'The brand of the device.',
    type: 'string',
    default: { '@path': '$.context.device.brand' }
  },
  device_manufacturer: {
    label: 'Device Manufacturer',
    description: 'The manufacturer of the device.',
    type: 'string',
    default: { '@path': '$.context.device.manufacturer' }
  },
  device_model: {
    label: 'Device Model',
    description: 'The model of the device.',
    type: 'string',
    default: { '@path': '$.context.device.model' }
  },
  carrier: {
    label: 'Carrier',
    description: 'The mobile carrier of the user.',
    type: 'string',
    default: { '@path': '$.context.network.carrier' }
  }
}

/** Amplitude resets the others of country, region, city and DMA when one is sent. */
export const locationFields: Record<string, InputField> = {
  country: {
    label: 'Country',
    description: 'The country the user is in.',
    type: 'string',
    default: { '@path': '$.context.location.country' }
  },
  region: {
    label: 'Region',
    description: 'The geographical region the user is in.',
    type: 'string',
    default: { '@path': '$.context.location.region' }
  },
  city: {
    label: 'City',
    description: 'The city the user is in.',
    type: 'string',
    default: { '@path': '$.context.location.city' }
  },
  dma: {
    label: 'Designated Market Area',
    description: 'The Designated Market Area of the user.',
    type: 'string'
  },
  language: {
    label: 'Language',
    description: 'The language the user has set.',
    type: 'string',
    default: { '@path': '$.context.locale' }
  }
}

export const groups: InputField = {
  label: 'Groups',
  description:
    'Groups the user belongs to, as group type → group value (a string or a list of strings). Needs the Amplitude Accounts add-on.',
  type: 'object'
}
