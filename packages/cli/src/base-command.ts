/**
 * What every destkit command shares: `--debug`, and errors printed as one
 * sentence with a non-zero exit instead of a stack trace.
 */
import { Command, Flags } from '@oclif/core'
import { CliError } from './util/cli-error.js'

export abstract class BaseCommand extends Command {
  static override baseFlags = {
    debug: Flags.boolean({
      description: 'Print stack traces of errors.',
      default: false,
      helpGroup: 'GLOBAL'
    })
  }

  protected override async catch(
    error: Error & { exitCode?: number; oclif?: { exit?: number } }
  ): Promise<unknown> {
    // oclif's own exits (`this.exit`) and its flag parsing errors keep their behaviour.
    if (error.oclif?.exit !== undefined && !(error instanceof CliError)) return super.catch(error)
    if (this.argv.includes('--debug')) {
      // The stack of every cause too: a CliError often wraps the error that says where it began.
      const stacks: string[] = []
      for (let current: unknown = error; current && stacks.length < 5; current = (current as Error).cause) {
        stacks.push((current as Error).stack ?? String(current))
      }
      this.logToStderr(stacks.join('\nCaused by: '))
    } else {
      this.logToStderr(`Error: ${error.message}`)
    }
    process.exitCode = error instanceof CliError ? error.exitCode : 1
    return undefined
  }
}
