import { Args, Flags } from '@oclif/core'
import { BaseCommand } from '../../base-command.js'

export default class GenerateAction extends BaseCommand {
  static override summary = 'Add an action to a destination.'
  static override description =
    'Renders templates/action/ into src/<actionId>/ (with an example nock test in src/__tests__/), registers the action in the definition\'s actions in src/index.ts, and regenerates the types (and the README when it is a generated one). The name is an action ID (trackEvent) or words ("track event"). Without --destination it works on the destination package at or above the current folder. If anything fails, the package is left as it was.'
  static override examples = [
    '<%= config.bin %> <%= command.id %> trackEvent',
    '<%= config.bin %> <%= command.id %> "track event" --title "Track an Event"',
    '<%= config.bin %> <%= command.id %> upsertContact --destination ./acme-crm',
    '<%= config.bin %> <%= command.id %> identifyUser --destination amplitude --json'
  ]
  static override args = {
    name: Args.string({ description: 'The action ID or name.', required: true })
  }
  static override flags = {
    destination: Flags.string({
      char: 'd',
      description: 'The destination: a slug or a package folder (default: the package here).'
    }),
    title: Flags.string({ description: 'The action title (default: from the name).' }),
    json: Flags.boolean({ description: 'Print the result as JSON.' })
  }

  async run(): Promise<void> {
    const { args, flags } = await this.parse(GenerateAction)
    const { generateAction } = await import('../../generate/action.js')
    const result = await generateAction({
      name: args.name,
      ...(flags.title !== undefined && { title: flags.title }),
      ...(flags.destination !== undefined && { destination: flags.destination })
    })
    if (flags.json) {
      this.log(JSON.stringify(result, null, 2))
      return
    }
    this.log(`Added the action ${result.title} (${result.actionId}) to ${result.destination}:`)
    for (const file of result.files) this.log(`  ${file}`)
  }
}
