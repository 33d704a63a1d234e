/**
 * `GET /manifest`: what a destination offers, as plain JSON (no functions):
 * its settings fields, its actions with their fields, default mappings and
 * dynamic fields, its presets, where its routes are, and the state of its
 * hot reload.
 */
import type { DestinationDefinition, InputField, JSONObject } from '@destkit/core'
import type { LoadFailure, ServedDestination } from './served-destination.js'

/** One action in the manifest. */
export interface ActionDescription {
  id: string
  title: string
  description: string
  defaultSubscription?: string
  hidden?: boolean
  platform?: string
  fields: Record<string, InputField>
  /** The mapping made of the fields' defaults (used when a request gives none). */
  defaultMapping: JSONObject
  /** Fields whose choices `POST <prefix>/<actionId>/<field>` fetches. */
  dynamicFields: string[]
  /** Whether an array payload can run (the action has `performBatch`). */
  batch: boolean
}

/** One destination in the manifest. */
export interface DestinationDescription {
  slug: string
  packageName: string
  directory: string
  /** `''` when served alone, else `/<slug>`: every route of this destination starts with it. */
  routePrefix: string
  /** The definition's revision in use: 1, then one more per successful reload (0: never imported). */
  revision: number
  loadedAt?: string
  /** Why the last import failed; the last good definition (if any) is still served. */
  error?: LoadFailure
  name?: string
  description?: string
  mode?: string
  authentication?: { scheme: string; testAuthentication: boolean; refreshAccessToken: boolean }
  /** The settings fields. */
  settings: Record<string, unknown>
  actions: ActionDescription[]
  presets: unknown[]
}

/**
 * @example
 * describeDestination(served, '') // { slug: 'slack', routePrefix: '', revision: 1, actions: [...], ... }
 */
export function describeDestination(served: ServedDestination, routePrefix: string): DestinationDescription {
  const loaded = served.current()
  const failure = served.failure()
  const description: DestinationDescription = {
    slug: served.slug,
    packageName: served.target.manifest.packageName,
    directory: served.target.directory,
    routePrefix,
    revision: loaded?.revision ?? 0,
    ...(loaded && { loadedAt: loaded.loadedAt }),
    ...(failure && { error: failure }),
    settings: {},
    actions: [],
    presets: []
  }
  if (!loaded) return description
  const { definition, destination } = loaded
  return {
    ...description,
    name: definition.name,
    ...(definition.description !== undefined && { description: definition.description }),
    ...(definition.mode !== undefined && { mode: definition.mode }),
    ...(definition.authentication && { authentication: describeAuthentication(definition) }),
    settings: plain(definition.authentication?.fields ?? {}) as Record<string, unknown>,
    actions: Object.values(destination.actions).map((action) => ({
      id: action.id,
      title: action.definition.title,
      description: action.definition.description,
      ...(action.definition.defaultSubscription !== undefined && {
        defaultSubscription: action.definition.defaultSubscription
      }),
      ...(action.definition.hidden !== undefined && { hidden: action.definition.hidden }),
      ...(action.definition.platform !== undefined && { platform: action.definition.platform }),
      fields: plain(action.fields) as Record<string, InputField>,
      defaultMapping: plain(action.defaultMapping) as JSONObject,
      dynamicFields: Object.keys(action.definition.dynamicFields ?? {}),
      batch: typeof action.definition.performBatch === 'function'
    })),
    presets: plain(definition.presets ?? []) as unknown[]
  }
}

function describeAuthentication(definition: DestinationDefinition): DestinationDescription['authentication'] {
  const authentication = definition.authentication!
  return {
    scheme: authentication.scheme,
    testAuthentication: typeof authentication.testAuthentication === 'function',
    refreshAccessToken:
      'refreshAccessToken' in authentication && typeof authentication.refreshAccessToken === 'function'
  }
}

/** A JSON copy: functions (and anything else JSON cannot hold) left out. */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null)) as unknown
}
