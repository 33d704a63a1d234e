/**
 * Network error codes (Node.js, undici, got) after which a later retry may
 * succeed: the connection or the name lookup failed, not the request itself.
 */

/** Network error codes after which a retry may succeed. */
export const retryableNetworkCodes: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ENETUNREACH',
  'ENETDOWN',
  'ENETRESET',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'EADDRINUSE',
  'EADDRNOTAVAIL',
  'ERR_STREAM_PREMATURE_CLOSE',
  // The connection closed before the announced body length arrived.
  'ERR_HTTP_CONTENT_LENGTH_MISMATCH',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
  'ERR_HTTP2_STREAM_ERROR',
  'ERR_HTTP2_SESSION_ERROR',
  'ERR_HTTP2_GOAWAY_SESSION',
  'ERR_HTTP2_STREAM_CANCEL',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT'
])

/** Plain-language descriptions of the most common codes, for error messages. */
const descriptions: Readonly<Record<string, string>> = {
  ECONNRESET: 'the connection was reset by the server',
  ECONNREFUSED: 'the server refused the connection',
  ECONNABORTED: 'the connection was aborted',
  ETIMEDOUT: 'the connection timed out',
  EPIPE: 'the connection was closed while sending',
  EAI_AGAIN: 'the host name lookup failed temporarily',
  ENOTFOUND: 'the host name could not be found',
  ENETUNREACH: 'the network is unreachable',
  EHOSTUNREACH: 'the host is unreachable',
  ERR_STREAM_PREMATURE_CLOSE: 'the connection closed before the response was complete',
  ERR_HTTP_CONTENT_LENGTH_MISMATCH: 'the connection closed before the whole body arrived',
  ERR_TOO_MANY_REDIRECTS: 'there were too many redirects'
}

/**
 * Whether a retry may succeed after a network error with this code.
 *
 * @example
 * isRetryableNetworkCode('ECONNRESET')            // true
 * isRetryableNetworkCode('CERT_HAS_EXPIRED')      // false
 */
export function isRetryableNetworkCode(code: string | undefined): boolean {
  return code !== undefined && retryableNetworkCodes.has(code)
}

/**
 * A short description of a network error code, for messages.
 *
 * @example
 * describeNetworkCode('ECONNREFUSED') // 'the server refused the connection'
 * describeNetworkCode('EPROTO')       // 'a network error occurred'
 */
export function describeNetworkCode(code: string): string {
  return descriptions[code] ?? 'a network error occurred'
}
