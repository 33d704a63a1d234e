/**
 * Structural checks of a destination definition, run once when a `Destination`
 * is constructed: a broken definition fails loudly at load time, naming the key,
 * instead of failing on the first event (or with a TypeError while its schemas
 * are built). Fields are checked at every depth of `properties`.
 */
import { IntegrationError } from '../errors/errors.js'
import { ErrorCodes } from '../errors/error-codes.js'
import { ajvFormatNames } from '../schema/ajv.js'
import { DATE_LIKE_FORMAT } from '../schema/fields-to-json-schema.js'
import { suggestionSuffix } from '../util/did-you-mean.js'
import { isObject } from '../util/real-type-of.js'
import { reservedBatchFields } from './batch-fields.js'

const fieldTypes = ['string', 'text', 'number', 'integer', 'datetime', 'boolean', 'password', 'object']
const settingTypes = ['string', 'password', 'number', 'boolean']
const authSchemes = ['basic', 'custom', 'oauth2', 'oauth-managed']
const operators = ['is', 'is_not']
const matchModes = ['any', 'all']

/** The formats of the spec, listed when a misspelt one has no close match. */
const documentedFormats = [
  'date',
  'time',
  'date-time',
  'uri',
  'uri-reference',
  'uri-template',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'uuid',
  'regex',
  'text',
  'password'
]

/** Every format the validator knows (ajv-formats and ours), except the internal one of datetime fields. */
const knownFormats = new Set(
  [...documentedFormats, ...ajvFormatNames].filter((format) => format !== DATE_LIKE_FORMAT)
)

/** How deep `properties` may nest fields (an object inside an object… 32 times). */
const MAX_FIELD_DEPTH = 32

/** How deep a field's `default` may nest objects and arrays. */
const MAX_DEFAULT_DEPTH = 64

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
  switch (typeof value) {
    case 'object':
      return 'an object'
    case 'string':
      return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`
    case 'number':
      return `the number ${value}`
    case 'undefined':
      return 'undefined'
    default:
      return `a ${typeof value}`
  }
}

/** A value as a problem quotes it: a string in double quotes, anything else described (never throws). */
function quote(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : describe(value)
}

/** `.key` for a path, or `["key"]` when the key would not read as one segment. */
function segment(key: string): string {
  return /^[A-Za-z_$][\w$-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`
}

/** Checks the entries of `choices`: strings or numbers, or `{ label, value }` objects. */
function checkChoices(choices: unknown, at: string, problems: string[]): void {
  const expected = 'an array of strings or { label, value } objects'
  if (!Array.isArray(choices)) {
    problems.push(`'${at}' must be ${expected} but it is ${describe(choices)}.`)
    return
  }
  choices.forEach((choice: unknown, index) => {
    if (typeof choice === 'string' || (typeof choice === 'number' && Number.isFinite(choice))) return
    if (isPlainObject(choice)) {
      const value = choice.value
      if (
        typeof value === 'string' ||
        typeof value === 'boolean' ||
        (typeof value === 'number' && Number.isFinite(value))
      )
        return
      problems.push(`'${at}[${index}].value' must be a string or a number but it is ${describe(value)}.`)
      return
    }
    problems.push(
      `'${at}[${index}]' must be a string or a { label, value } object but it is ${describe(choice)}.`
    )
  })
}

/**
 * Whether a condition's dotted `fieldKey` names a field of `scope` (the fields next to
 * the conditional one); answers why not, or undefined when it does.
 */
function missingField(fieldKey: string, scope: Record<string, unknown>, where: string): string | undefined {
  const keys = fieldKey.split('.')
  let fields: Record<string, unknown> = scope
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index]
    const field = Object.hasOwn(fields, key) ? fields[key] : undefined
    const name = keys.slice(0, index + 1).join('.')
    if (!isPlainObject(field)) {
      const suggestion = suggestionSuffix(key, Object.keys(fields))
      return index === 0
        ? `is not a field of '${where}' (a condition names a field of the same object)${suggestion}`
        : `has no sub-field '${key}' in '${keys.slice(0, index).join('.')}'${suggestion}`
    }
    if (index === keys.length - 1) return undefined
    if (field.type !== 'object') return `reads into '${name}', which is not an object field`
    if (field.multiple === true)
      return `reads into '${name}', a list of objects (multiple), which has no single value`
    // A free-form object: its keys are not declared, so any of them may be named.
    if (!isPlainObject(field.properties)) return undefined
    fields = field.properties
  }
  return undefined
}

/** Checks a conditional `required` (or its shape): conditions on fields of `scope`. */
function checkRequired(
  required: unknown,
  at: string,
  scope: Record<string, unknown>,
  scopePath: string,
  problems: string[]
): void {
  if (required === undefined || typeof required === 'boolean') return
  if (!isPlainObject(required)) {
    problems.push(`'${at}' must be true, false or { match, conditions } but it is ${describe(required)}.`)
    return
  }
  if (required.match !== undefined && !matchModes.includes(required.match as string)) {
    problems.push(`'${at}.match' is ${quote(required.match)}, which is not one of: any, all.`)
  }
  const conditions = required.conditions
  if (!Array.isArray(conditions)) {
    problems.push(`'${at}.conditions' must be an array of conditions but it is ${describe(conditions)}.`)
    return
  }
  conditions.forEach((condition: unknown, index) => {
    const where = `${at}.conditions[${index}]`
    if (!isPlainObject(condition)) {
      problems.push(`'${where}' must be a condition object but it is ${describe(condition)}.`)
      return
    }
    if (!operators.includes(condition.operator as string)) {
      problems.push(`'${where}.operator' is ${quote(condition.operator)}, which is not one of: is, is_not.`)
    }
    if (condition.type === 'syncMode') return
    if (condition.type !== undefined && condition.type !== 'field') {
      problems.push(`'${where}.type' is ${quote(condition.type)}, which is not one of: field, syncMode.`)
      return
    }
    const fieldKey = condition.fieldKey
    if (typeof fieldKey !== 'string' || fieldKey === '') {
      problems.push(`'${where}' is missing 'fieldKey' (the key of the field it reads).`)
      return
    }
    const why = missingField(fieldKey, scope, scopePath)
    if (why !== undefined) problems.push(`'${where}.fieldKey' names '${fieldKey}', which ${why}.`)
  })
}

/** Checks that a `default` is a JSON value (a mapping directive is one): no functions, BigInts, cycles. */
function checkDefault(value: unknown, at: string, problems: string[], ancestors: unknown[] = []): void {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return
    case 'number':
      if (!Number.isFinite(value)) problems.push(`'${at}' must be a JSON value but it is ${describe(value)}.`)
      return
    case 'object':
      break
    default:
      problems.push(`'${at}' must be a JSON value or a mapping directive but it is ${describe(value)}.`)
      return
  }
  if (value === null) return
  if (ancestors.includes(value)) {
    problems.push(`'${at}' contains itself, which JSON cannot hold.`)
    return
  }
  if (ancestors.length >= MAX_DEFAULT_DEPTH) {
    problems.push(`'${at}' is nested more than ${MAX_DEFAULT_DEPTH} levels deep.`)
    return
  }
  if (!Array.isArray(value) && !isObject(value)) {
    const kind = Object.prototype.toString.call(value).slice(8, -1)
    problems.push(`'${at}' must be a JSON value or a mapping directive but it is a ${kind} object.`)
    return
  }
  ancestors.push(value)
  if (Array.isArray(value)) {
    value.forEach((item: unknown, index) => checkDefault(item, `${at}[${index}]`, problems, ancestors))
  } else {
    for (const [key, member] of Object.entries(value))
      checkDefault(member, `${at}${segment(key)}`, problems, ancestors)
  }
  ancestors.pop()
}

/**
 * Checks a set of fields at any depth (the properties of object fields too), one
 * problem per sentence naming its path. `extraScope` are fields a condition may name
 * besides these (the reserved batch fields of an action with `performBatch`).
 */
function checkFields(
  fields: unknown,
  where: string,
  allowedTypes: string[],
  problems: string[],
  extraScope: Record<string, unknown> = {},
  depth = 0
): void {
  if (!isPlainObject(fields)) {
    problems.push(`'${where}' must be an object of fields but it is ${describe(fields)}.`)
    return
  }
  if (depth > MAX_FIELD_DEPTH) {
    problems.push(`'${where}' nests fields more than ${MAX_FIELD_DEPTH} levels deep (or contains itself).`)
    return
  }
  const scope = { ...extraScope, ...fields }
  for (const [key, field] of Object.entries(fields)) {
    const at = `${where}${segment(key)}`
    if (key === '__proto__') {
      // JSON Schema validators (ajv among them) ignore a property of that name: it could never be checked.
      problems.push(`'${at}' is a field key that cannot be validated; rename the field.`)
      continue
    }
    if (!isPlainObject(field)) {
      problems.push(`'${at}' must be a field object but it is ${describe(field)}.`)
      continue
    }
    if (typeof field.label !== 'string' || field.label === '') {
      problems.push(`'${at}' is missing 'label' (a non-empty string).`)
    }
    if (typeof field.type !== 'string' || !allowedTypes.includes(field.type)) {
      problems.push(`'${at}.type' is ${quote(field.type)}, which is not one of: ${allowedTypes.join(', ')}.`)
    }
    if (field.choices !== undefined) checkChoices(field.choices, `${at}.choices`, problems)
    checkRequired(field.required, `${at}.required`, scope, where, problems)
    if (field.format !== undefined) {
      if (typeof field.format !== 'string' || !knownFormats.has(field.format)) {
        const suggestion =
          typeof field.format === 'string' ? suggestionSuffix(field.format, knownFormats) : ''
        const known = suggestion === '' ? ` The formats are: ${documentedFormats.join(', ')}.` : ''
        problems.push(
          `'${at}.format' is ${quote(field.format)}, which is not a known format${suggestion}.${known}`
        )
      }
    }
    if (field.default !== undefined) checkDefault(field.default, `${at}.default`, problems)
    if (field.properties !== undefined) {
      checkFields(field.properties, `${at}.properties`, fieldTypes, problems, {}, depth + 1)
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
      `'slug' must be kebab-case (like 'google-analytics-4') but it is ${quote(definition.slug)}.`
    )
  }
  const auth = definition.authentication
  if (auth !== undefined) {
    if (!isPlainObject(auth)) {
      problems.push(`'authentication' must be an object but it is ${describe(auth)}.`)
    } else {
      if (!authSchemes.includes(auth.scheme as string)) {
        problems.push(
          `'authentication.scheme' is ${quote(auth.scheme)}, which is not one of: ${authSchemes.join(', ')}.`
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
      // The reserved batch fields are declared for an action with performBatch: conditions may name them.
      const batchScope = typeof action.performBatch === 'function' ? reservedBatchFields : {}
      checkFields(action.fields ?? {}, `${at}.fields`, fieldTypes, problems, batchScope)
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
            `'${at}.partnerAction' names ${quote(preset.partnerAction)}, which is not an action of this destination.`
          )
        }
      })
    }
  }
  return problems
}
