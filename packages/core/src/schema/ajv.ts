/**
 * The one ajv instance of the runtime, with the formats fields can ask for.
 * It only validates: the clean-up (coercion, removals) is ours, because ajv's
 * own `coerceTypes`/`removeAdditional` change values without saying so.
 */
import { createRequire } from 'node:module'
import type { Ajv, ValidateFunction } from 'ajv'
import { DATE_LIKE_FORMAT } from './fields-to-json-schema.js'
import { isDateLike } from './date-like.js'
import type { JsonSchema } from './types.js'

// ajv and ajv-formats are CommonJS, required on first use: loading them is a large part of the
// runtime's start-up, and listing or loading a destination compiles no schema.
const require = createRequire(import.meta.url)

type AddFormats = (ajv: Ajv, options: { mode: 'full'; keywords: boolean }) => Ajv

/** The names of the formats ajv-formats adds (read without loading ajv). */
export const ajvFormatNames: readonly string[] = (
  require('ajv-formats/dist/formats') as { formatNames: string[] }
).formatNames

function createAjv(): Ajv {
  const { Ajv: AjvClass } = require('ajv') as typeof import('ajv')
  const addFormats = require('ajv-formats') as AddFormats & { default?: AddFormats }
  const ajv = new AjvClass({
    allErrors: true,
    // Errors keep the failing value and schema: sentences need the type found and the field's title.
    verbose: true,
    // Schemas carry annotations (title, $comment, tsType…) and union types; only real keywords matter.
    strict: false,
    allowUnionTypes: true,
    // Fields named like Object.prototype members (`constructor`, `toString`) are read from the value
    // itself: without this, `required` and `properties` see the inherited functions.
    ownProperties: true
  })
  ;(addFormats.default ?? addFormats)(ajv, { mode: 'full', keywords: false })
  // UI hints: any string is a valid `text` or `password`.
  ajv.addFormat('text', true)
  ajv.addFormat('password', true)
  ajv.addFormat(DATE_LIKE_FORMAT, { type: 'string', validate: isDateLike })
  return ajv
}

let shared: Ajv | undefined

/** The shared instance. Compile through `compileAjvSchema`, which keeps nothing in ajv's own cache. */
export function sharedAjv(): Ajv {
  return (shared ??= createAjv())
}

/**
 * Compiles a schema with the shared instance. The compiled function is returned
 * and ajv's cache entry dropped, so a host that compiles many configurations
 * keeps no schema alive after it lets go of its validator.
 *
 * @example
 * const validate = compileAjvSchema({ type: 'string' })
 * validate('a') // true
 */
export function compileAjvSchema(schema: JsonSchema): ValidateFunction {
  // One draft is supported; peer-generated schemas name a meta-schema ajv does not know.
  const { $schema: _metaSchema, ...withoutMetaSchema } = schema
  const ajv = sharedAjv()
  const validate = ajv.compile(withoutMetaSchema)
  ajv.removeSchema(withoutMetaSchema)
  return validate
}
