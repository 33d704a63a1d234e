/**
 * Finds where and why a text is not valid JSON, in words of our own. The
 * messages of `JSON.parse` differ between Node versions and do not always give a
 * position; this runs only after `JSON.parse` has failed, so it costs nothing on
 * the normal path. It scans iteratively, so deeply nested input cannot overflow the stack.
 */

/** Why a text is not JSON, and the 0-based index of the first character at fault. */
export interface JsonSyntaxProblem {
  reason: string
  position: number
}

const ARRAY = 0
const OBJECT = 1

class Stop {
  constructor(readonly problem: JsonSyntaxProblem) {}
}

/**
 * The first syntax problem of a JSON text, or `undefined` when it is valid JSON.
 *
 * @example
 * locateJsonError('{"type":"track","event":') // { reason: 'unexpected end of input', position: 24 }
 * locateJsonError('{"a":1,}') // { reason: 'expected a double-quoted property name', position: 7 }
 */
export function locateJsonError(text: string): JsonSyntaxProblem | undefined {
  try {
    scanDocument(text)
    return undefined
  } catch (stop) {
    if (stop instanceof Stop) return stop.problem
    throw stop
  }
}

function scanDocument(text: string): void {
  const open: number[] = []
  let index = skipSpace(text, 0)
  for (;;) {
    // A value starts at `index`.
    const char = at(text, index)
    if (char === '{') {
      index = skipSpace(text, index + 1)
      if (text[index] === '}') index++
      else {
        open.push(OBJECT)
        index = scanPropertyName(text, index)
        continue
      }
    } else if (char === '[') {
      index = skipSpace(text, index + 1)
      if (text[index] === ']') index++
      else {
        open.push(ARRAY)
        continue
      }
    } else if (char === '"') index = scanString(text, index)
    else if (char === '-' || isDigit(char)) index = scanNumber(text, index)
    else if (char === 't') index = scanWord(text, index, 'true')
    else if (char === 'f') index = scanWord(text, index, 'false')
    else if (char === 'n') index = scanWord(text, index, 'null')
    else fail(`unexpected character ${quote(char)}`, index)

    // After a value: close containers until one continues with a comma.
    for (;;) {
      index = skipSpace(text, index)
      if (open.length === 0) {
        if (index < text.length) fail('unexpected text after the JSON value', index)
        return
      }
      const container = open[open.length - 1]
      const char = at(text, index)
      if (char === ',') {
        index = skipSpace(text, index + 1)
        if (container === OBJECT) index = scanPropertyName(text, index)
        break
      }
      if (char === (container === ARRAY ? ']' : '}')) {
        open.pop()
        index++
        continue
      }
      fail(
        container === ARRAY
          ? "expected ',' or ']' after an array item"
          : "expected ',' or '}' after a property value",
        index
      )
    }
  }
}

/** Reads `"name"` and its colon; returns where the property's value starts. */
function scanPropertyName(text: string, index: number): number {
  if (at(text, index) !== '"') fail('expected a double-quoted property name', index)
  index = skipSpace(text, scanString(text, index))
  if (at(text, index) !== ':') fail("expected ':' after a property name", index)
  return skipSpace(text, index + 1)
}

function scanString(text: string, index: number): number {
  for (index++; ; index++) {
    const char = at(text, index)
    if (char === '"') return index + 1
    if (char === '\\') {
      const escaped = at(text, ++index)
      if (escaped === 'u') {
        for (let hex = 1; hex <= 4; hex++) {
          if (!/[0-9a-fA-F]/.test(at(text, index + hex))) fail('invalid \\u escape in a string', index + hex)
        }
        index += 4
      } else if (!'"\\/bfnrt'.includes(escaped)) fail('invalid escape sequence in a string', index)
    } else if (char.charCodeAt(0) < 0x20) fail('control character in a string', index)
  }
}

function scanNumber(text: string, index: number): number {
  if (text[index] === '-') index++
  if (text[index] === '0') index++
  else index = scanDigits(text, index)
  if (text[index] === '.') index = scanDigits(text, index + 1)
  if (text[index] === 'e' || text[index] === 'E') {
    index++
    if (text[index] === '+' || text[index] === '-') index++
    index = scanDigits(text, index)
  }
  return index
}

function scanDigits(text: string, index: number): number {
  if (!isDigit(at(text, index))) fail('invalid number', index)
  while (isDigit(text[index] ?? '')) index++
  return index
}

function scanWord(text: string, index: number, word: string): number {
  for (let offset = 0; offset < word.length; offset++) {
    const char = at(text, index + offset)
    if (char !== word[offset]) fail(`unexpected character ${quote(char)}`, index + offset)
  }
  return index + word.length
}

/** The character at `index`; reaching the end of the text is itself the problem. */
function at(text: string, index: number): string {
  if (index >= text.length) fail('unexpected end of input', text.length)
  return text[index]
}

function skipSpace(text: string, index: number): number {
  while (index < text.length) {
    const char = text[index]
    if (char !== ' ' && char !== '\t' && char !== '\n' && char !== '\r') break
    index++
  }
  return index
}

function isDigit(char: string): boolean {
  return char >= '0' && char <= '9' && char.length === 1
}

function quote(char: string): string {
  const code = char.charCodeAt(0)
  return code < 0x20 || code === 0x7f ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}` : `'${char}'`
}

function fail(reason: string, position: number): never {
  throw new Stop({ reason, position })
}
