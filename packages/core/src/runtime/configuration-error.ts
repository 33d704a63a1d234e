import { IntegrationError } from '../errors/errors.js'
import { ErrorCodes } from '../errors/error-codes.js'

/** One problem of a configuration: in the settings, or in one mapping. */
export interface ConfigurationProblem {
  /** The mapping concerned (absent for settings problems). */
  mappingId?: string
  /** Where: `settings`, `trigger`, `mapping`, `actionId`, plus a JSON pointer when known. */
  where: string
  message: string
}

/**
 * A configuration that cannot run. Lists every problem at once, so a person
 * fixes them in one pass.
 *
 * @example
 * try { destination.configure(config) } catch (error) {
 *   if (error instanceof ConfigurationError) for (const p of error.problems) console.log(p.mappingId, p.message)
 * }
 */
export class ConfigurationError extends IntegrationError {
  readonly problems: ConfigurationProblem[]

  constructor(destinationName: string, problems: ConfigurationProblem[]) {
    const lines = problems.map((p) =>
      p.mappingId === undefined ? p.message : `Mapping '${p.mappingId}': ${p.message}`
    )
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`
    super(
      `The configuration of ${destinationName} has ${count}: ${lines.join(' ')}`,
      ErrorCodes.INVALID_CONFIGURATION,
      400
    )
    this.problems = problems
    this.retry = false
  }
}
