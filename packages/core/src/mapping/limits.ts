/** The bounds a mapping must stay within; checked once, at compile time. */

/** Deepest nesting of objects and arrays in a mapping (the root counts as level 1). */
export const MAX_MAPPING_DEPTH = 32

/** Longest `@liquid` template, in characters. */
export const MAX_LIQUID_LENGTH = 1000

/**
 * Longest `@template`, in characters. Rendering is linear, so the bound is generous:
 * it only stops a runaway configuration, never a real message body.
 */
export const MAX_TEMPLATE_LENGTH = 100_000

/** `@replace`: longest `pattern`/`pattern2` and `replacement`/`replacement2`. */
export const MAX_PATTERN_LENGTH = 10
export const MAX_REPLACEMENT_LENGTH = 10
