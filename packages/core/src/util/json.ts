/** A JSON primitive. */
export type JSONPrimitive = string | number | boolean | null
/** Any JSON value. */
export type JSONValue = JSONPrimitive | JSONObject | JSONArray
/** A JSON object. */
export type JSONObject = { [key: string]: JSONValue }
/** A JSON array. */
export type JSONArray = JSONValue[]
/** A JSON-like object that may also hold `undefined` (before clean-up). */
export type JSONLikeObject = { [key: string]: JSONLikeValue }
/** A JSON-like value that may also be `undefined`. */
export type JSONLikeValue = JSONPrimitive | JSONLikeObject | JSONLikeValue[] | undefined
