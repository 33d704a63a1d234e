import { validateDefinition } from '@destkit/core'
import { finding, type Finding } from '../finding.js'

/**
 * Core's own structural check (the one a `Destination` runs when it is built),
 * one finding per problem. Core writes each problem as a sentence that starts
 * with the quoted place (`'actions.send' is missing 'perform' (a function).`):
 * that place becomes the finding's.
 *
 * @example
 * checkStructure({ name: 'X', actions: { send: { title: 'Send', fields: {} } } })
 * // [{ code: 'invalid-definition', place: 'actions.send', message: "'actions.send' is missing 'perform' (a function).", … }]
 */
export function checkStructure(definition: unknown): Finding[] {
  return validateDefinition(definition).map((problem) => {
    const quoted = /^'([^']+)'/.exec(problem)
    return finding('invalid-definition', quoted ? quoted[1] : '(definition)', problem)
  })
}
