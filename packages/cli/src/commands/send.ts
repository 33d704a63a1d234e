import { Args, Flags } from '@oclif/core'
import { BaseCommand } from '../base-command.js'

export default class Send extends BaseCommand {
  static override summary =
    'Send one event through one action of a destination, or print the request (--dry-run).'
  static override description = [
    'The event tester: runs one event through one action against the real API, and prints each request (secrets redacted: password settings, tokens, credential headers) and its response — "200 OK" and the body, or the classified error with whether to retry. With --dry-run nothing leaves the process: it prints the exact requests (method, full URL, headers, body), each answered 200 OK with {} in process.',
    'Without --action the action is the one the destination routes the event to: its first preset whose subscription matches the event (with the preset\'s mapping), else its first action whose default subscription matches. --trigger and --mapping replace the chosen trigger and mapping (a mapping file replaces the whole mapping). An event nothing routes ends with "No mapping matches this event" and exit code 1; so does a delivery that fails.',
    'Without --event the event is a sample track event. OAuth destinations take their tokens from --auth, a JSON file like {"accessToken": "…"}.'
  ].join('\n\n')
  static override examples = [
    '<%= config.bin %> <%= command.id %> slack --settings settings.json --dry-run',
    '<%= config.bin %> <%= command.id %> amplitude --event order.json --settings amplitude.json',
    'cat identify.json | <%= config.bin %> <%= command.id %> mixpanel --event - --settings mixpanel.json --action identifyUser',
    '<%= config.bin %> <%= command.id %> webhook --mapping mapping.json --trigger \'type = "track" and event = "Order Completed"\' --json',
    '<%= config.bin %> <%= command.id %> --path ./my-destination --settings settings.json --dry-run'
  ]
  static override args = {
    slug: Args.string({ description: 'The destination (default: the package in the current folder).' })
  }
  static override flags = {
    path: Flags.string({ description: 'A destination package folder instead of a slug.' }),
    action: Flags.string({
      description:
        "The action to run (default: the one the destination's presets or subscriptions route the event to)."
    }),
    event: Flags.string({
      description: 'A JSON file with the event, or - for standard input (default: a sample track event).'
    }),
    settings: Flags.string({ description: 'A JSON file with the settings.' }),
    mapping: Flags.string({
      description: "A JSON file with the mapping (default: the preset's, or the action's default mapping)."
    }),
    trigger: Flags.string({
      description: "The trigger (default: the preset's subscription, or the action's default subscription)."
    }),
    auth: Flags.string({
      description: 'A JSON file with OAuth tokens: accessToken, refreshToken, clientId, clientSecret.'
    }),
    'dry-run': Flags.boolean({ description: 'Print the requests without sending them.' }),
    json: Flags.boolean({ description: 'Print the report as JSON.' })
  }

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Send)
    // Loaded here, not at the top: `destkit --help` must not pay for the runtime.
    const { runSend } = await import('../send/run-send.js')
    const report = await runSend({
      ...(args.slug !== undefined && { slug: args.slug }),
      ...(flags.path !== undefined && { path: flags.path }),
      ...(flags.action !== undefined && { actionId: flags.action }),
      ...(flags.event !== undefined && { eventPath: flags.event }),
      ...(flags.settings !== undefined && { settingsPath: flags.settings }),
      ...(flags.mapping !== undefined && { mappingPath: flags.mapping }),
      ...(flags.trigger !== undefined && { trigger: flags.trigger }),
      ...(flags.auth !== undefined && { authPath: flags.auth }),
      dryRun: flags['dry-run']
    })
    if (flags.json) {
      this.log(JSON.stringify(report, null, 2))
    } else {
      const { formatReport } = await import('../send/format-report.js')
      this.log(formatReport(report))
    }
    if (report.status !== 'delivered') process.exitCode = 1
  }
}
