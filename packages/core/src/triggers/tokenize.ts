/**
 * Splits trigger text into tokens. Field paths are read whole here (with their
 * escapes and backticks resolved), so the parser sees `context.page.url` as one
 * token with the keys `['context', 'page', 'url']`.
 */
import { TriggerError } from './trigger-error.js'

/** The punctuation and operator tokens, named by their text. */
export type SymbolText = '(' | ')' | '[' | ']' | ',' | '!' | '=' | '!=' | '<' | '<=' | '>' | '>='

/**
 * One token of trigger text. `start` is the 0-based offset of its first character.
 * Every token has the same five properties (unused ones undefined), so the parser
 * reads them from a single object shape.
 */
export type Token =
  | { kind: 'field'; start: number; text: string; value: undefined; keys: string[] }
  | { kind: 'keyword'; start: number; text: string; value: undefined; keys: undefined }
  | { kind: 'string'; start: number; text: string; value: string; keys: undefined }
  | { kind: 'number'; start: number; text: string; value: number; keys: undefined }
  | { kind: 'symbol'; start: number; text: SymbolText; value: undefined; keys: undefined }
  | { kind: 'end'; start: number; text: ''; value: undefined; keys: undefined }

function token(
  kind: Token['kind'],
  start: number,
  text: string,
  value: string | number | undefined,
  keys: string[] | undefined
): Token {
  return { kind, start, text, value, keys } as Token
}

function isKeyChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || // a-z
    (code >= 65 && code <= 90) || // A-Z
    (code >= 48 && code <= 57) || // 0-9
    code === 95 || // _
    code === 45 // -
  )
}

function isWordStart(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || code === 92 || code === 96
  )
}

/** '-5', '-.5' and '.5' start numbers too. */
function startsNumber(text: string, i: number): boolean {
  const next = text.charCodeAt(i + 1)
  return isDigit(next) || (text.charCodeAt(i) === 45 && next === 46)
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57
}

/** A character for a message: the whole code point, so emoji are not cut in half. */
function describeCharAt(text: string, index: number): string {
  return String.fromCodePoint(text.codePointAt(index) ?? 0)
}

/**
 * Tokenizes trigger text; the last token is always `end`.
 *
 * @throws TriggerError with the position of the first character it cannot read.
 * @example
 * tokenize('type = "track"').map((t) => t.kind) // ['field', 'symbol', 'string', 'end']
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < text.length) {
    const code = text.charCodeAt(i)
    // Whitespace: space, tab, CR, LF.
    if (code === 32 || code === 9 || code === 10 || code === 13) {
      i++
      continue
    }
    if (isWordStart(code)) {
      i = readWord(text, i, tokens)
      continue
    }
    if (code === 34 || code === 39) {
      i = readString(text, i, tokens)
      continue
    }
    if (isDigit(code) || ((code === 45 || code === 46) && startsNumber(text, i))) {
      i = readNumber(text, i, tokens)
      continue
    }
    i = readSymbol(text, i, tokens)
  }
  tokens.push(token('end', text.length, '', undefined, undefined))
  return tokens
}

function readSymbol(text: string, start: number, tokens: Token[]): number {
  const char = text[start]
  const next = text[start + 1]
  switch (char) {
    case '(':
    case ')':
    case '[':
    case ']':
    case ',':
      tokens.push(token('symbol', start, char, undefined, undefined))
      return start + 1
    case '=':
      if (next === '=')
        throw new TriggerError(`Unexpected '==' at position ${start} (write a single '=')`, start)
      tokens.push(token('symbol', start, '=', undefined, undefined))
      return start + 1
    case '!':
    case '<':
    case '>':
      if (next === '=') {
        tokens.push(token('symbol', start, `${char}=`, undefined, undefined))
        return start + 2
      }
      tokens.push(token('symbol', start, char, undefined, undefined))
      return start + 1
  }
  throw new TriggerError(`Unexpected character '${describeCharAt(text, start)}' at position ${start}`, start)
}

/**
 * Whether a word has a meaning of its own (no root field is one). A switch,
 * because it is cheaper than hashing a freshly sliced string.
 */
function isKeyword(word: string): boolean {
  switch (word) {
    case 'and':
    case 'or':
    case 'in':
    case 'contains':
    case 'match':
    case 'null':
    case 'true':
    case 'false':
      return true
  }
  return false
}

/** Where a run of digits starting at `i` ends. */
function skipDigits(text: string, i: number): number {
  while (isDigit(text.charCodeAt(i))) i++
  return i
}

/** Reads `-12`, `3.5`, `.5`, `1e3`, `-2.5E-4`: decimal notation, no hex, no `Infinity`. */
function readNumber(text: string, start: number, tokens: Token[]): number {
  let end = text.charCodeAt(start) === 45 ? start + 1 : start
  const integerEnd = skipDigits(text, end)
  let valid = integerEnd > end
  end = integerEnd
  if (text.charCodeAt(end) === 46 && isDigit(text.charCodeAt(end + 1))) {
    end = skipDigits(text, end + 1)
    valid = true
  }
  const e = text.charCodeAt(end)
  if (valid && (e === 101 || e === 69)) {
    const sign = text.charCodeAt(end + 1)
    const digitsStart = sign === 43 || sign === 45 ? end + 2 : end + 1
    const exponentEnd = skipDigits(text, digitsStart)
    if (exponentEnd > digitsStart) end = exponentEnd
  }
  if (!valid || (end < text.length && (isKeyChar(text.charCodeAt(end)) || text[end] === '.'))) {
    let stop = end
    while (stop < text.length && (isKeyChar(text.charCodeAt(stop)) || text[stop] === '.')) stop++
    throw new TriggerError(
      `Invalid number '${text.slice(start, Math.max(stop, start + 1))}' at position ${start}`,
      start
    )
  }
  const raw = text.slice(start, end)
  const value = Number(raw)
  if (!Number.isFinite(value)) {
    throw new TriggerError(`Number '${raw}' at position ${start} is too large`, start)
  }
  tokens.push(token('number', start, raw, value, undefined))
  return end
}

const STRING_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "'": "'",
  '\\': '\\',
  n: '\n',
  r: '\r',
  t: '\t'
}

function readString(text: string, start: number, tokens: Token[]): number {
  const quote = text[start]
  const close = text.indexOf(quote, start + 1)
  let plain = close >= 0
  for (let i = start + 1; plain && i < close; i++) if (text.charCodeAt(i) === 92) plain = false
  // The common case, no escapes: one slice.
  if (plain) {
    tokens.push(token('string', start, text.slice(start, close + 1), text.slice(start + 1, close), undefined))
    return close + 1
  }
  let value = ''
  let i = start + 1
  while (i < text.length) {
    const char = text[i]
    if (char === quote) {
      tokens.push(token('string', start, text.slice(start, i + 1), value, undefined))
      return i + 1
    }
    if (char === '\\' && i + 1 < text.length) {
      const escaped = text[i + 1]
      if (escaped === 'u') {
        const hex = text.slice(i + 2, i + 6)
        if (!/^[0-9A-Fa-f]{4}$/.test(hex)) {
          throw new TriggerError(`Invalid escape '\\u${hex}' at position ${i}: expected four hex digits`, i)
        }
        value += String.fromCharCode(parseInt(hex, 16))
        i += 6
        continue
      }
      // Unknown escapes stay as written, so FQL strings such as "C:\data" keep their backslash.
      value += STRING_ESCAPES[escaped] ?? `\\${escaped}`
      i += 2
      continue
    }
    value += char
    i++
  }
  throw new TriggerError(`Unterminated string starting at position ${start}`, start)
}

/** Reads `root.key.key` (plain keys, the common case) and returns where it stopped. */
function readWord(text: string, start: number, tokens: Token[]): number {
  const keys: string[] = []
  let keyStart = start
  let i = start
  for (;;) {
    const code = text.charCodeAt(i) // NaN past the end
    if (isKeyChar(code)) i++
    else if (code === 46 && i > keyStart) {
      keys.push(text.slice(keyStart, i))
      keyStart = ++i
    } else break
  }
  const stop = text.charCodeAt(i)
  // Escapes, backticks or an empty key: the careful reader handles those (and their errors).
  if (i === keyStart || stop === 92 || stop === 96) return readEscapedWord(text, start, tokens)
  const last = text.slice(keyStart, i)
  keys.push(last)
  if (keys.length === 1 && isKeyword(last)) {
    tokens.push(token('keyword', start, last, undefined, undefined))
  } else tokens.push(token('field', start, keys.length === 1 ? last : text.slice(start, i), undefined, keys))
  return i
}

/** Reads `root.key.key` with backslash escapes and backtick-quoted keys; returns where it stopped. */
function readEscapedWord(text: string, start: number, tokens: Token[]): number {
  const keys: string[] = []
  let plain = true
  let i = start
  for (;;) {
    let key = ''
    const keyStart = i
    if (text[i] === '`') {
      plain = false
      i++
      for (;;) {
        if (i >= text.length)
          throw new TriggerError(`Unterminated backtick name starting at position ${keyStart}`, keyStart)
        const char = text[i]
        if (char === '`') break
        if (char === '\\' && i + 1 < text.length) {
          key += text[i + 1]
          i += 2
          continue
        }
        key += char
        i++
      }
      i++
      if (key === '') throw new TriggerError(`Empty name in backticks at position ${keyStart}`, keyStart)
    } else {
      while (i < text.length) {
        const code = text.charCodeAt(i)
        if (isKeyChar(code)) {
          // A run of plain characters: one slice.
          const runStart = i
          while (i < text.length && isKeyChar(text.charCodeAt(i))) i++
          key += text.slice(runStart, i)
        } else if (code === 92) {
          if (i + 1 >= text.length)
            throw new TriggerError(`Expected a character after '\\' at position ${i}`, i)
          plain = false
          // A whole code point, so an escaped emoji stays one character.
          const escaped = describeCharAt(text, i + 1)
          key += escaped
          i += 1 + escaped.length
        } else break
      }
      if (key === '') {
        throw new TriggerError(`Expected a name after '.' at position ${keyStart - 1}`, keyStart - 1)
      }
    }
    keys.push(key)
    if (text[i] !== '.') break
    i++
  }
  const raw = text.slice(start, i)
  if (plain && keys.length === 1 && isKeyword(raw)) {
    tokens.push(token('keyword', start, raw, undefined, undefined))
  } else tokens.push(token('field', start, raw, undefined, keys))
  return i
}
