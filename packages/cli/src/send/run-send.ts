/**
 * `destkit send`: one event through one action of one destination, for real
 * or as a dry run, with the runtime's host API (`configure` → `deliver`), and
 * its outcome as a report of plain, redacted data.
 */
import type {
  AuthTokens,
  JSONObject,
  JSONValue,
  OutcomeError,
  OutcomeStatus,
  OutcomeWarning,
  RequestSummary,
  ResponseSummary,
  SegmentEvent
} from '@destkit/core'
import { resolveDestinations } from '../load/resolve-destinations.js'
import { CliError } from '../util/cli-error.js'
import { chooseMapping, type ChosenMapping } from './choose-mapping.js'
import { assertDryRunSupport, dryRunTransport } from './dry-run-transport.js'
import { inputSecrets } from './input-secrets.js'
import { loadWithCore, type CoreModule } from '../load/load-with-core.js'
import { readJsonObject } from './read-json-input.js'

/** What `destkit send` was asked to do. */
export interface SendOptions {
  /** A destination slug, resolved through the registry. */
  slug?: string
  /** A destination package folder instead of a slug. */
  path?: string
  /** Where the command runs (default `process.cwd()`). */
  cwd?: string
  actionId?: string
  /** A JSON file with the event, or `-` for standard input (default: a sample track event). */
  eventPath?: string
  /** A JSON file with the settings (default: none). */
  settingsPath?: string
  /** A JSON file with the mapping (default: the chosen preset's, or the action's default mapping). */
  mappingPath?: string
  /** A JSON file with OAuth tokens (`accessToken`, `refreshToken`, `clientId`, `clientSecret`). */
  authPath?: string
  trigger?: string
  /** Print the requests without sending them. */
  dryRun?: boolean
  /** Reads standard input (default: `process.stdin`). */
  readStdin?: () => Promise<string>
}

/** One request of the delivery, and its response (absent in a dry run, or when none came). */
export interface SendExchange {
  request: RequestSummary
  response?: ResponseSummary
}

/** What happened, as plain data with every secret redacted (what `--json` prints). */
export interface SendReport {
  destination: { slug: string; name: string }
  actionId: string
  trigger: string
  /** How the action was chosen: by `--action`, a preset, or the action's default subscription. */
  chosenBy: ChosenMapping['chosenBy']
  preset?: string
  dryRun: boolean
  /** The runtime's outcome status (in a dry run, for the simulated `200 OK` answers). */
  status: OutcomeStatus
  /** Every request made, in order. */
  exchanges: SendExchange[]
  error?: OutcomeError
  /** The payload the action received (password fields masked). */
  payload?: JSONValue
  /** What the clean-up of the payload changed (a value dropped or coerced). */
  warnings: OutcomeWarning[]
  /** What the clean-up of the settings changed. */
  settingsWarnings: OutcomeWarning[]
}

/**
 * Runs one event through one action and reports the outcome. Problems with the
 * inputs (files, settings, mapping, trigger, event, a payload that does not
 * validate) and an event nothing routes ("No mapping matches this event") are
 * thrown as `CliError`s with one sentence; a delivery that fails is a report
 * whose `status` is not `delivered`.
 *
 * @example
 * const report = await runSend({ slug: 'slack', eventPath: 'event.json', settingsPath: 'settings.json', dryRun: true })
 * report.exchanges[0].request // { method: 'POST', url: '[REDACTED]', headers: {…}, body: '{"text":"…"}' }
 */
export async function runSend(options: SendOptions): Promise<SendReport> {
  const fromStdin = (
    [
      ['--event', options.eventPath],
      ['--settings', options.settingsPath],
      ['--mapping', options.mappingPath],
      ['--auth', options.authPath]
    ] as const
  ).filter(([, path]) => path === '-')
  if (fromStdin.length > 1) {
    throw new CliError(
      `Only one input can come from standard input, but ${fromStdin.map(([flag]) => flag).join(' and ')} both ask for it: give the others as files.`
    )
  }
  const target = resolveTarget(options)
  const read = (what: string, path: string) =>
    readJsonObject({
      what,
      path,
      ...(options.cwd && { cwd: options.cwd }),
      ...(options.readStdin && { readStdin: options.readStdin })
    })
  const givenEvent = options.eventPath !== undefined ? await read('event', options.eventPath) : undefined
  const settings = options.settingsPath !== undefined ? await read('settings', options.settingsPath) : {}
  const mapping =
    options.mappingPath !== undefined
      ? ((await read('mapping', options.mappingPath)) as JSONObject)
      : undefined
  const auth =
    options.authPath !== undefined
      ? ((await read('auth', options.authPath)) as unknown as AuthTokens)
      : undefined

  const loaded = await loadWithCore(target)
  const redact = loaded.core.createRedactor(inputSecrets(loaded.definition, settings, auth))
  try {
    return await deliverOnce(loaded.core, loaded.definition, {
      event: givenEvent ?? loaded.core.createTestEvent(),
      settings,
      mapping,
      auth,
      slug: target.manifest.slug,
      options
    })
  } catch (error) {
    // What the CLI says itself may quote an input; the runtime has already masked what it reports.
    if (error instanceof CliError) throw new CliError(redact(error.message), { exitCode: error.exitCode })
    if (error instanceof Error) {
      error.message = redact(error.message)
      if (error.stack) error.stack = redact(error.stack)
    }
    throw error
  } finally {
    await loaded.release()
  }
}

interface Inputs {
  event: unknown
  settings: Record<string, unknown>
  mapping: JSONObject | undefined
  auth: AuthTokens | undefined
  slug: string
  options: SendOptions
}

async function deliverOnce(
  core: CoreModule,
  definition: import('@destkit/core').DestinationDefinition,
  inputs: Inputs
): Promise<SendReport> {
  const { options } = inputs
  let destination: InstanceType<CoreModule['Destination']>
  try {
    destination = new core.Destination(definition)
  } catch (error) {
    throw new CliError((error as Error).message, { cause: error })
  }
  const eventSource =
    options.eventPath === undefined ? 'the sample event' : `the event from ${describePath(options.eventPath)}`
  const checked = core.validateEvent(inputs.event)
  if (!checked.ok) throw new CliError(`${capitalize(eventSource)} is invalid: ${checked.error.message}`)
  const event = inputs.event as SegmentEvent

  const chosen = chooseMapping(core, destination, event, {
    ...(options.actionId !== undefined && { actionId: options.actionId }),
    ...(options.trigger !== undefined && { trigger: options.trigger }),
    ...(inputs.mapping !== undefined && { mapping: inputs.mapping })
  })

  if (options.dryRun) await assertDryRunSupport(core)
  let instance: ReturnType<typeof destination.configure>
  try {
    instance = destination.configure({
      settings: inputs.settings,
      ...(inputs.auth && { auth: inputs.auth }),
      mappings: [{ id: 'send', actionId: chosen.actionId, trigger: chosen.trigger, mapping: chosen.mapping }],
      retry: false,
      ...(options.dryRun && { requestDefaults: { transport: dryRunTransport } })
    })
  } catch (error) {
    if (error instanceof core.ConfigurationError)
      throw new CliError(describeConfigurationError(error, options, chosen))
    throw error
  }

  const [outcome] = await instance.deliver(event)
  if (outcome.status === 'not-subscribed') {
    throw new CliError(
      `No mapping matches this event: the trigger '${chosen.trigger}' of the action '${chosen.actionId}' does not match ${eventSource}.`
    )
  }
  if (outcome.status === 'invalid') {
    throw new CliError(describeInvalid(outcome.error, eventSource, options, chosen.preset))
  }

  const exchanges: SendExchange[] = (
    outcome.exchanges ??
    (outcome.request && outcome.response ? [{ request: outcome.request, response: outcome.response }] : [])
  ).map((exchange) => (options.dryRun ? { request: exchange.request } : exchange))
  return {
    destination: { slug: inputs.slug, name: definition.name },
    actionId: chosen.actionId,
    trigger: chosen.trigger,
    chosenBy: chosen.chosenBy,
    ...(chosen.preset !== undefined && { preset: chosen.preset }),
    dryRun: options.dryRun === true,
    status: outcome.status,
    exchanges,
    ...(outcome.error && { error: outcome.error }),
    ...(outcome.payload !== undefined && { payload: outcome.payload }),
    warnings: outcome.warnings,
    settingsWarnings: instance.settingsWarnings.map(({ code, path, message }) => ({ code, path, message }))
  }
}

function resolveTarget(options: SendOptions) {
  if (options.slug !== undefined && options.path !== undefined) {
    throw new CliError('Name the destination once: a slug or --path, not both.')
  }
  const targets = resolveDestinations({
    slugs: options.slug !== undefined ? [options.slug] : [],
    paths: options.path !== undefined ? [options.path] : [],
    ...(options.cwd && { cwd: options.cwd })
  })
  if (targets.length !== 1) {
    throw new CliError(
      `Which destination? This workspace has ${targets.length}: name one by its slug (${targets.map((t) => t.manifest.slug).join(', ')}) or pass --path.`
    )
  }
  return targets[0]
}

/** A configuration error as one sentence per source: the settings file, the mapping, the trigger. */
function describeConfigurationError(
  error: InstanceType<CoreModule['ConfigurationError']>,
  options: SendOptions,
  chosen: ChosenMapping
): string {
  const bySource = new Map<string, string[]>()
  for (const problem of error.problems) {
    const source = problem.where.startsWith('settings')
      ? options.settingsPath === undefined
        ? 'Invalid settings (none were given: pass --settings)'
        : `Invalid settings in ${options.settingsPath}`
      : problem.where.startsWith('mapping')
        ? options.mappingPath !== undefined
          ? `Invalid mapping in ${options.mappingPath}`
          : `Invalid ${chosen.chosenBy === 'preset' ? `mapping of the preset '${chosen.preset}'` : `default mapping of '${chosen.actionId}'`}`
        : problem.where.startsWith('trigger')
          ? `Invalid trigger '${chosen.trigger}'`
          : `Invalid configuration`
    const list = bySource.get(source) ?? []
    // "Invalid trigger '…': The trigger is invalid: …" says it twice.
    list.push(sentence(problem.message.replace(/^The (trigger|mapping) is invalid: /, '')))
    bySource.set(source, list)
  }
  return [...bySource].map(([source, messages]) => `${source}: ${messages.join(' ')}`).join(' ')
}

/** An `invalid` outcome: the event, the mapping or the payload it produced. */
function describeInvalid(
  error: OutcomeError | undefined,
  eventSource: string,
  options: SendOptions,
  preset: string | undefined
): string {
  const message = error?.message ?? 'The event could not be mapped.'
  const mappingSource =
    options.mappingPath !== undefined
      ? `the mapping in ${options.mappingPath}`
      : preset !== undefined
        ? `the mapping of the preset '${preset}'`
        : 'the default mapping'
  switch (error?.code) {
    case 'INVALID_EVENT':
      return `${capitalize(eventSource)} is invalid: ${message}`
    case 'PAYLOAD_VALIDATION_FAILED':
      return `The payload ${mappingSource} makes of ${eventSource} is invalid: ${message}`
    default:
      return `${capitalize(mappingSource)} cannot be applied to ${eventSource}: ${message}`
  }
}

function describePath(path: string): string {
  return path === '-' ? 'standard input' : path
}

/** Ends a message with a full stop (some of core's parser messages have none). */
function sentence(text: string): string {
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
