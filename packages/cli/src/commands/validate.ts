import { Args, Flags } from '@oclif/core'
import { BaseCommand } from '../base-command.js'
import { CliError } from '../util/cli-error.js'
import { FINDING_CODES } from '../validate/finding.js'

const codesBySeverity = (severity: 'error' | 'warning'): string =>
  Object.entries(FINDING_CODES)
    .filter(([, rule]) => rule.severity === severity)
    .map(([code, rule]) => `  ${code}: ${rule.summary}`)
    .join('\n')

export default class Validate extends BaseCommand {
  static override summary = 'Lint destination definitions and print every finding with its place.'
  static override description = `Checks each definition: at least one action; descriptions on the destination, its actions, their fields and the settings; triggers (defaultSubscription, preset subscribe) parse; presets name real actions, their mappings validate and set only real fields; literal defaults match their field's type and choices; batch_keys name real fields, at most 3; settings named like secrets (key, token, secret, password) are type 'password'; at most 50 presets; and core's own structural check. Definitions are imported from their TypeScript sources, so a fresh scaffold works before it is built. Without slugs or --path it works on the destination in the current folder, or on every destination of the workspace.

Every finding has a code, a place (such as actions.track.fields.revenue.default) and a sentence. Errors make the command exit 1; warnings are printed and do not.

Errors:
${codesBySeverity('error')}

Warnings:
${codesBySeverity('warning')}`
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> slack amplitude',
    '<%= config.bin %> <%= command.id %> --path ./my-destination',
    '<%= config.bin %> <%= command.id %> --json'
  ]
  static override strict = false
  static override args = {
    slugs: Args.string({ description: 'Destination slugs (default: all in the workspace).' })
  }
  static override flags = {
    path: Flags.string({ description: 'A destination package folder (repeatable).', multiple: true }),
    json: Flags.boolean({ description: 'Print the findings as JSON.' })
  }

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(Validate)
    const { validateDestinations } = await import('../validate/validate-destinations.js')
    // Progress goes to a person watching; a pipe or a CI log gets the report alone.
    const progress = process.stderr.isTTY
      ? (slug: string, index: number, total: number) =>
          this.logToStderr(`Validating ${slug} (${index + 1}/${total})…`)
      : undefined
    const report = await validateDestinations({ slugs: argv as string[], paths: flags.path ?? [] }, progress)
    if (flags.json) {
      this.log(JSON.stringify(report, null, 2))
    } else {
      const { formatReport } = await import('../validate/format-report.js')
      this.log(formatReport(report))
    }
    if (report.errors > 0) {
      const failing = report.destinations
        .filter((destination) => destination.findings.some((finding) => finding.severity === 'error'))
        .map((destination) => destination.slug)
      const count = report.errors === 1 ? 'One error was' : `${report.errors} errors were`
      throw new CliError(
        `${count} found in ${failing.join(', ')}: fix ${report.errors === 1 ? 'it' : 'them'} and run \`destkit validate\` again.`
      )
    }
  }
}
