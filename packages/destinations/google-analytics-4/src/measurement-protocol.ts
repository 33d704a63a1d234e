/**
 * The Measurement Protocol transport: where to post, which stream and user a
 * request is for, and the request body. Actions only say which event to send.
 */
import {
  IntegrationError,
  MultiStatusResponse,
  PayloadValidationError,
  type RequestClient
} from '@destkit/core'
import type { Settings } from './generated-types.js'
import {
  checkEventName,
  checkParams,
  limits,
  userProperties,
  type ParamValue,
  type UserProperty
} from './limits.js'
import { timestampMicros } from './timestamp.js'

export const hosts = {
  global: 'https://www.google-analytics.com',
  // Google processes data sent here in the EU.
  eu: 'https://region1.google-analytics.com'
} as const

/** The fields every action shares (see `fields.ts`). */
export interface CommonPayload {
  client_id?: string
  app_instance_id?: string
  user_id?: string
  timestamp_micros?: string | number
  user_properties?: { [k: string]: unknown }
  engagement_time_msec?: number
  session_id?: string
  params?: { [k: string]: unknown }
}

/** Who a request is about: one device (web client or app instance), maybe a signed-in user. */
export interface Identity {
  client_id?: string
  app_instance_id?: string
  user_id?: string
  user_properties?: Record<string, UserProperty>
}

/** One event of a request body. */
export interface MpEvent {
  name: string
  params: Record<string, ParamValue>
  timestamp_micros?: number
}

/** One event ready to send, with the user it belongs to. */
export interface BuiltEvent {
  identity: Identity
  event: MpEvent
  timestampMicros?: number
}

/** The stream a destination sends to: a web stream (Measurement ID) or an app stream (Firebase App ID). */
export interface Stream {
  kind: 'web' | 'app'
  searchParams: Record<string, string>
}

/**
 * The stream of the settings and the query string that names it. The API
 * secret is a query parameter: the runtime masks it in every Outcome because
 * the setting is a password.
 *
 * @example
 * streamOf({ measurementId: 'G-1', apiSecret: 's' }).searchParams // { measurement_id: 'G-1', api_secret: 's' }
 */
export function streamOf(settings: Settings): Stream {
  const measurementId = settings.measurementId?.trim()
  const firebaseAppId = settings.firebaseAppId?.trim()
  if (measurementId && firebaseAppId) {
    throw new IntegrationError(
      'Set either a Measurement ID (web stream) or a Firebase App ID (app stream), not both.',
      'INVALID_SETTINGS',
      400
    )
  }
  if (measurementId) {
    return { kind: 'web', searchParams: { measurement_id: measurementId, api_secret: settings.apiSecret } }
  }
  if (firebaseAppId) {
    return { kind: 'app', searchParams: { firebase_app_id: firebaseAppId, api_secret: settings.apiSecret } }
  }
  throw new IntegrationError(
    'Set a Measurement ID (web stream) or a Firebase App ID (app stream) to send events to.',
    'INVALID_SETTINGS',
    400
  )
}

/**
 * The collection URL (or the validation server's, which checks events without recording them).
 *
 * @example
 * collectUrl({ region: 'eu' } as Settings) // 'https://region1.google-analytics.com/mp/collect'
 */
export function collectUrl(settings: Settings, validate = false): string {
  const host = settings.region === 'eu' ? hosts.eu : hosts.global
  return `${host}${validate ? '/debug' : ''}/mp/collect`
}

/**
 * Builds and checks one event: its name and parameters, the device and user it
 * belongs to, and its time.
 *
 * @example
 * buildEvent(settings, payload, 'purchase', { transaction_id: 'T1', value: 10, currency: 'EUR' })
 */
export function buildEvent(
  settings: Settings,
  payload: CommonPayload,
  name: string,
  ownParams: Record<string, unknown> = {}
): BuiltEvent {
  checkEventName(name)
  // The action's own fields win over same-named free parameters, but only when they are set.
  const params = checkParams({
    ...payload.params,
    ...defined({
      ...ownParams,
      engagement_time_msec: payload.engagement_time_msec,
      session_id: payload.session_id
    })
  })
  const built: BuiltEvent = { identity: identityOf(settings, payload), event: { name, params } }
  if (payload.timestamp_micros !== undefined)
    built.timestampMicros = timestampMicros(payload.timestamp_micros)
  return built
}

function defined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined))
}

function identityOf(settings: Settings, payload: CommonPayload): Identity {
  const identity: Identity = {}
  // Web streams identify a device by client_id, app streams by app_instance_id; the other is not sent.
  if (streamOf(settings).kind === 'web') {
    if (!payload.client_id) {
      throw new PayloadValidationError(
        "A Client ID is required for a web stream: map it to the Google Analytics client ID (by default the event's anonymousId)."
      )
    }
    identity.client_id = payload.client_id
  } else {
    if (!payload.app_instance_id) {
      throw new PayloadValidationError(
        'An App Instance ID is required for an app stream: map it to the Firebase app instance ID.'
      )
    }
    identity.app_instance_id = payload.app_instance_id
  }
  if (payload.user_id) identity.user_id = payload.user_id
  if (payload.user_properties) {
    const properties = userProperties(payload.user_properties)
    if (Object.keys(properties).length > 0) identity.user_properties = properties
  }
  return identity
}

/**
 * The JSON body of one request: one user and up to 25 events. A single event's
 * time is the request's `timestamp_micros`; in a request of several events each
 * event carries its own.
 *
 * @example
 * requestBody([built]) // { client_id, timestamp_micros, events: [{ name, params }] }
 */
export function requestBody(items: BuiltEvent[]): Record<string, unknown> {
  if (items.length === 0 || items.length > limits.eventsPerRequest) {
    throw new IntegrationError(
      `A Measurement Protocol request carries 1 to ${limits.eventsPerRequest} events, not ${items.length}.`,
      'INVALID_BATCH',
      400
    )
  }
  const [first] = items
  if (items.length === 1) {
    return {
      ...first.identity,
      ...(first.timestampMicros !== undefined && { timestamp_micros: first.timestampMicros }),
      events: [first.event]
    }
  }
  return {
    ...first.identity,
    events: items.map(({ event, timestampMicros }) =>
      timestampMicros === undefined ? event : { ...event, timestamp_micros: timestampMicros }
    )
  }
}

/**
 * Posts events of one user to the collection endpoint. Google answers 2xx even
 * when it drops an event; only transport failures (5xx, 429…) come back as errors.
 */
export function collect(request: RequestClient, settings: Settings, items: BuiltEvent[]) {
  return post(request, settings, requestBody(items))
}

function post(request: RequestClient, settings: Settings, body: Record<string, unknown>) {
  return request(collectUrl(settings), {
    method: 'post',
    searchParams: streamOf(settings).searchParams,
    json: body
  })
}

/**
 * Sends a batch: events are checked one by one (an invalid one fails alone),
 * grouped by user (a request carries one), and posted 25 at most per request.
 * Returns each event's result by index. When everything went in one request
 * that failed, its error is thrown as is, so that the runtime retries it and
 * keeps the `Retry-After` Google sent.
 */
export async function collectBatch<P extends CommonPayload>(
  request: RequestClient,
  settings: Settings,
  payloads: P[],
  build: (payload: P) => BuiltEvent
): Promise<MultiStatusResponse> {
  streamOf(settings) // settings problems fail the whole batch
  const results = new MultiStatusResponse()
  const groups = new Map<string, Array<{ index: number; built: BuiltEvent }>>()
  payloads.forEach((payload, index) => {
    let built: BuiltEvent
    try {
      built = build(payload)
    } catch (error) {
      if (!(error instanceof IntegrationError)) throw error
      results.setErrorResponseAtIndex(index, {
        status: error.status ?? 400,
        errortype: error.code ?? 'PAYLOAD_VALIDATION_FAILED',
        errormessage: error.message
      })
      return
    }
    const key = JSON.stringify(built.identity)
    const group = groups.get(key) ?? []
    group.push({ index, built })
    groups.set(key, group)
  })

  const chunks = [...groups.values()].flatMap((group) => chunked(group, limits.eventsPerRequest))
  const sendsEverything = chunks.length === 1 && chunks[0].length === payloads.length
  for (const chunk of chunks) {
    const body = requestBody(chunk.map(({ built }) => built))
    try {
      const response = await post(request, settings, body)
      for (const { index, built } of chunk) {
        results.setSuccessResponseAtIndex(index, {
          status: response.status,
          sent: { ...built.identity, events: [built.event] } as never,
          body: response.content
        })
      }
    } catch (error) {
      if (sendsEverything) throw error
      const status = (error as { status?: unknown }).status
      const code = (error as { code?: unknown }).code
      for (const { index } of chunk) {
        results.setErrorResponseAtIndex(index, {
          // A failure without a status (a network error) is worth retrying, as a 5xx is.
          status: typeof status === 'number' ? status : 500,
          errortype: typeof code === 'string' ? code : 'UNKNOWN_ERROR',
          errormessage: error instanceof Error ? error.message : String(error),
          sent: body as never
        })
      }
    }
  }
  return results
}

function chunked<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = []
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size))
  return chunks
}
