/**
 * Structural checks of a destination definition, run once when a `Destination`
 * is constructed: a broken definition fails loudly at load time, naming the key,
 * instead of failing on the first event.
 */
import { IntegrationError } from '../errors/errors.js'
import { ErrorCodes } from '../errors/error-codes.js'

const fieldTypes = ['string', 'text', 'number', 'integer', 'datetime', 'boolean', 'password', 'object']
const settingTypes = ['string', 'password', 'number', 'boolean']
const authSchemes = ['basic', 'custom', 'oauth2', 'oauth-managed']

/** A definition that cannot run, with every problem found. */
export class DefinitionError extends IntegrationError {
  readonly problems: string[]

  constructor(problems: string[], name?: string) {
    const subject = name ? `The destination definition '${name}'` : 'The destination definition'
    super(`${subject} is invalid: ${problems.join(' ')}`, ErrorCodes.INVALID_DEFINITION, 500)
    this.problems = problems
    this.retry = false
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object'
    ? 'an object'
    : `${typeof value === 'string' ? 'the string' : 'a'} ${typeof value}`
}

function checkFields(
  fields: unknown,
  where: string,
  allowedTypes: string[],
  problems: string[],
  depth = 0
): void {
  if (!isPlainObject(fields)) {
    problems.push(`'${where}' must be an object of fields but it is ${describe(fields)}.`)
    return
  }
  for (const [key, field] of Object.entries(fields)) {
    const at = `${where}.${key}`
    if (!isPlainObject(field)) {
      problems.push(`'${at}' must be a field object but it is ${describe(field)}.`)
      continue
    }
    if (typeof field.label !== 'string' || field.label === '') {
      problems.push(`'${at}' is missing 'label' (a non-empty string).`)
    }
    if (typeof field.type !== 'string' || !allowedTypes.includes(field.type)) {
      problems.push(
        `'${at}.type' is ${JSON.stringify(field.type)}, which is not one of: ${allowedTypes.join(', ')}.`
      )
    }
    if (field.properties !== undefined && depth < 8) {
      checkFields(field.properties, `${at}.properties`, fieldTypes, problems, depth + 1)
    }
  }
}

/**
 * Checks a definition's shape and returns every problem as a sentence naming its key.
 *
 * @example
 * validateDefinition({ name: 'X', actions: { send: { title: 'Send', fields: {} } } })
 * // ["'actions.send' is missing 'perform' (a function)."]
 */
export function validateDefinition(definition: unknown): string[] {
  const problems: string[] = []
  if (!isPlainObject(definition)) {
    return [`A destination definition must be an object but it is ${describe(definition)}.`]
  }
  if (typeof definition.name !== 'string' || definition.name.trim() === '') {
    problems.push(`'name' is missing (a non-empty string such as 'Slack').`)
  }
  if (
    definition.slug !== undefined &&
    (typeof definition.slug !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(definition.slug))
  ) {
    problems.push(
      `'slug' must be kebab-case (like 'google-analytics-4') but it is ${JSON.stringify(definition.slug)}.`
    )
  }
  const auth = definition.authentication
  if (auth !== undefined) {
    if (!isPlainObject(auth)) {
      problems.push(`'authentication' must be an object but it is ${describe(auth)}.`)
    } else {
      if (!authSchemes.includes(auth.scheme as string)) {
        problems.push(
          `'authentication.scheme' is ${JSON.stringify(auth.scheme)}, which is not one of: ${authSchemes.join(', ')}.`
        )
      }
      if (auth.fields !== undefined) checkFields(auth.fields, 'authentication.fields', settingTypes, problems)
      for (const fn of ['testAuthentication', 'refreshAccessToken']) {
        if (auth[fn] !== undefined && typeof auth[fn] !== 'function') {
          problems.push(`'authentication.${fn}' must be a function but it is ${describe(auth[fn])}.`)
        }
      }
    }
  }
  for (const fn of ['extendRequest', 'onDelete']) {
    if (definition[fn] !== undefined && typeof definition[fn] !== 'function') {
      problems.push(`'${fn}' must be a function but it is ${describe(definition[fn])}.`)
    }
  }
  if (definition.audienceFields !== undefined)
    checkFields(definition.audienceFields, 'audienceFields', settingTypes, problems)

  const actions = definition.actions
  if (!isPlainObject(actions)) {
    problems.push(`'actions' must be an object of actions but it is ${describe(actions)}.`)
  } else {
    for (const [actionId, action] of Object.entries(actions)) {
      const at = `actions.${actionId}`
      if (!isPlainObject(action)) {
        problems.push(`'${at}' must be an action object but it is ${describe(action)}.`)
        continue
      }
      if (typeof action.title !== 'string' || action.title === '')
        problems.push(`'${at}' is missing 'title' (a string).`)
      if (typeof action.perform !== 'function') problems.push(`'${at}' is missing 'perform' (a function).`)
      if (action.performBatch !== undefined && typeof action.performBatch !== 'function') {
        problems.push(`'${at}.performBatch' must be a function but it is ${describe(action.performBatch)}.`)
      }
      if (action.defaultSubscription !== undefined && typeof action.defaultSubscription !== 'string') {
        problems.push(
          `'${at}.defaultSubscription' must be a trigger string but it is ${describe(action.defaultSubscription)}.`
        )
      }
      checkFields(action.fields ?? {}, `${at}.fields`, fieldTypes, problems)
    }
  }

  if (definition.presets !== undefined) {
    if (!Array.isArray(definition.presets)) {
      problems.push(`'presets' must be an array but it is ${describe(definition.presets)}.`)
    } else {
      definition.presets.forEach((preset: unknown, index) => {
        const at = `presets[${index}]`
        if (!isPlainObject(preset)) {
          problems.push(`'${at}' must be a preset object but it is ${describe(preset)}.`)
          return
        }
        if (
          isPlainObject(actions) &&
          !(typeof preset.partnerAction === 'string' && Object.hasOwn(actions, preset.partnerAction))
        ) {
          problems.push(
            `'${at}.partnerAction' names ${JSON.stringify(preset.partnerAction)}, which is not an action of this destination.`
          )
        }
      })
    }
  }
  return problems
}
