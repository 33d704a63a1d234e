import type { DestinationDefinition } from '../definition/types.js'
import type { JSONObject } from '../util/json.js'
import type { MappingConfig } from './configure.js'

/**
 * The mappings a destination's automatic presets stand for, ready for
 * `configure` (a preset without a mapping uses the action's default mapping).
 * Presets tied to a specific event (`specificEvent`) have no trigger and are left out.
 *
 * @example
 * const instance = destination.configure({ settings, mappings: presetMappings(definition) })
 */
export function presetMappings(definition: DestinationDefinition): MappingConfig[] {
  const mappings: MappingConfig[] = []
  for (const preset of definition.presets ?? []) {
    if (preset.type === 'specificEvent') continue
    mappings.push({
      id: preset.name,
      name: preset.name,
      actionId: preset.partnerAction,
      trigger: preset.subscribe,
      ...(preset.mapping && { mapping: preset.mapping as JSONObject })
    })
  }
  return mappings
}
