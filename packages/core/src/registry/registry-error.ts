/**
 * The registry's errors: a code, a sentence naming the package or slug, and
 * never retryable — each one needs a change to what is installed.
 */

/** Why the registry could not list or load a destination. */
export type RegistryErrorCode =
  | 'UNKNOWN_DESTINATION'
  | 'DUPLICATE_DESTINATION_SLUG'
  | 'INVALID_DESTINATION_MANIFEST'
  | 'DESTINATION_IMPORT_FAILED'
  | 'NOT_A_DEFINITION'

/**
 * A destination that cannot be found, told apart or loaded.
 *
 * @example
 * try { await registry.load('slak') } catch (error) {
 *   if (error instanceof RegistryError) console.error(error.message) // Unknown destination "slak" (did you mean "slack"?) …
 * }
 */
export class RegistryError extends Error {
  readonly code: RegistryErrorCode
  /** Retrying cannot help: the installed packages must change first. */
  readonly retryable = false

  constructor(code: RegistryErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'RegistryError'
    this.code = code
  }
}
