/**
 * What a new destination and a new action are called: the checks on names,
 * slugs and action IDs, and how one is derived from another.
 */
import { CliError } from '../util/cli-error.js'

/** Registry slugs: lower-case words of letters and digits joined by single dashes. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
const MAX_SLUG_LENGTH = 64
const MAX_NAME_LENGTH = 100

/**
 * Why `name` cannot be a destination's display name, or `undefined` when it can.
 *
 * @example
 * nameProblem('Acme CRM') // undefined
 * nameProblem('  ') // 'The name is empty.'
 */
export function nameProblem(name: string, what: 'name' | 'title' = 'name'): string | undefined {
  const trimmed = name.trim()
  if (trimmed === '') return `The ${what} is empty.`
  if (trimmed.length > MAX_NAME_LENGTH) return `The ${what} is longer than ${MAX_NAME_LENGTH} characters.`
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) return `The ${what} must be one line of text.`
  return undefined
}

/**
 * Why `slug` cannot be a registry slug, or `undefined` when it can.
 *
 * @example
 * slugProblem('acme-crm') // undefined
 * slugProblem('Acme_CRM') // 'Invalid slug "Acme_CRM": use lower-case letters, digits and single dashes, such as "acme-crm".'
 */
export function slugProblem(slug: string): string | undefined {
  if (slug.length > MAX_SLUG_LENGTH)
    return `Invalid slug "${slug}": it is longer than ${MAX_SLUG_LENGTH} characters.`
  if (!SLUG.test(slug)) {
    const suggestion = slugify(slug)
    return `Invalid slug "${slug}": use lower-case letters, digits and single dashes, such as "${suggestion || 'acme-crm'}".`
  }
  return undefined
}

/**
 * Checks a display name; returns it trimmed.
 *
 * @example
 * checkName(' Acme CRM ') // 'Acme CRM'
 */
export function checkName(name: string): string {
  const problem = nameProblem(name)
  if (problem) throw new CliError(`${problem.slice(0, -1)} (--name).`)
  return name.trim()
}

/**
 * Checks a slug.
 *
 * @example
 * checkSlug('acme-crm') // 'acme-crm'
 */
export function checkSlug(slug: string): string {
  const problem = slugProblem(slug)
  if (problem) throw new CliError(problem)
  return slug
}

/**
 * The slug a display name suggests ('' when it has no letters or digits).
 *
 * @example
 * slugify('Acmé CRM (EU)') // 'acme-crm-eu'
 */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/, '')
}

/**
 * The display name a slug suggests.
 *
 * @example
 * nameFromSlug('acme-crm') // 'Acme Crm'
 */
export function nameFromSlug(slug: string): string {
  return slug
    .split('-')
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join(' ')
}

/**
 * The npm package name of a new destination package.
 *
 * @example
 * packageNameFor('acme-crm') // 'destkit-destination-acme-crm'
 */
export function packageNameFor(slug: string): string {
  return `destkit-destination-${slug}`
}

// Words an action ID cannot be: it becomes an imported binding (`import sendEvent from …`).
const RESERVED = new Set(
  (
    'await break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if implements import in instanceof interface let new null package private protected public return static ' +
    'super switch this throw true try typeof var void while with yield arguments eval undefined'
  ).split(' ')
)

/** An action's ID (its folder and key in `actions`) and its title. */
export interface ActionIdentity {
  id: string
  title: string
}

/**
 * The action ID and title a name given on the command line means: a camelCase
 * ID is kept as it is, anything else ("track event", "track-event") becomes one.
 *
 * @example
 * actionIdentity('track event') // { id: 'trackEvent', title: 'Track Event' }
 * actionIdentity('upsertContact', 'Upsert a Contact') // { id: 'upsertContact', title: 'Upsert a Contact' }
 */
export function actionIdentity(name: string, title?: string): ActionIdentity {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
  const id = /^[a-z][A-Za-z0-9]*$/.test(name)
    ? name
    : words.map((word, i) => (i === 0 ? word.toLowerCase() : capitalize(word.toLowerCase()))).join('')
  if (!/^[a-z][A-Za-z0-9]*$/.test(id)) {
    throw new CliError(
      `Invalid action name "${name}": an action ID is letters and digits starting with a letter, such as "trackEvent".`
    )
  }
  if (RESERVED.has(id)) {
    throw new CliError(`Invalid action name "${name}": "${id}" is a reserved word in JavaScript.`)
  }
  const chosenTitle = title?.trim() || words.map(capitalize).join(' ')
  const problem = nameProblem(chosenTitle, 'title')
  if (problem) throw new CliError(`${problem.slice(0, -1)} (--title).`)
  return { id, title: chosenTitle }
}

function capitalize(word: string): string {
  return word[0].toUpperCase() + word.slice(1)
}
