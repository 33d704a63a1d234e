// The schema module: fields → JSON Schema → validation with readable errors.
export * from './types.js'
export {
  fieldsToJsonSchema,
  type MinimalInputField,
  type MinimalFields,
  type FieldsToJsonSchemaOptions
} from './fields-to-json-schema.js'
export {
  compileSchemaValidator,
  createPayloadValidator,
  createSettingsValidator,
  settingsError,
  payloadError
} from './validate.js'
export { validateSchema, type ValidateSchemaOptions } from './validate-schema.js'
export { MAX_CLEAN_UP_DEPTH, ValueTooDeepError } from './clean-up.js'
