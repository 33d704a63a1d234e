import { Flags } from '@oclif/core'
import { BaseCommand } from '../base-command.js'

export default class List extends BaseCommand {
  static override summary = 'List the installed destinations.'
  static override description =
    'Lists every destination package the registry finds from the current folder: the workspace\'s packages and node_modules, third-party packages included (a destination package has a "destkit" field in its package.json). Reads package.json files only; no destination code runs. Packages that cannot be listed (a bad "destkit" field, a slug claimed twice) are printed as warnings on stderr.'
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --json'
  ]
  static override flags = {
    json: Flags.boolean({
      description:
        'Print the destinations as JSON (slug, name, description, packageName, version, directory).'
    })
  }

  async run(): Promise<void> {
    const { flags } = await this.parse(List)
    const { listDestinations } = await import('../list/list-destinations.js')
    const { destinations, problems } = listDestinations()
    for (const problem of problems) this.logToStderr(`Warning: ${problem.message}`)
    if (flags.json) {
      this.log(JSON.stringify(destinations, null, 2))
    } else if (destinations.length === 0) {
      this.log(
        'No destinations are installed here: a destination package has a "destkit" field in its package.json.'
      )
    } else {
      const { formatDestinationTable } = await import('../list/destination-table.js')
      this.log(formatDestinationTable(destinations))
    }
  }
}
