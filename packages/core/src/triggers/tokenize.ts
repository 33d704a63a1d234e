/**
 * Reads trigger text one token at a time (`Scanner`), straight from character codes: the parser
 * consumes tokens as they are read, so no token objects or arrays are built on the way to a tree.
 * Field paths are read whole (with their escapes and backticks resolved): the parser sees
 * `context.page.url` as one field token with the root `context` and the path `['page', 'url']`.
 * `tokenize` gives the same tokens as objects, for the code that wants them all (warnings).
 */
import { TRIGGER_ROOT_FIELDS } from './fields.js'
import { TriggerError } from './trigger-error.js'

/** The punctuation and operator tokens, named by their text. */
export type SymbolText = '(' | ')' | '[' | ']' | ',' | '!' | '=' | '!=' | '<' | '<=' | '>' | '>='

/**
 * One token of trigger text. `start` is the 0-based offset of its first character.
 * Every token has the same five properties (unused ones undefined).
 */
export type Token =
  | { kind: 'field'; start: number; text: string; value: undefined; keys: string[] }
  | { kind: 'keyword'; start: number; text: string; value: undefined; keys: undefined }
  | { kind: 'string'; start: number; text: string; value: string; keys: undefined }
  | { kind: 'number'; start: number; text: string; value: number; keys: undefined }
  | { kind: 'symbol'; start: number; text: SymbolText; value: undefined; keys: undefined }
  | { kind: 'end'; start: number; text: ''; value: undefined; keys: undefined }

// What a `Scanner` has read, as a small integer (`Scanner.kind`): every keyword and every symbol
// has a kind of its own, so the parser tests one number. Typed `number` rather than as literals:
// `next()` changes the kind, so a test of it must not narrow it for the rest of a function.
export const END: number = 0
export const FIELD: number = 1
export const STRING: number = 2
export const NUMBER: number = 3
// Keywords.
export const AND: number = 4
export const OR: number = 5
export const IN: number = 6
export const CONTAINS: number = 7
export const MATCH: number = 8
export const NULL: number = 9
export const TRUE: number = 10
export const FALSE: number = 11
// Symbols.
export const OPEN: number = 12
export const CLOSE: number = 13
export const OPEN_LIST: number = 14
export const CLOSE_LIST: number = 15
export const COMMA: number = 16
export const NOT: number = 17
export const EQ: number = 18
export const NE: number = 19
export const LT: number = 20
export const LE: number = 21
export const GT: number = 22
export const GE: number = 23

/** How a field's root was found: not a root field, a single value, or an object with keys below. */
export const UNKNOWN_ROOT: number = 0
export const VALUE_ROOT: number = 1
export const OBJECT_ROOT: number = 2

/** A word with a meaning of its own: a keyword (`kind` is its own), or a root field (`kind` is `FIELD`). */
interface KnownWord {
  text: string
  kind: number
  rootKind: number
}

const rootKind = (name: string): number =>
  TRIGGER_ROOT_FIELDS[name].kind === 'object' ? OBJECT_ROOT : VALUE_ROOT

const KNOWN_WORDS: KnownWord[] = [
  ...(
    [
      ['and', AND],
      ['or', OR],
      ['in', IN],
      ['contains', CONTAINS],
      ['match', MATCH],
      ['null', NULL],
      ['true', TRUE],
      ['false', FALSE]
    ] as const
  ).map(([text, kind]) => ({ text, kind, rootKind: UNKNOWN_ROOT })),
  ...Object.keys(TRIGGER_ROOT_FIELDS).map((text) => ({ text, kind: FIELD, rootKind: rootKind(text) }))
]

/** The known words by their text. */
const KNOWN_BY_TEXT = new Map(KNOWN_WORDS.map((word) => [word.text, word]))

/**
 * The known words as a trie over ASCII character codes, so that a word is recognised as it is
 * read, without reading it again or slicing it out of the text: `TRIE[state << 7 | code]` is the
 * state after `code` (0, a dead end, when no known word continues with it) and `TRIE_WORDS[state]`
 * the word that ends there. Reading starts in state `TRIE_START`.
 */
const TRIE_START = 1
const { TRIE, TRIE_WORDS } = (() => {
  const next: number[] = new Array<number>(2 << 7).fill(0)
  const words: Array<KnownWord | undefined> = [undefined, undefined]
  for (const word of KNOWN_WORDS) {
    let state = TRIE_START
    for (let i = 0; i < word.text.length; i++) {
      const code = word.text.charCodeAt(i)
      if (code > 127) throw new Error(`A known word must be ASCII: ${word.text}`)
      const index = (state << 7) | code
      if (next[index] === 0) {
        next[index] = words.length
        words.push(undefined)
        for (let code = 0; code < 128; code++) next.push(0)
      }
      state = next[index]
    }
    words[state] = word
  }
  return { TRIE: Uint16Array.from(next), TRIE_WORDS: words }
})()

/** The text of each symbol, by kind from `OPEN` on. */
const SYMBOL_TEXT: readonly SymbolText[] = ['(', ')', '[', ']', ',', '!', '=', '!=', '<', '<=', '>', '>=']

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

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57
}

/** A character for a message: the whole code point, so emoji are not cut in half. */
function describeCharAt(text: string, index: number): string {
  return String.fromCodePoint(text.codePointAt(index) ?? 0)
}

/** The character code at `i`, or -1 past the end (which no test matches). */
function codeAt(text: string, i: number): number {
  return i < text.length ? text.charCodeAt(i) : -1
}

/** Where a run of digits starting at `i` ends. */
function skipDigits(text: string, i: number): number {
  while (isDigit(codeAt(text, i))) i++
  return i
}

/** The longest integer read digit by digit: below 2^53, so exactly what `Number` reads. */
const MAX_EXACT_DIGITS = 15

const STRING_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "'": "'",
  '\\': '\\',
  n: '\n',
  r: '\r',
  t: '\t'
}

/**
 * Reads trigger text token by token: `next()` reads one, and the properties describe it until the
 * next call. After the last token, `kind` stays `END` (at `start` = the length of the text).
 *
 * @throws TriggerError (from `next`) with the position of the first character it cannot read.
 * @example
 * const scanner = new Scanner('type = "track"')
 * scanner.next() // scanner.kind === FIELD, scanner.root === 'type'
 */
export class Scanner {
  readonly text: string
  /** What was read: one of the kinds above (`END`, `FIELD`, `AND`, `EQ`…). */
  kind = END
  /** Offset of the token's first character. */
  start = 0
  /** Offset just past its last character. */
  end = 0
  /** A field's root: the name from `TRIGGER_ROOT_FIELDS` when it is one, the name as written otherwise. */
  root = ''
  /** Whether `root` is a root field, and which kind (`UNKNOWN_ROOT`, `VALUE_ROOT`, `OBJECT_ROOT`). */
  rootKind = UNKNOWN_ROOT
  /** A field's keys below its root (a fresh array for every field). */
  path: string[] = []
  /** A string's value, escapes decoded. */
  stringValue = ''
  /** A number's value. */
  numberValue = 0
  /** See `backslashAfter`. */
  private backslash = -1

  constructor(text: string) {
    this.text = text
  }

  /** Reads the next token. */
  next(): void {
    const text = this.text
    const length = text.length
    let i = this.end
    let code = codeAt(text, i)
    // Whitespace: space, tab, CR, LF.
    while (code === 32 || code === 9 || code === 10 || code === 13) code = codeAt(text, ++i)
    this.start = i
    if (i >= length) {
      this.kind = END
      this.end = length
      return
    }
    if (isWordStart(code)) this.readWord(i)
    else if (code === 34 || code === 39) this.readString(i)
    else if (isDigit(code) || ((code === 45 || code === 46) && startsNumber(text, i))) this.readNumber(i)
    else this.readSymbol(i, code)
  }

  /**
   * The position of the first backslash after `start` (the length of the text when there is none),
   * remembered: tokens are read forwards, so the text is searched once however many strings it has.
   */
  private backslashAfter(start: number): number {
    if (this.backslash <= start) {
      const found = this.text.indexOf('\\', start + 1)
      this.backslash = found < 0 ? this.text.length : found
    }
    return this.backslash
  }

  /** The text of the current token, as written. */
  raw(): string {
    return this.text.slice(this.start, this.end)
  }

  /** The current token as an object. */
  token(): Token {
    const { kind, start } = this
    switch (kind) {
      case END:
        return { kind: 'end', start, text: '', value: undefined, keys: undefined }
      case FIELD:
        return { kind: 'field', start, text: this.raw(), value: undefined, keys: [this.root, ...this.path] }
      case STRING:
        return { kind: 'string', start, text: this.raw(), value: this.stringValue, keys: undefined }
      case NUMBER:
        return { kind: 'number', start, text: this.raw(), value: this.numberValue, keys: undefined }
    }
    if (kind < OPEN) return { kind: 'keyword', start, text: this.raw(), value: undefined, keys: undefined }
    return { kind: 'symbol', start, text: SYMBOL_TEXT[kind - OPEN], value: undefined, keys: undefined }
  }

  private readSymbol(start: number, code: number): void {
    const next = codeAt(this.text, start + 1)
    let kind: number
    let end = start + 1
    switch (code) {
      case 40: // (
        kind = OPEN
        break
      case 41: // )
        kind = CLOSE
        break
      case 91: // [
        kind = OPEN_LIST
        break
      case 93: // ]
        kind = CLOSE_LIST
        break
      case 44: // ,
        kind = COMMA
        break
      case 61: // =
        if (next === 61)
          throw new TriggerError(`Unexpected '==' at position ${start} (write a single '=')`, start)
        kind = EQ
        break
      case 33: // !
        kind = NOT
        if (next === 61) {
          kind = NE
          end++
        }
        break
      case 60: // <
        kind = LT
        if (next === 61) {
          kind = LE
          end++
        }
        break
      case 62: // >
        kind = GT
        if (next === 61) {
          kind = GE
          end++
        }
        break
      default:
        throw new TriggerError(
          `Unexpected character '${describeCharAt(this.text, start)}' at position ${start}`,
          start
        )
    }
    this.kind = kind
    this.end = end
  }

  /** Reads `-12`, `3.5`, `.5`, `1e3`, `-2.5E-4`: decimal notation, no hex, no `Infinity`. */
  private readNumber(start: number): void {
    const text = this.text
    const integerStart = text.charCodeAt(start) === 45 ? start + 1 : start
    const integerEnd = skipDigits(text, integerStart)
    let valid = integerEnd > integerStart
    let end = integerEnd
    if (codeAt(text, end) === 46 && isDigit(codeAt(text, end + 1))) {
      end = skipDigits(text, end + 1)
      valid = true
    }
    const e = codeAt(text, end)
    if (valid && (e === 101 || e === 69)) {
      const sign = codeAt(text, end + 1)
      const digitsStart = sign === 43 || sign === 45 ? end + 2 : end + 1
      const exponentEnd = skipDigits(text, digitsStart)
      if (exponentEnd > digitsStart) end = exponentEnd
    }
    if (!valid || (end < text.length && (isKeyChar(text.charCodeAt(end)) || text.charCodeAt(end) === 46))) {
      let stop = end
      while (stop < text.length && (isKeyChar(text.charCodeAt(stop)) || text.charCodeAt(stop) === 46)) stop++
      throw new TriggerError(
        `Invalid number '${text.slice(start, Math.max(stop, start + 1))}' at position ${start}`,
        start
      )
    }
    let value: number
    if (end === integerEnd && integerEnd - integerStart <= MAX_EXACT_DIGITS) {
      // A plain integer: read digit by digit, without slicing it out of the text.
      value = 0
      for (let i = integerStart; i < integerEnd; i++) value = value * 10 + (text.charCodeAt(i) - 48)
      if (integerStart > start) value = -value
    } else {
      const raw = text.slice(start, end)
      value = Number(raw)
      if (!Number.isFinite(value)) {
        throw new TriggerError(`Number '${raw}' at position ${start} is too large`, start)
      }
    }
    this.kind = NUMBER
    this.numberValue = value
    this.end = end
  }

  private readString(start: number): void {
    const text = this.text
    const quoteChar = text[start]
    // The common case, no escapes: one slice. Searching is quicker than reading each character.
    const close = text.indexOf(quoteChar, start + 1)
    if (close > 0 && this.backslashAfter(start) > close) {
      this.kind = STRING
      this.stringValue = text.slice(start + 1, close)
      this.end = close + 1
      return
    }
    let value = ''
    let i = start + 1
    while (i < text.length) {
      const char = text[i]
      if (char === quoteChar) {
        this.kind = STRING
        this.stringValue = value
        this.end = i + 1
        return
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

  /** Reads a keyword, or `root.key.key` with plain keys (the common case). */
  private readWord(start: number): void {
    const text = this.text
    let i = start
    let code = codeAt(text, i)
    // The root (or keyword), recognised as it is read.
    let state = TRIE_START
    while (isKeyChar(code)) {
      state = TRIE[(state << 7) | code]
      code = codeAt(text, ++i)
    }
    // Escapes, backticks or an empty key: the careful reader handles those (and their errors).
    if (i === start || code === 92 || code === 96) return this.readEscapedWord(start)
    const rootEnd = i
    const known = TRIE_WORDS[state]
    // The keys below it.
    let path: string[] | undefined
    while (code === 46) {
      const keyStart = ++i
      code = codeAt(text, i)
      while (isKeyChar(code)) code = codeAt(text, ++i)
      if (i === keyStart || code === 92 || code === 96) return this.readEscapedWord(start)
      const key = text.slice(keyStart, i)
      if (path === undefined) path = [key]
      else path.push(key)
    }
    if (path === undefined) {
      if (known !== undefined && known.kind !== FIELD) {
        this.kind = known.kind
        this.end = i
        return
      }
      path = []
    }
    this.kind = FIELD
    this.end = i
    this.path = path
    if (known !== undefined && known.kind === FIELD) {
      this.root = known.text
      this.rootKind = known.rootKind
    } else {
      this.root = text.slice(start, rootEnd)
      this.rootKind = UNKNOWN_ROOT
    }
  }

  /** Reads `root.key.key` with backslash escapes and backtick-quoted keys. */
  private readEscapedWord(start: number): void {
    const text = this.text
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
    this.end = i
    const root = keys[0]
    const known = KNOWN_BY_TEXT.get(root)
    if (known !== undefined && known.kind !== FIELD && plain && keys.length === 1) {
      this.kind = known.kind
      return
    }
    this.kind = FIELD
    this.root = root
    this.rootKind = known !== undefined ? known.rootKind : UNKNOWN_ROOT
    this.path = keys.slice(1)
  }
}

/** '-5', '-.5' and '.5' start numbers too. */
function startsNumber(text: string, i: number): boolean {
  const next = codeAt(text, i + 1)
  return isDigit(next) || (codeAt(text, i) === 45 && next === 46)
}

/**
 * Tokenizes trigger text; the last token is always `end`.
 *
 * @throws TriggerError with the position of the first character it cannot read.
 * @example
 * tokenize('type = "track"').map((t) => t.kind) // ['field', 'symbol', 'string', 'end']
 */
export function tokenize(text: string): Token[] {
  const scanner = new Scanner(text)
  const tokens: Token[] = []
  do {
    scanner.next()
    tokens.push(scanner.token())
  } while (scanner.kind !== END)
  return tokens
}
