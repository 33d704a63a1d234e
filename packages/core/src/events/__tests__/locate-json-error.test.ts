import fc from 'fast-check'
import { locateJsonError } from '../locate-json-error.js'

const parses = (text: string): boolean => {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

describe('locateJsonError', () => {
  it.each([
    ['{"type":"track","event":', 'unexpected end of input', 24],
    ['', 'unexpected end of input', 0],
    ['   ', 'unexpected end of input', 3],
    ['{"a":1,}', 'expected a double-quoted property name', 7],
    ["{'a':1}", 'expected a double-quoted property name', 1],
    ['{"a" 1}', "expected ':' after a property name", 5],
    ['{"a":1 "b":2}', "expected ',' or '}' after a property value", 7],
    ['[1,2', 'unexpected end of input', 4],
    ['[1 2]', "expected ',' or ']' after an array item", 3],
    ['[1,]', "unexpected character ']'", 3],
    ['nope', "unexpected character 'o'", 1],
    ['tru', 'unexpected end of input', 3],
    ['{"a":1} x', 'unexpected text after the JSON value', 8],
    ['"a\u0001"', 'control character in a string', 2],
    ['"\\x"', 'invalid escape sequence in a string', 2],
    ['"\\u12g4"', 'invalid \\u escape in a string', 5],
    ['01', 'unexpected text after the JSON value', 1],
    ['-', 'unexpected end of input', 1],
    ['-a', 'invalid number', 1],
    ['1.', 'unexpected end of input', 2],
    ['1.e5', 'invalid number', 2],
    ['1e+', 'unexpected end of input', 3],
    ['\u0007', 'unexpected character U+0007', 0]
  ])('finds the problem in %j', (text, reason, position) => {
    expect(parses(text)).toBe(false)
    expect(locateJsonError(text)).toEqual({ reason, position })
  })

  it('finds nothing wrong with valid JSON', () => {
    for (const text of [
      '{}',
      '[]',
      ' {"a" : [1, -2.5e-3, true, false, null, "\\u00e9\\n"]} ',
      '"\ud800"',
      '0'
    ]) {
      expect(locateJsonError(text)).toBeUndefined()
    }
  })

  it('handles very deep nesting without overflowing the stack', () => {
    expect(locateJsonError('['.repeat(200_000))).toEqual({
      reason: 'unexpected end of input',
      position: 200_000
    })
    expect(locateJsonError(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toBeUndefined()
  })

  it('agrees with JSON.parse about which texts are valid', () => {
    const damaged = fc
      .tuple(
        fc.json(),
        fc.nat(),
        fc.constantFrom('', ',', '}', ']', '"', ':', '\\', 'x', ' ', '\n', '-', '.', 'e')
      )
      .map(([json, at, insert]) => {
        const index = at % (json.length + 1)
        return json.slice(0, index) + insert + json.slice(index + (at % 2))
      })
    fc.assert(
      fc.property(
        fc.oneof(fc.json(), damaged, fc.string()),
        (text) => (locateJsonError(text) === undefined) === parses(text)
      ),
      { numRuns: 2000 }
    )
  })
})
