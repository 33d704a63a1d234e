import { Args, Flags } from '@oclif/core'
import { BaseCommand } from '../base-command.js'

export default class Serve extends BaseCommand {
  static override summary = 'Serve destinations locally, with hot reload and a page to try their actions.'
  static override description = `Starts a development server for one or more destinations (slugs, --path folders, or by default the destination in the current folder or every destination of the workspace), bound to 127.0.0.1 unless --host says otherwise. Saving a file under a destination's src/ imports its definition again; a definition that fails to import is reported here and in /manifest while the last good one stays in use.

Routes (JSON in and out; errors are { "error": { "code", "message" } }):
  GET  /                    the page
  GET  /manifest            settings fields, actions, fields, presets
  POST /authenticate        { settings, auth? }: testAuthentication
  POST /refreshAccessToken  { settings, auth }: refreshAccessToken
  POST /<action>            { event | payload, mapping?, settings, auth? }
  POST /<action>/preview    { event | payload, mapping? }: payload, not sent
  POST /<action>/<field>    { settings, payload?, auth? }: its choices

An array of events or payloads runs the batch path. With several destinations every route but / and /manifest starts with the destination's slug (POST /slack/postMessage). Secrets posted (password settings, tokens) are masked in every answer.`
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> slack --port 4000',
    '<%= config.bin %> <%= command.id %> --path ./my-destination --port 0 --json',
    `curl -s -X POST http://127.0.0.1:3000/postMessage -H 'content-type: application/json' -d '{"event":{"type":"track","event":"Signed Up"},"settings":{"url":"https://hooks.slack.com/services/…"}}'`
  ]
  static override strict = false
  static override args = {
    slugs: Args.string({
      description: 'Destination slugs (default: the current package, or all in the workspace).'
    })
  }
  static override flags = {
    path: Flags.string({ description: 'A destination package folder (repeatable).', multiple: true }),
    host: Flags.string({ description: 'The address to listen on.', default: '127.0.0.1' }),
    port: Flags.integer({
      description: 'The port to listen on (0: any free port).',
      default: 3000,
      min: 0,
      max: 65535
    }),
    watch: Flags.boolean({
      description: 'Reload a definition when its sources change.',
      default: true,
      allowNo: true
    }),
    json: Flags.boolean({ description: 'Print { url, destinations } as one JSON line once listening.' })
  }

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(Serve)
    const { startServe } = await import('../serve/start-serve.js')
    const handle = await startServe({
      slugs: argv as string[],
      paths: flags.path ?? [],
      host: flags.host,
      port: flags.port,
      watch: flags.watch,
      log: (line) => this.logToStderr(line)
    })
    if (flags.json) {
      this.log(JSON.stringify({ url: handle.url, destinations: handle.destinations }))
    } else {
      const names = handle.destinations.map((one) => one.slug).join(', ')
      this.log(`Serving ${names} at ${handle.url}`)
      if (handle.destinations.length > 1) {
        this.log(`Routes of each destination start with its slug: ${handle.url}<slug>/manifest, …`)
      }
      this.log(flags.watch ? 'Watching src/ for changes. Press Ctrl+C to stop.' : 'Press Ctrl+C to stop.')
    }
    if (flags.host !== '127.0.0.1' && flags.host !== 'localhost' && flags.host !== '::1') {
      this.logToStderr(
        `Warning: listening on ${flags.host}: anyone who can reach it can send events with the settings they post.`
      )
    }
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve)
      process.once('SIGTERM', resolve)
    })
    await handle.close()
  }
}
