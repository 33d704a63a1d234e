import { join } from 'node:path'
import { Args, Flags } from '@oclif/core'
import { BaseCommand } from '../../base-command.js'
import { renderReadme } from '../../generate/docs.js'
import { runGenerator, staleFilesError } from '../../generate/run-generator.js'

export default class GenerateDocs extends BaseCommand {
  static override summary = "Generate a destination's README from its definition."
  static override description =
    'Renders README.md from the definition: settings, actions with their fields (type, required, default mapping) and presets. Without slugs or --path it works on the destination in the current folder, or on every destination of the workspace.'
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> slack',
    '<%= config.bin %> <%= command.id %> --check'
  ]
  static override strict = false
  static override args = {
    slugs: Args.string({ description: 'Destination slugs (default: all in the workspace).' })
  }
  static override flags = {
    path: Flags.string({ description: 'A destination package folder (repeatable).', multiple: true }),
    check: Flags.boolean({ description: 'Write nothing; exit 1 if any README is out of date.' }),
    json: Flags.boolean({ description: 'Print the result as JSON.' })
  }

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(GenerateDocs)
    const report = await runGenerator(
      async (definition, target) => [
        {
          path: join(target.directory, 'README.md'),
          contents: renderReadme(definition, {
            packageName: target.manifest.packageName,
            slug: target.manifest.slug,
            description: target.manifest.description
          })
        }
      ],
      { slugs: argv as string[], paths: flags.path ?? [], check: flags.check, what: 'generate:docs' }
    )
    const stale = staleFilesError(report, { check: flags.check, what: 'generate:docs' })
    if (flags.json) this.log(JSON.stringify(report, null, 2))
    if (stale) throw stale
    if (flags.json) return
    if (flags.check) this.log(`Docs are up to date for ${report.destinations.join(', ')}.`)
    else
      this.log(
        `Generated docs for ${report.destinations.join(', ')}: ${report.changed.length} file(s) changed.`
      )
  }
}
