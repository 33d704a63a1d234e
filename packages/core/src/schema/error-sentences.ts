/**
 * ajv errors → sentences a person understands: the field's label (or where the
 * value is), then the rule, e.g. `Revenue must be a number but it was a string.`
 */
import type { ErrorObject } from 'ajv'
import { DATE_LIKE_FORMAT } from './fields-to-json-schema.js'
import { describeTypes, describeValue, escapePointerKey, subjectOf } from './type-words.js'
import type { ValidationIssue } from './types.js'

const formatWords: Record<string, string> = {
  date: 'date',
  time: 'time',
  'date-time': 'date-time',
  'iso-time': 'ISO time',
  'iso-date-time': 'ISO date-time',
  duration: 'duration',
  uri: 'URI',
  'uri-reference': 'URI reference',
  'uri-template': 'URI template',
  url: 'URL',
  email: 'email address',
  hostname: 'hostname',
  ipv4: 'IPv4 address',
  ipv6: 'IPv6 address',
  regex: 'regular expression',
  uuid: 'UUID',
  'json-pointer': 'JSON pointer',
  'relative-json-pointer': 'relative JSON pointer',
  byte: 'base64',
  int32: '32-bit integer',
  int64: '64-bit integer',
  float: 'float',
  double: 'double'
}

const comparisonWords: Record<string, string> = {
  '>=': 'greater than or equal to',
  '>': 'greater than',
  '<=': 'less than or equal to',
  '<': 'less than'
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}

function listValues(values: unknown): string {
  return Array.isArray(values)
    ? values.map((value) => JSON.stringify(value)).join(', ')
    : JSON.stringify(values)
}

function unescapePointerKey(key: string): string {
  return key.replace(/~1/g, '/').replace(/~0/g, '~')
}

/** The field key of a path: its last segment that is not an array index. */
function fieldOf(path: string): string | undefined {
  const segments = path.split('/').slice(1)
  for (let index = segments.length - 1; index >= 0; index--) {
    if (!/^\d+$/.test(segments[index])) return unescapePointerKey(segments[index])
  }
  return undefined
}

/** The sentence of one error, and the path it is about when that is not the instance path. */
function sentenceOf(error: ErrorObject): { message: string; path?: string } {
  const { keyword, params, instancePath } = error
  const subject = subjectOf(error.parentSchema, instancePath)
  switch (keyword) {
    case 'required': {
      const missing = String(params.missingProperty)
      const comment = (error.parentSchema as { $comment?: unknown } | undefined)?.$comment
      const reason =
        typeof comment === 'string' && comment.startsWith('when ') ? ` (required ${comment})` : ''
      return {
        message: `${subject} is missing the required field '${missing}'${reason}.`,
        path: `${instancePath}/${escapePointerKey(missing)}`
      }
    }
    case 'dependencies':
    case 'dependentRequired': {
      const missing = String(params.missingProperty)
      return {
        message: `${subject} is missing the field '${missing}', which is required when '${params.property}' is present.`,
        path: `${instancePath}/${escapePointerKey(missing)}`
      }
    }
    case 'additionalProperties': {
      const extra = String(params.additionalProperty)
      return {
        message: `${subject} has the unexpected field '${extra}'.`,
        path: `${instancePath}/${escapePointerKey(extra)}`
      }
    }
    case 'type': {
      const types = Array.isArray(params.type) ? params.type : String(params.type).split(',')
      return {
        message: `${subject} must be ${describeTypes(types)} but it was ${describeValue(error.data)}.`
      }
    }
    case 'format': {
      const format = String(params.format)
      if (format === DATE_LIKE_FORMAT) {
        return {
          message: `${subject} must be an ISO 8601 date or date-time string or an epoch timestamp but it was not.`
        }
      }
      return { message: `${subject} must be a valid ${formatWords[format] ?? format} string but it was not.` }
    }
    case 'enum':
      return { message: `${subject} must be one of: ${listValues(params.allowedValues)}.` }
    case 'const':
      return { message: `${subject} must be ${JSON.stringify(params.allowedValue)}.` }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { message: `${subject} must be ${comparisonWords[String(params.comparison)]} ${params.limit}.` }
    case 'multipleOf':
      return { message: `${subject} must be a multiple of ${params.multipleOf}.` }
    case 'minLength':
      return { message: `${subject} must be at least ${plural(Number(params.limit), 'character')} long.` }
    case 'maxLength':
      return Number(params.limit) === 0
        ? { message: `${subject} must be empty.` }
        : { message: `${subject} must be at most ${plural(Number(params.limit), 'character')} long.` }
    case 'minItems':
      return { message: `${subject} must have at least ${plural(Number(params.limit), 'item')}.` }
    case 'maxItems':
      return { message: `${subject} must have at most ${plural(Number(params.limit), 'item')}.` }
    case 'uniqueItems':
      return {
        message: `${subject} must not contain duplicates but items ${params.j} and ${params.i} are the same.`
      }
    case 'minProperties':
      return { message: `${subject} must have at least ${plural(Number(params.limit), 'field')}.` }
    case 'maxProperties':
      return { message: `${subject} must have at most ${plural(Number(params.limit), 'field')}.` }
    case 'pattern':
      return { message: `${subject} must match the pattern /${params.pattern}/ but it did not.` }
    case 'anyOf':
      return { message: `${subject} does not match any of the allowed forms.` }
    case 'oneOf':
      return params.passingSchemas
        ? { message: `${subject} matches more than one of the allowed forms but must match exactly one.` }
        : { message: `${subject} does not match any of the allowed forms.` }
    case 'not':
      return { message: `${subject} has a form that is not allowed.` }
    case 'contains':
      return { message: `${subject} must contain at least one valid item.` }
    case 'propertyNames':
      return { message: `${subject} has the invalid field name '${params.propertyName}'.` }
    case 'false schema':
      return { message: `${subject} is not allowed.` }
    default:
      return { message: `${subject} ${error.message ?? 'is not valid'}.` }
  }
}

// Keywords whose sub-errors describe alternatives (or candidates), not faults: one sentence says it all.
const foldedKeywords = new Set(['anyOf', 'oneOf', 'contains', 'propertyNames'])

/**
 * Rewrites ajv's errors as issues with sentences. The errors of the branches of
 * an `anyOf`/`oneOf`/`contains`/`propertyNames` (and of an `if`) are folded into one sentence, since they
 * describe alternatives, not faults; duplicates are reported once.
 *
 * @example
 * errorsToIssues(validate.errors ?? [])
 * // [{ path: '/revenue', field: 'revenue', keyword: 'type',
 * //    message: 'Revenue must be a number but it was a string.' }]
 */
export function errorsToIssues(errors: readonly ErrorObject[]): ValidationIssue[] {
  const branchPrefixes = errors
    .filter((error) => foldedKeywords.has(error.keyword))
    .map((error) => `${error.schemaPath}/`)
  const issues: ValidationIssue[] = []
  const seen = new Set<string>()
  for (const error of errors) {
    // The `if` error only says "must match then": the `then` error itself explains.
    if (error.keyword === 'if') continue
    if (branchPrefixes.some((prefix) => error.schemaPath.startsWith(prefix))) continue
    const sentence = sentenceOf(error)
    const path = sentence.path ?? error.instancePath
    const key = `${path}\u0000${sentence.message}`
    if (seen.has(key)) continue
    seen.add(key)
    const issue: ValidationIssue = { path, message: sentence.message, keyword: error.keyword }
    const field = fieldOf(path)
    if (field !== undefined) issue.field = field
    issues.push(issue)
  }
  return issues
}
