/**
 * Input fields → JSON Schema. The schema is what ajv validates payloads and
 * settings against, and what type generation reads.
 */
import type { GlobalSetting, InputField, Optional } from '../definition/types.js'
import { IntegrationError } from '../errors/errors.js'
import { ErrorCodes } from '../errors/error-codes.js'
import { setOwnProperty } from '../util/set-own-property.js'
import { requirementToIfThen } from './required-conditions.js'
import { ITEM_ANNOTATION } from './type-words.js'
import type { JsonSchema, JsonSchemaTypeName } from './types.js'

/** A field as accepted here: an action field or a setting, `description` optional. */
export type MinimalInputField = Optional<InputField, 'description'> | Optional<GlobalSetting, 'description'>

/** Fields by key. */
export type MinimalFields = Record<string, MinimalInputField>

/** Options of `fieldsToJsonSchema`. */
export interface FieldsToJsonSchemaOptions {
  /**
   * Whether the root object accepts keys the fields do not declare. Settings keep
   * them (`true`); payloads drop them (`false`, the default).
   */
  additionalProperties?: boolean
}

/** The format every `datetime` field gets: an ISO date or date-time string, or an epoch number. */
export const DATE_LIKE_FORMAT = 'date-like'

const stringTypes = new Set(['string', 'text', 'password'])
const numberTypes = new Set(['number', 'integer'])

function jsonTypeOf(key: string, type: string): JsonSchemaTypeName | JsonSchemaTypeName[] {
  switch (type) {
    case 'string':
    case 'text':
    case 'password':
      return 'string'
    case 'datetime':
      return ['string', 'number']
    case 'number':
    case 'integer':
    case 'boolean':
    case 'object':
      return type
    default: {
      const error = new IntegrationError(
        `The field '${key}' has the type ${JSON.stringify(type)}, which is not one of: string, text, password, ` +
          'number, integer, datetime, boolean, object.',
        ErrorCodes.INVALID_DEFINITION,
        500
      )
      error.retry = false
      throw error
    }
  }
}

function formatOf(field: MinimalInputField): string | undefined {
  if (field.type === 'datetime') {
    // An explicit date or date-time format narrows the string form; numbers stay epoch timestamps.
    return field.format === 'date' || field.format === 'date-time' ? field.format : DATE_LIKE_FORMAT
  }
  // `text` and `password` are UI annotations; the ajv instance accepts any string for them.
  if (field.type === 'password') return 'password'
  if (field.type === 'text') return field.format ?? 'text'
  if (field.type === 'string') return field.format
  return undefined
}

/** The schema of one value of a field (an item, when the field is `multiple`); `scope` names that value. */
function valueSchemaOf(key: string, field: MinimalInputField, scope: JsonSchema): JsonSchema {
  const type = jsonTypeOf(key, field.type)
  const schema: JsonSchema = { type }

  const format = formatOf(field)
  if (format !== undefined) schema.format = format

  // Bounds apply also when they are 0, hence the typeof checks.
  if (numberTypes.has(field.type)) {
    if (typeof field.minimum === 'number') schema.minimum = field.minimum
    if (typeof field.maximum === 'number') schema.maximum = field.maximum
  } else if (stringTypes.has(field.type)) {
    if (typeof field.minimum === 'number') schema.minLength = field.minimum
    if (typeof field.maximum === 'number') schema.maxLength = field.maximum
  }

  if (field.choices) {
    schema.enum = field.choices.map((choice) => (typeof choice === 'object' ? choice.value : choice))
  }

  if (field.type === 'object' && field.properties) {
    Object.assign(schema, objectSchemaOf(field.properties, field.additionalProperties === true, scope))
  }
  return schema
}

function withNull(schema: JsonSchema): void {
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []
  if (!types.includes('null')) schema.type = [...types, 'null']
  if (schema.enum && !schema.enum.includes(null)) schema.enum = [...schema.enum, null]
}

/**
 * The object schema of a set of fields. One scope rule, as in Destination Actions: the
 * conditions of a field's conditional `required` name fields of the same set (its
 * siblings; at the root, the action's fields), whether the set is the root, the
 * properties of an object field, or the properties of each item of a `multiple` one.
 * `scope` (title and item annotation of the object) lets their sentences name the object.
 */
function objectSchemaOf(fields: MinimalFields, additionalProperties: boolean, scope: JsonSchema): JsonSchema {
  const properties: Record<string, JsonSchema> = {}
  const required: string[] = []
  const conditional: JsonSchema[] = []

  for (const [key, field] of Object.entries(fields)) {
    const annotations: JsonSchema = { title: field.label }
    if (field.description !== undefined) annotations.description = field.description

    let property: JsonSchema
    if (field.multiple) {
      // The item carries the label too, so sentences about an item name the field ("Emails item 2").
      const itemScope: JsonSchema = { title: field.label, [ITEM_ANNOTATION]: true }
      const items = { ...itemScope, ...valueSchemaOf(key, field, itemScope) }
      property = { ...annotations, type: field.allowNull ? ['array', 'null'] : 'array', items }
    } else {
      property = { ...annotations, ...valueSchemaOf(key, field, { title: field.label }) }
      if (field.allowNull) withNull(property)
    }
    // A field may be called `__proto__`: it must become a property, not the prototype.
    setOwnProperty(properties, key, property)

    if (field.required === true) required.push(key)
    else if (field.required && typeof field.required === 'object') {
      conditional.push(requirementToIfThen(key, field.required, scope))
    }
  }

  const schema: JsonSchema = { type: 'object', properties, additionalProperties }
  if (required.length > 0) schema.required = required
  if (conditional.length > 0) schema.allOf = conditional
  return schema
}

/**
 * Compiles input fields to a JSON Schema object. Each property carries the
 * field's label as `title` (error sentences use it) and its `description`;
 * UI-only keys are left out.
 *
 * @example
 * fieldsToJsonSchema({ email: { label: 'Email', type: 'string', format: 'email', required: true } })
 * // { type: 'object', additionalProperties: false, required: ['email'],
 * //   properties: { email: { title: 'Email', type: 'string', format: 'email' } } }
 */
export function fieldsToJsonSchema(
  fields: MinimalFields = {},
  options: FieldsToJsonSchemaOptions = {}
): JsonSchema {
  return objectSchemaOf(fields, options.additionalProperties ?? false, {})
}
