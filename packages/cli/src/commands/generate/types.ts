import { Args, Flags } from '@oclif/core'
import { BaseCommand } from '../../base-command.js'
import { runGenerator, staleFilesError } from '../../generate/run-generator.js'
import { renderTypes } from '../../generate/types.js'
import { watchSources } from '../../generate/watch.js'

export default class GenerateTypes extends BaseCommand {
  static override summary = "Generate the Settings and Payload types from a destination's fields."
  static override description =
    "Compiles each destination's fields to JSON Schema and then to TypeScript: src/generated-types.ts (Settings) and src/<action>/generated-types.ts (Payload). Without slugs or --path it works on the destination in the current folder, or on every destination of the workspace."
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> slack amplitude',
    '<%= config.bin %> <%= command.id %> --path ./my-destination --watch',
    '<%= config.bin %> <%= command.id %> --check'
  ]
  static override strict = false
  static override args = {
    slugs: Args.string({ description: 'Destination slugs (default: all in the workspace).' })
  }
  static override flags = {
    path: Flags.string({ description: 'A destination package folder (repeatable).', multiple: true }),
    check: Flags.boolean({
      description: 'Write nothing; exit 1 if any file is out of date.',
      exclusive: ['watch']
    }),
    watch: Flags.boolean({ description: 'Regenerate whenever a source file changes.' }),
    json: Flags.boolean({ description: 'Print the result as JSON.' })
  }

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(GenerateTypes)
    const options = {
      slugs: argv as string[],
      paths: flags.path ?? [],
      check: flags.check,
      what: 'generate:types'
    }
    const generate = async () => {
      const report = await runGenerator(
        (definition, target) => renderTypes(definition, target.directory),
        options
      )
      const stale = staleFilesError(report, options)
      if (flags.json) this.log(JSON.stringify(report, null, 2))
      if (stale) throw stale
      if (flags.json) return
      if (flags.check) this.log(`Types are up to date for ${report.destinations.join(', ')}.`)
      else
        this.log(
          `Generated types for ${report.destinations.join(', ')}: ${report.changed.length} file(s) changed.`
        )
    }
    await generate()
    if (flags.watch)
      await watchSources(options, generate, (error) => this.logToStderr(`Error: ${error.message}`))
  }
}
