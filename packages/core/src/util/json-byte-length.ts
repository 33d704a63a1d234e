/**
 * Measures how many bytes a value takes as UTF-8 JSON without serializing it:
 * size limits are checked on every event, and building a 500 KB string only to
 * measure it (and throw it away) is the cost this avoids. Counting stops as
 * soon as the limit is passed.
 */

/** Objects being measured, to detect cycles as JSON.stringify does; reused across calls. */
const ancestors: object[] = []

/**
 * The byte length of `Buffer.from(JSON.stringify(value))`, computed without building the string.
 * Counting stops once the total passes `limit`; the result is then some number above `limit`.
 * A value JSON cannot represent at the top level (`undefined`, a function) measures 0.
 * Throws a `TypeError` where `JSON.stringify` would: a cycle or a `BigInt`.
 *
 * @example
 * jsonByteLength({ name: 'Zoë' }) // 15, the same as Buffer.byteLength('{"name":"Zoë"}')
 * jsonByteLength(hugeEvent, 512_000) > 512_000 // true, known after reading ~512 KB of it
 */
export function jsonByteLength(value: unknown, limit: number = Infinity): number {
  const depth = ancestors.length
  try {
    return measure(value, '', 0, limit)
  } finally {
    ancestors.length = depth
  }
}

/** What JSON.stringify writes for `value` stored under `key`: the result of its `toJSON`, if any. */
function resolve(value: unknown, key: string | number): unknown {
  if (value !== null && (typeof value === 'object' || typeof value === 'bigint')) {
    const toJSON = (value as { toJSON?: unknown }).toJSON
    if (typeof toJSON === 'function') return toJSON.call(value, typeof key === 'number' ? String(key) : key)
  }
  return value
}

/** Whether a resolved value has no JSON form (left out of objects, `null` in arrays). */
function hasNoJsonForm(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol'
}

/** Adds the size of `value` (stored under `key`) to `total`. */
function measure(value: unknown, key: string | number, total: number, limit: number): number {
  return measureResolved(resolve(value, key), total, limit)
}

function measureResolved(value: unknown, total: number, limit: number): number {
  switch (typeof value) {
    case 'string':
      return total + stringByteLength(value, total, limit)
    case 'number':
      return total + numberByteLength(value)
    case 'boolean':
      return total + (value ? 4 : 5)
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt')
    case 'undefined':
    case 'function':
    case 'symbol':
      return total
  }
  if (value === null) return total + 4
  if (value instanceof Number) return total + numberByteLength(Number(value))
  if (value instanceof String) return total + stringByteLength(String(value), total, limit)
  if (value instanceof Boolean) return total + (value.valueOf() ? 4 : 5)
  if (value instanceof BigInt) throw new TypeError('Do not know how to serialize a BigInt')
  return measureContainer(value as object, total, limit)
}

function measureContainer(container: object, total: number, limit: number): number {
  if (ancestors.includes(container)) throw new TypeError('Converting circular structure to JSON')
  ancestors.push(container)
  total += 2 // brackets or braces
  if (Array.isArray(container)) {
    for (let index = 0; index < container.length && total <= limit; index++) {
      if (index > 0) total += 1 // comma
      const item = resolve(container[index], index)
      total = hasNoJsonForm(item) ? total + 4 : measureResolved(item, total, limit) // written as null
    }
  } else {
    let first = true
    const record = container as Record<string, unknown>
    for (const key in record) {
      if (total > limit) break
      if (!Object.hasOwn(record, key)) continue
      const member = resolve(record[key], key)
      if (hasNoJsonForm(member)) continue // JSON.stringify leaves the whole member out
      if (!first) total += 1 // comma
      first = false
      total += stringByteLength(key, total, limit) + 1 // "key":
      total = measureResolved(member, total, limit)
    }
  }
  ancestors.pop()
  return total
}

function numberByteLength(value: number): number {
  if (!Number.isFinite(value)) return 4 // null
  if (Number.isSafeInteger(value)) {
    let digits = value < 0 ? 2 : 1
    for (let rest = Math.abs(value); rest >= 10; rest = Math.floor(rest / 10)) digits++
    return digits
  }
  return String(value).length
}

/** Bytes of a quoted, escaped JSON string in UTF-8. */
function stringByteLength(text: string, total: number, limit: number): number {
  const length = text.length
  // Every character takes at least one byte: no need to read a string that cannot fit.
  if (total + length + 2 > limit) return length + 2
  let bytes = 2
  for (let index = 0; index < length; index++) {
    const code = text.charCodeAt(index)
    if (code < 0x80) {
      if (code === 0x22 || code === 0x5c) bytes += 2
      else if (code >= 0x20) bytes += 1
      else if (code === 0x08 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d) bytes += 2
      else bytes += 6 // \u00XX
    } else if (code < 0x800) {
      bytes += 2
    } else if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(index + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4
        index++
      } else {
        bytes += 6 // a lone surrogate is escaped as \udXXX
      }
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      bytes += 6
    } else {
      bytes += 3
    }
  }
  return bytes
}
