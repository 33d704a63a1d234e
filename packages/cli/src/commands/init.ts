import { Flags } from '@oclif/core'
import { BaseCommand } from '../base-command.js'
import { TEMPLATE_NAMES } from '../init/templates.js'

export default class Init extends BaseCommand {
  static override summary = 'Scaffold a new destination package from a template.'
  static override description = `Renders templates/destination/<template> into a new folder: package.json, src/index.ts, an example action, a passing nock test, then generates its types and README from the definition. In a terminal it asks for whatever --name, --slug and --template did not say; with --yes (or without a terminal) it asks nothing. Templates: ${TEMPLATE_NAMES.join(', ')}.`
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --yes --name "Acme CRM" --template custom-auth',
    '<%= config.bin %> <%= command.id %> --name "Acme CRM" --slug acme-crm --template oauth2 --directory packages/destinations/acme-crm',
    '<%= config.bin %> <%= command.id %> --yes --name Acme --directory . --force'
  ]
  static override flags = {
    name: Flags.string({ description: 'The display name, such as "Acme CRM".' }),
    slug: Flags.string({ description: 'The registry slug, such as "acme-crm" (default: from the name).' }),
    template: Flags.string({
      description: 'The template to start from (default: minimal).',
      options: TEMPLATE_NAMES
    }),
    directory: Flags.string({ description: 'Where to create the package (default: ./<slug>).' }),
    yes: Flags.boolean({
      char: 'y',
      description: 'Ask nothing: use the defaults for what the flags do not say.'
    }),
    force: Flags.boolean({
      description: 'Write into a folder that is not empty, replacing files of the same name.'
    }),
    json: Flags.boolean({ description: 'Print the result as JSON.' })
  }

  async run(): Promise<void> {
    const { flags } = await this.parse(Init)
    const { resolveInitAnswers } = await import('../init/init-answers.js')
    const { initDestination } = await import('../init/init-destination.js')
    const answers = await resolveInitAnswers(flags, {
      interactive: !flags.yes && !flags.json && process.stdin.isTTY === true
    })
    const result = await initDestination({
      ...answers,
      ...(flags.directory !== undefined && { directory: flags.directory }),
      force: flags.force
    })
    if (flags.json) {
      this.log(JSON.stringify(result, null, 2))
      return
    }
    const { relative } = await import('node:path')
    // A path that climbs out of the current folder reads better in full.
    const nearby = relative(process.cwd(), result.directory) || '.'
    const where = nearby.startsWith('..') ? result.directory : nearby
    this.log(
      `Created ${result.name} (${result.packageName}, slug ${result.slug}) from the ${result.template} template in ${where}:`
    )
    for (const file of result.files) this.log(`  ${file}`)
    this.log('')
    this.log('Next:')
    if (where !== '.') this.log(`  cd ${where}`)
    this.log('  npm install')
    this.log('  npm test')
    this.log(`  npx destkit generate:action "<action name>"`)
  }
}
