/** Shapes shared by the validator, the compiler and the directives. */

/** One step of resolution: reads the data (the event, or an item of `@arrayPath`) and returns a value. */
export type Resolver = (data: unknown) => unknown

/**
 * A compiled piece of a mapping. `fresh` says whether every object or array it returns is newly built
 * (shares nothing with the event or the mapping, holds no `undefined` property), so callers know
 * whether a copy is needed before the value goes into a payload.
 */
export interface Compiled {
  run: Resolver
  fresh: boolean
}

/** Where a value sits in the mapping: the keys and indexes from the root. */
export type Pointer = ReadonlyArray<string | number>

/** One thing wrong with a mapping. `message` is a full sentence that starts with `pointer`. */
export interface MappingProblem {
  pointer: string
  message: string
}

/** The checks a directive's validator can call; each reports its own problems. */
export interface Validator {
  /** Reports `<pointer> <sentence>.` */
  report(at: Pointer, sentence: string): void
  /** Any mapping value: a directive or raw JSON (raw objects and arrays are checked deeply). */
  value(node: unknown, at: Pointer): void
  /** A string, or a directive that produces one. */
  stringOrDirective(node: unknown, at: Pointer): void
  /** A raw object (checked deeply) or a directive. */
  objectOrDirective(node: unknown, at: Pointer): void
  /** The options object of a directive; `undefined` (after a report) when it is not one. */
  options(node: unknown, at: Pointer): Record<string, unknown> | undefined
  /** Reports a missing field; true when present. */
  required(options: Record<string, unknown>, key: string, at: Pointer): boolean
  /** A string within the length bounds; true when it is one. */
  string(node: unknown, at: Pointer, bounds?: { min?: number; max?: number }): node is string
  /** A boolean; true when it is one. */
  boolean(node: unknown, at: Pointer): node is boolean
  /** One of the allowed strings (case-insensitive); true when it is. */
  oneOf(node: unknown, at: Pointer, allowed: readonly string[]): boolean
  /** An array within the depth limit; true when it is one. */
  array(node: unknown, at: Pointer): node is unknown[]
}

/** What a directive's compiler can ask for; the mapping is already valid. */
export interface Compiler {
  /** A value ready for a payload: fresh objects, no `undefined` properties. */
  value(node: unknown, at: Pointer): Resolver
  /** The value as read, possibly shared with the event (for conditions and reads). */
  read(node: unknown, at: Pointer): Compiled
}

/** One mapping directive: how to validate its value and how to compile it. */
export interface Directive {
  name: `@${string}`
  validate(value: unknown, at: Pointer, check: Validator): void
  compile(value: unknown, compiler: Compiler, at: Pointer): Compiled
}
