/**
 * Asking, in a terminal, for what `destkit init` was not told on the command line.
 */
import { CliError } from '../util/cli-error.js'
import { DESTINATION_TEMPLATES } from './templates.js'
import { nameProblem, slugify, slugProblem } from './names.js'

export interface InitAnswers {
  name: string
  slug: string
  template: string
}

/**
 * Prompts for each of name, slug and template that is missing, offering the
 * slug the name suggests.
 *
 * @example
 * const answers = await askForMissing({ template: 'oauth2' }) // asks for the name and the slug only
 */
export async function askForMissing(given: Partial<InitAnswers>): Promise<InitAnswers> {
  try {
    return await ask(given)
  } catch (error) {
    // Ctrl-C (or a closed terminal) during a prompt: nothing has been written yet.
    if ((error as Error).name === 'ExitPromptError') {
      throw new CliError('Cancelled: nothing was written.', { exitCode: 130 })
    }
    throw error
  }
}

async function ask(given: Partial<InitAnswers>): Promise<InitAnswers> {
  // Loaded here: the prompt library is only needed in a terminal.
  const { input, select } = await import('@inquirer/prompts')
  const name =
    given.name ??
    (await input({
      message: 'Destination name (as people will see it):',
      validate: (value) => nameProblem(value) ?? true
    }))
  const slug =
    given.slug ??
    (await input({
      message: 'Slug (the registry key):',
      default: slugify(name) || undefined,
      validate: (value) => slugProblem(value) ?? true
    }))
  const template =
    given.template ??
    (await select({
      message: 'Template:',
      choices: DESTINATION_TEMPLATES.map((candidate) => ({
        name: candidate.name,
        value: candidate.name,
        description: candidate.summary
      }))
    }))
  return { name: name.trim(), slug, template }
}
