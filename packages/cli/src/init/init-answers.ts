/**
 * The name, slug and template of `destkit init`: from the flags, then from
 * prompts in a terminal, else from defaults.
 */
import { CliError } from '../util/cli-error.js'
import { nameFromSlug, slugify } from './names.js'
import { askForMissing, type InitAnswers } from './prompts.js'

/** The template used when none is chosen. */
export const DEFAULT_TEMPLATE = 'minimal'

/**
 * Completes what the flags say: by asking when `interactive`, otherwise the
 * slug from the name (or the name from the slug) and the default template.
 *
 * @example
 * await resolveInitAnswers({ name: 'Acme CRM' }, { interactive: false })
 * // { name: 'Acme CRM', slug: 'acme-crm', template: 'minimal' }
 */
export async function resolveInitAnswers(
  flags: Partial<InitAnswers>,
  options: { interactive: boolean }
): Promise<InitAnswers> {
  if (options.interactive) return askForMissing(flags)
  if (flags.name === undefined && flags.slug === undefined) {
    throw new CliError(
      'Missing --name: pass it (and --slug, --template as needed), or run init in a terminal to be asked.'
    )
  }
  const name = flags.name ?? nameFromSlug(flags.slug!)
  const slug = flags.slug ?? slugify(name)
  if (slug === '')
    throw new CliError(`The name "${name}" suggests no slug (it has no letters or digits): pass --slug.`)
  return { name, slug, template: flags.template ?? DEFAULT_TEMPLATE }
}
