import * as schema from '../index.js'

describe('schema barrel', () => {
  it('exports the public functions', () => {
    for (const name of [
      'fieldsToJsonSchema',
      'compileSchemaValidator',
      'createPayloadValidator',
      'createSettingsValidator',
      'settingsError',
      'payloadError',
      'validateSchema'
    ]) {
      expect(typeof (schema as Record<string, unknown>)[name], name).toBe('function')
    }
  })
})
