import { ErrorCodes } from '../errors/error-codes.js'
import { IntegrationError } from '../errors/errors.js'
import type { MappingProblem } from './types.js'

/**
 * A mapping that cannot be used: it lists every problem, each with its JSON pointer. Also thrown when a
 * `@liquid` template fails on one event. Status 400, never retryable (the same input fails again).
 *
 * @example
 * try {
 *   compileMapping({ user: { '@path': true } })
 * } catch (error) {
 *   if (error instanceof MappingError) console.log(error.problems[0].pointer) // '/user/@path'
 * }
 */
export class MappingError extends IntegrationError {
  readonly problems: MappingProblem[]

  constructor(problems: MappingProblem[]) {
    super(problems.map((problem) => problem.message).join(' '), ErrorCodes.INVALID_MAPPING, 400)
    this.problems = problems
    this.retry = false
  }
}
