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

  it('gives the position where the value was written, not where its text first appears', () => {
    expect(findTriggerWarnings('type = "t"').map((w) => w.position)).toEqual([7])
    expect(findTriggerWarnings('event = "Track" and type = "Track"').map((w) => w.position)).toEqual([27])
    expect(
      findTriggerWarnings("type='track' or type = 'track ' or type='Page'").map((w) => w.position)
    ).toEqual([23, 40])
    const both = 'event = "*Order*" and match(event, "*Order*")'
    expect(findTriggerWarnings(both).map((w) => w.position)).toEqual([35])
    expect(findTriggerWarnings('type\n=\t"x"').map((w) => w.position)).toEqual([7])
  })

  describe('escapes that the peer runtime reads literally', () => {
    it('warns at the escape, saying what the peer reads', () => {
      expect(findTriggerWarnings('event = "C:\\temp\\new"')).toEqual([
        {
          message:
            "Escape '\\t' (a tab) at position 11: the peer runtime (@segment/destination-subscriptions) reads " +
            'backslashes in strings literally (there "C:\\temp\\new" is the text C:\\temp\\new), so the trigger ' +
            "means something different there; this string has 2 such escapes: '\\t' (a tab), '\\n' (a line feed)",
          position: 11
        }
      ])
      expect(findTriggerWarnings('event = "a\\\\b"')).toEqual([
        {
          message:
            "Escape '\\\\' (one backslash) at position 10: the peer runtime (@segment/destination-subscriptions) reads " +
            'backslashes in strings literally (there "a\\\\b" is the text a\\\\b), so the trigger means something different there',
          position: 10
        }
      ])
    })

    it('finds every kind of decoded escape, in every string', () => {
      const text =
        'contains(properties.p, "x\\u00e9") or event in ["\\r", \'it\\\'s\'] or match(name, "\\t*")'
      const warnings = findTriggerWarnings(text)
      expect(warnings.map((w) => w.position)).toEqual([25, 48, 56, 78])
      expect(warnings.map((w) => w.message.slice(0, w.message.indexOf(' at position')))).toEqual([
        "Escape '\\u00e9' (the character U+00E9)",
        "Escape '\\r' (a carriage return)",
        "Escape '\\'' (a single quote)",
        "Escape '\\t' (a tab)"
      ])
      for (const { position } of warnings) expect(text[position]).toBe('\\')
    })

    it('says nothing for \\" and for backslashes kept as written', () => {
      expect(findTriggerWarnings('event = "say \\"hi\\""')).toEqual([])
      expect(findTriggerWarnings('event = "C:\\data\\x"')).toEqual([])
      expect(findTriggerWarnings('properties.dots\\.in\\.key = "x"')).toEqual([])
    })
  })

  describe('a number, boolean or null compared with a field that holds text', () => {
    const peer = 'the peer runtime (@segment/destination-subscriptions)'

    it.each<[string, string]>([
      [
        'userId = 12345',
        `userId = 12345 is true only when userId is the number 12345, and userId is text in events, so it never matches "12345"; ${peer} compares the text "12345" instead. Write userId = "12345" to compare text.`
      ],
      [
        'userId != 5',
        `userId != 5 is true only when userId is a number other than 5, and userId is text in events, so it is never true; ${peer} compares the text "5" instead. Write userId != "5" to compare text.`
      ],
      [
        'event = 1e3',
        `event = 1000 is true only when event is the number 1000, and event is text in events, so it never matches "1000"; ${peer} compares the text "1000" instead. Write event = "1000" to compare text.`
      ],
      [
        'name = true',
        `name = true is true only when name is the boolean true, and name is text in events, so it never matches "true"; ${peer} compares the text "true" instead. Write name = "true" to compare text.`
      ],
      [
        'type != false',
        `type != false is true unless type is the boolean false, so also when type is the text "false"; ${peer} compares the text "false" instead. Write type != "false" to compare text.`
      ],
      [
        'userId = true',
        'userId = true is true only when userId is the boolean true, and userId is text in events, so it never matches "true". Write userId = "true" to compare text.'
      ],
      [
        'messageId = 42',
        'messageId = 42 is true only when messageId is the number 42, and messageId is text in events, so it never matches "42". Write messageId = "42" to compare text.'
      ],
      [
        'event != null',
        `event != null tests whether event exists, but ${peer} compares event with the text "null" (true unless it is "null"), so the trigger means something different there; event != "null" is what it means there`
      ],
      [
        'type = null',
        `type = null tests whether type is missing, but ${peer} compares type with the text "null" (true only when it is "null"), so the trigger means something different there; type = "null" is what it means there`
      ]
    ])('%s', (text, message) => {
      expect(findTriggerWarnings(text)).toEqual([{ message, position: text.search(/[0-9tfn]\w*$/) }])
    })

    it('warns for every field whose values are text', () => {
      for (const root of [
        'type',
        'event',
        'name',
        'userId',
        'anonymousId',
        'messageId',
        'channel',
        'receivedAt',
        'timestamp'
      ])
        expect(findTriggerWarnings(`${root} = 5`), root).toHaveLength(1)
    })

    it('says nothing where both runtimes agree or the literal suits the field', () => {
      for (const text of [
        'userId = "12345"',
        'userId != null',
        'name = null',
        'anonymousId != null',
        'timestamp = null',
        'properties.total = 5',
        'traits.vip = true',
        'context.x != null',
        'receivedAt > 5',
        'userId in [1, 2]'
      ])
        expect(findTriggerWarnings(text), text).toEqual([])
    })

    it('puts the warnings in the order of the text', () => {
      const text = 'userId = 5 or event = "\\n" and type = "x"'
      expect(findTriggerWarnings(text).map((w) => [w.position, w.message.slice(0, 12)])).toEqual([
        [9, 'userId = 5 i'],
        [23, "Escape '\\n' "],
        [27, "Mixes 'and' "],
        [38, '"x" is not a']
      ])
    })
  })

  it('returns nothing for text that does not parse (parseTrigger reports it)', () => {
    expect(findTriggerWarnings('type = ')).toEqual([])
  })
})
