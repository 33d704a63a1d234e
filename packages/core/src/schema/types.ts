/**
 * The shapes the schema module hands out: the JSON Schema it generates, and
 * what a validation answers (issues, warnings, the cleaned value).
 */

/** The JSON types a schema's `type` keyword can name. */
export type JsonSchemaTypeName = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null'

/**
 * A JSON Schema (draft-07 subset) as generated from fields. Other keywords are
 * allowed, so schemas written by hand (or by the peer runtime) fit too.
 */
export interface JsonSchema {
  $schema?: string
  $comment?: string
  title?: string
  description?: string
  type?: JsonSchemaTypeName | JsonSchemaTypeName[]
  format?: string
  enum?: unknown[]
  const?: unknown
  properties?: Record<string, JsonSchema>
  additionalProperties?: boolean | JsonSchema
  required?: string[]
  items?: JsonSchema
  minimum?: number
  maximum?: number
  minLength?: number
  maxLength?: number
  minItems?: number
  maxItems?: number
  pattern?: string
  allOf?: JsonSchema[]
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  not?: JsonSchema
  if?: JsonSchema | boolean
  then?: JsonSchema
  else?: JsonSchema
  [keyword: string]: unknown
}

/** One rule a value broke, as a sentence a person understands. */
export interface ValidationIssue {
  /** JSON pointer to the offending value ('' for the root, `/email` for a missing field). */
  path: string
  /** The key of the field concerned, when there is one. */
  field?: string
  /** A full sentence, e.g. `Revenue must be a number but it was a string.` */
  message: string
  /** The JSON Schema keyword that failed (`type`, `required`, `format`…). */
  keyword: string
}

/** The kinds of change the pre-validation clean-up makes. */
export type ValidationWarningCode =
  | 'REMOVED_UNDEFINED'
  | 'REMOVED_NULL'
  | 'REMOVED_EMPTY_STRING'
  | 'WRAPPED_IN_ARRAY'
  | 'COERCED'
  | 'DROPPED_UNKNOWN_KEY'

/** A change the clean-up made to the value before validating it (never silent). */
export interface ValidationWarning {
  code: ValidationWarningCode
  /** JSON pointer to the value that was changed or removed. */
  path: string
  /** A sentence naming the field and saying what happened. */
  message: string
}

/** A value that passed: `value` is the cleaned copy to use from now on. */
export interface ValidationSuccess<T = unknown> {
  valid: true
  value: T
  warnings: ValidationWarning[]
}

/** A value that failed: every issue, and their sentences joined in `message`. */
export interface ValidationFailure {
  valid: false
  errors: ValidationIssue[]
  message: string
  warnings: ValidationWarning[]
}

/** What a validator answers. */
export type ValidationResult<T = unknown> = ValidationSuccess<T> | ValidationFailure

/**
 * A compiled validator: cleans a copy of the input, then validates it. The schema
 * compiles on the first call, or on `prepare()` (which `configure` calls), so loading
 * a destination compiles nothing that is never used.
 */
export type Validator<T = unknown> = ((input: unknown) => ValidationResult<T>) & { prepare?: () => void }
