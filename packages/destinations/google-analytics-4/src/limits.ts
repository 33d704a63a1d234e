/**
 * The Measurement Protocol's limits, checked before sending: Google answers 2xx
 * to every request and silently drops what breaks them, so a clear error here
 * is the only one anybody will see.
 */
import { PayloadValidationError } from '@destkit/core'

export const limits = {
  eventsPerRequest: 25,
  paramsPerEvent: 25,
  nameLength: 40,
  itemsPerEvent: 200,
  userProperties: 25,
  userPropertyNameLength: 24,
  userPropertyValueLength: 36
} as const

/** Event, parameter and user property names: letters, digits and underscores, starting with a letter. */
const namePattern = /^[A-Za-z][A-Za-z0-9_]*$/

/** Prefixes Google keeps for its own names. */
const reservedPrefixes = ['google_', 'ga_', 'firebase_']

/** Event names the Measurement Protocol refuses (collected automatically by Google's SDKs). */
const reservedEventNames: ReadonlySet<string> = new Set([
  'ad_activeview',
  'ad_click',
  'ad_exposure',
  'ad_query',
  'ad_reward',
  'adunit_exposure',
  'app_clear_data',
  'app_exception',
  'app_install',
  'app_remove',
  'app_store_refund',
  'app_update',
  'app_upgrade',
  'dynamic_link_app_open',
  'dynamic_link_app_update',
  'dynamic_link_first_open',
  'error',
  'firebase_campaign',
  'firebase_in_app_message_action',
  'firebase_in_app_message_dismiss',
  'firebase_in_app_message_impression',
  'first_open',
  'first_visit',
  'in_app_purchase',
  'notification_dismiss',
  'notification_foreground',
  'notification_open',
  'notification_receive',
  'notification_send',
  'os_update',
  'session_start',
  'user_engagement'
])

const reservedUserPropertyNames: ReadonlySet<string> = new Set([
  'first_open_time',
  'first_visit_time',
  'last_deep_link_referrer',
  'user_id',
  'first_open_after_install'
])

/**
 * A Segment event name in GA4's snake_case style: lower-case, accents dropped
 * (GA4 names allow only ASCII letters and digits), with every run of other
 * characters as one underscore.
 *
 * @example
 * snakeCase('Order Completed') // 'order_completed'
 * snakeCase('Signed-Up!') // 'signed_up'
 * snakeCase('Réservé') // 'reserve'
 */
export function snakeCase(name: string): string {
  return name
    .trim()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
}

/**
 * Checks an event name against the Measurement Protocol's rules.
 *
 * @example
 * checkEventName('sign_up') // ok
 * checkEventName('Sign Up') // throws: only letters, digits and underscores
 */
export function checkEventName(name: string): void {
  const what = `The event name '${name}'`
  if (name === '') throw new PayloadValidationError('The event name is empty.')
  if (name.length > limits.nameLength) {
    throw new PayloadValidationError(
      `${what} is ${name.length} characters long; Google Analytics allows at most ${limits.nameLength}.`
    )
  }
  if (!namePattern.test(name)) {
    throw new PayloadValidationError(
      `${what} must start with a letter and contain only letters, digits and underscores.`
    )
  }
  if (reservedEventNames.has(name) || hasReservedPrefix(name)) {
    throw new PayloadValidationError(`${what} is reserved by Google Analytics.`)
  }
}

/** A parameter value the Measurement Protocol takes: a string, a number, or (for `items`) a list of items. */
export type ParamValue = string | number | boolean | Array<Record<string, unknown>>

/**
 * Checks an event's parameters and returns them without empty values (`null`
 * and `undefined` carry nothing to send).
 *
 * @example
 * checkParams({ plan: 'pro', seats: 3, note: null }) // { plan: 'pro', seats: 3 }
 * checkParams({ cart: { total: 3 } })                // throws: a parameter must be a string or a number
 */
export function checkParams(params: Record<string, unknown>): Record<string, ParamValue> {
  const checked: Record<string, ParamValue> = {}
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue
    checkParamName(name)
    if (name === 'items') {
      checked.items = checkItems(value)
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      checked[name] = value
    } else {
      throw new PayloadValidationError(
        `The parameter '${name}' is ${Array.isArray(value) ? 'a list' : 'an object'}; Google Analytics parameters must be strings or numbers (only 'items' holds a list).`
      )
    }
  }
  const count = Object.keys(checked).length
  if (count > limits.paramsPerEvent) {
    throw new PayloadValidationError(
      `The event has ${count} parameters; Google Analytics allows at most ${limits.paramsPerEvent} per event.`
    )
  }
  return checked
}

function checkParamName(name: string): void {
  if (name.length > limits.nameLength) {
    throw new PayloadValidationError(
      `The parameter name '${name}' is ${name.length} characters long; Google Analytics allows at most ${limits.nameLength}.`
    )
  }
  if (!namePattern.test(name)) {
    throw new PayloadValidationError(
      `The parameter name '${name}' must start with a letter and contain only letters, digits and underscores.`
    )
  }
  if (hasReservedPrefix(name)) {
    throw new PayloadValidationError(
      `The parameter name '${name}' uses a prefix reserved by Google Analytics.`
    )
  }
}

function checkItems(value: unknown): Array<Record<string, unknown>> {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'object' || item === null)) {
    throw new PayloadValidationError("The parameter 'items' must be a list of item objects.")
  }
  if (value.length > limits.itemsPerEvent) {
    throw new PayloadValidationError(
      `The event has ${value.length} items; Google Analytics keeps at most ${limits.itemsPerEvent} per event.`
    )
  }
  value.forEach((item: Record<string, unknown>, index) => {
    if (isBlank(item.item_id) && isBlank(item.item_name)) {
      throw new PayloadValidationError(`Item ${index} needs an item_id or an item_name.`)
    }
  })
  return value as Array<Record<string, unknown>>
}

/** A user property as the Measurement Protocol takes it. */
export interface UserProperty {
  value: string | number
}

/**
 * Turns flat user properties (`{ plan: 'pro' }`) into the Measurement
 * Protocol's shape (`{ plan: { value: 'pro' } }`), checking their limits. A
 * value already shaped `{ value }` is taken as is; empty values are left out.
 *
 * @example
 * userProperties({ plan: 'pro', seats: 3 }) // { plan: { value: 'pro' }, seats: { value: 3 } }
 */
export function userProperties(properties: Record<string, unknown>): Record<string, UserProperty> {
  const result: Record<string, UserProperty> = {}
  for (const [name, raw] of Object.entries(properties)) {
    const value = isShaped(raw) ? raw.value : raw
    if (value === undefined || value === null) continue
    checkUserPropertyName(name)
    if (typeof value === 'boolean') {
      result[name] = { value: String(value) }
    } else if (typeof value === 'number') {
      result[name] = { value }
    } else if (typeof value === 'string') {
      if (value.length > limits.userPropertyValueLength) {
        throw new PayloadValidationError(
          `The user property '${name}' is ${value.length} characters long; Google Analytics allows at most ${limits.userPropertyValueLength}.`
        )
      }
      result[name] = { value }
    } else {
      throw new PayloadValidationError(`The user property '${name}' must be a string or a number.`)
    }
  }
  const count = Object.keys(result).length
  if (count > limits.userProperties) {
    throw new PayloadValidationError(
      `There are ${count} user properties; Google Analytics allows at most ${limits.userProperties} per request.`
    )
  }
  return result
}

function checkUserPropertyName(name: string): void {
  if (name.length > limits.userPropertyNameLength) {
    throw new PayloadValidationError(
      `The user property name '${name}' is ${name.length} characters long; Google Analytics allows at most ${limits.userPropertyNameLength}.`
    )
  }
  if (!namePattern.test(name)) {
    throw new PayloadValidationError(
      `The user property name '${name}' must start with a letter and contain only letters, digits and underscores.`
    )
  }
  if (reservedUserPropertyNames.has(name) || hasReservedPrefix(name)) {
    throw new PayloadValidationError(`The user property name '${name}' is reserved by Google Analytics.`)
  }
}

function isShaped(value: unknown): value is { value: unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1 &&
    'value' in value
  )
}

function hasReservedPrefix(name: string): boolean {
  const lower = name.toLowerCase()
  return reservedPrefixes.some((prefix) => lower.startsWith(prefix))
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === ''
}
