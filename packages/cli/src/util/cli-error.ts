/**
 * An error the CLI reports as one sentence and a non-zero exit, without a stack
 * trace (unless `--debug`).
 */
export class CliError extends Error {
  /** The process exit code. */
  readonly exitCode: number

  constructor(message: string, options?: { cause?: unknown; exitCode?: number }) {
    super(message, options)
    this.name = 'CliError'
    this.exitCode = options?.exitCode ?? 1
  }
}
