// The schema module: fields → JSON Schema → validation with readable errors.
export * from './types.js'
export {
  fieldsToJsonSchema,
  DATE_LIKE_FORMAT,
  type MinimalInputField,
  type MinimalFields,
  type FieldsToJsonSchemaOptions
} from './fields-to-json-schema.js'
export { isDateLike } from './date-like.js'
export {
  compileSchemaValidator,
  createPayloadValidator,
  createSettingsValidator,
  settingsError,
  payloadError
} from './validate.js'
export { validateSchema, type ValidateSchemaOptions } from './validate-schema.js'
