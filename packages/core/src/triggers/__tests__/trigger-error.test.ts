import { IntegrationError } from '../../errors/errors.js'
import { isTriggerRootField, suggestRootField, TRIGGER_ROOT_FIELDS } from '../fields.js'
import { TriggerError } from '../trigger-error.js'

describe('TriggerError', () => {
  it('is a non-retryable IntegrationError with a code, a status and a position', () => {
    const error = new TriggerError("Expected a value after '=' at position 17", 17)
    expect(error).toBeInstanceOf(IntegrationError)
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('TriggerError')
    expect(error.code).toBe('INVALID_TRIGGER')
    expect(error.status).toBe(400)
    expect(error.retryable).toBe(false)
    expect(error.position).toBe(17)
  })
})

describe('root fields', () => {
  it('knows the roots and nothing inherited', () => {
    for (const root of Object.keys(TRIGGER_ROOT_FIELDS)) expect(isTriggerRootField(root)).toBe(true)
    expect(Object.keys(TRIGGER_ROOT_FIELDS)).toHaveLength(13)
    expect(isTriggerRootField('integrations')).toBe(true)
    expect(isTriggerRootField('toString')).toBe(false)
    expect(isTriggerRootField('__proto__')).toBe(false)
  })

  it.each([
    ['anonymousid', 'anonymousId'],
    ['userid', 'userId'],
    ['propertes', 'properties'],
    ['trait', 'traits'],
    ['contxt', 'context'],
    ['evnt', 'event'],
    ['revenue', undefined],
    ['x', undefined]
  ])('suggests %s → %s', (name, suggestion) => {
    expect(suggestRootField(name)).toBe(suggestion)
  })
})
