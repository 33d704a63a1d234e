/**
 * The scaffolding templates: which ones exist, what each is for, and where
 * their files are (`templates/` at the repository root, beside the CLI).
 */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CliError } from '../util/cli-error.js'

/** An action that a destination template starts with, rendered from `templates/action/`. */
export interface ExampleAction {
  id: string
  title: string
}

export interface DestinationTemplate {
  name: string
  /** One line for `--help` and the prompt. */
  summary: string
  /** The example action rendered from `templates/action/`, or none when the template brings its own. */
  exampleAction?: ExampleAction
}

const sendEvent: ExampleAction = { id: 'sendEvent', title: 'Send Event' }

/** Every destination template, in the order the prompt offers them. */
export const DESTINATION_TEMPLATES: readonly DestinationTemplate[] = [
  { name: 'minimal', summary: 'No settings: one action posting events.', exampleAction: sendEvent },
  {
    name: 'basic-auth',
    summary: 'Username and password sent as HTTP Basic credentials.',
    exampleAction: sendEvent
  },
  {
    name: 'custom-auth',
    summary: 'An API key setting sent as a Bearer token, checked by testAuthentication.',
    exampleAction: sendEvent
  },
  {
    name: 'oauth2',
    summary: 'OAuth 2 access tokens, refreshed on 401 by refreshAccessToken.',
    exampleAction: sendEvent
  },
  {
    name: 'audience',
    summary: 'A list destination: audience settings, createAudience/getAudience, a sync action.'
  }
]

/** The names `--template` accepts. */
export const TEMPLATE_NAMES = DESTINATION_TEMPLATES.map((template) => template.name)

/** Files every destination template shares (package.json, tsconfig, vitest config). */
export const COMMON_LAYER = '_common'

/**
 * The template of this name, or a `CliError` naming the ones there are.
 *
 * @example
 * destinationTemplate('oauth2').exampleAction // { id: 'sendEvent', title: 'Send Event' }
 */
export function destinationTemplate(name: string): DestinationTemplate {
  const template = DESTINATION_TEMPLATES.find((candidate) => candidate.name === name)
  if (!template) {
    throw new CliError(`Unknown template "${name}": use one of ${TEMPLATE_NAMES.join(', ')}.`)
  }
  return template
}

/**
 * The `templates/` folder: the nearest one at or above the CLI's own files that
 * has `destination/` and `action/` in it (the CLI runs from `src/` in tests and
 * from `dist/` once built, so the depth differs).
 *
 * @example
 * findTemplatesDirectory() // '/repo/templates'
 */
export function findTemplatesDirectory(from: string = fileURLToPath(import.meta.url)): string {
  for (let current = dirname(from); ; current = dirname(current)) {
    const candidate = join(current, 'templates')
    if (existsSync(join(candidate, 'destination', COMMON_LAYER)) && existsSync(join(candidate, 'action'))) {
      return candidate
    }
    if (dirname(current) === current) {
      throw new CliError(
        `The destkit templates were not found in any templates/ folder above ${dirname(from)}; reinstall @destkit/cli.`
      )
    }
  }
}
