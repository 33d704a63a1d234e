import { findTriggerWarnings } from '../find-trigger-warnings.js'

describe('findTriggerWarnings', () => {
  it('warns when and/or are mixed without parentheses, naming the position and the meaning', () => {
    expect(findTriggerWarnings('type = "track" or type = "page" and event = "A"')).toEqual([
      {
        message:
          "Mixes 'and' and 'or' without parentheses at position 32: 'and' binds tighter, so this means " +
          'type = "track" or (type = "page" and event = "A"). Add parentheses to say so (other FQL implementations group it differently).',
        position: 32
      }
    ])
    expect(findTriggerWarnings('type = "track" and event = "b" or type = "page"')[0].position).toBe(15)
  })

  it('says nothing when parentheses make the grouping explicit', () => {
    expect(findTriggerWarnings('type = "track" or (type = "page" and event = "A")')).toEqual([])
    expect(findTriggerWarnings('(type = "track" or type = "page") and event = "A"')).toEqual([])
    expect(findTriggerWarnings('type = "track" and event = "A" and userId != null')).toEqual([])
  })

  it('finds a mix inside parentheses too', () => {
    const text = 'userId != null and (type = "track" or type = "page" and event = "c")'
    const warnings = findTriggerWarnings(text)
    expect(warnings).toHaveLength(1)
    expect(warnings[0].position).toBe(text.lastIndexOf('and'))
  })

  it('warns about an event type that does not exist', () => {
    expect(findTriggerWarnings('type = "Track"')).toEqual([
      {
        message: '"Track" is not an event type, so type = "Track" is never true (did you mean "track"?)',
        position: 7
      }
    ])
    expect(findTriggerWarnings('type != "purchase"')[0].message).toBe(
      '"purchase" is not an event type, so type != "purchase" is always true'
    )
    expect(findTriggerWarnings('type = "track" or type = "identify"')).toEqual([])
  })

  it('warns about match() with a star at both ends', () => {
    expect(findTriggerWarnings('match(event, "*Order*")')).toEqual([
      {
        message:
          'match() with \'*\' at both ends tests for text starting with "*Order"; use contains() to find text anywhere',
        position: 13
      }
    ])
  })

  it('returns nothing for text that does not parse (parseTrigger reports it)', () => {
    expect(findTriggerWarnings('type = ')).toEqual([])
  })
})
