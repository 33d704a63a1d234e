import { createHmac } from 'node:crypto'

/** The header that carries the body's signature when a shared secret is set. */
export const SIGNATURE_HEADER = 'x-signature'

/**
 * The signature of a request body: the hex-encoded HMAC-SHA1 of its exact UTF-8
 * bytes, keyed with the shared secret. It must be computed over the very string
 * that is sent, so the receiver, hashing the raw body it got, finds the same value.
 *
 * @example
 * signBody('{"event":"Signed Up"}', 'my-secret') // 40 hex characters
 */
export function signBody(body: string, sharedSecret: string): string {
  return createHmac('sha1', sharedSecret).update(body, 'utf8').digest('hex')
}
