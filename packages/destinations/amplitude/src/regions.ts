import type { Settings } from './generated-types.js'

/** The hosts of one Amplitude data region. */
interface RegionHosts {
  /** HTTP V2, Batch, Identify and Group Identify APIs. */
  ingestion: string
  /** Dashboard REST API (used to check credentials). */
  dashboard: string
}

const regions: Record<NonNullable<Settings['endpoint']>, RegionHosts> = {
  us: { ingestion: 'https://api2.amplitude.com', dashboard: 'https://amplitude.com' },
  eu: { ingestion: 'https://api.eu.amplitude.com', dashboard: 'https://analytics.eu.amplitude.com' }
}

/**
 * The hosts of the settings' data region (the standard US servers when unset).
 *
 * @example
 * hostsFor({ apiKey, secretKey, endpoint: 'eu' }).ingestion // 'https://api.eu.amplitude.com'
 */
export function hostsFor(settings: Settings): RegionHosts {
  return regions[settings.endpoint ?? 'us'] ?? regions.us
}
