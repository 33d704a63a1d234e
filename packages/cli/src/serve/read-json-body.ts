/**
 * Reading a request's JSON body. A non-empty body must say it is JSON: a web
 * page of another origin cannot send that without the browser asking first
 * (CORS preflight, which serve never allows), so it cannot make the server send
 * events on its behalf.
 */
import type { IncomingMessage } from 'node:http'
import { ApiError } from './api-error.js'

/** The largest body accepted: 10 MiB (a big batch of events). */
export const MAX_BODY_BYTES = 10 * 1024 * 1024

/**
 * The parsed body; `{}` when the body is empty.
 *
 * @example
 * const body = await readJsonBody(request) // { event: {…}, settings: {…} }
 */
export async function readJsonBody(request: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > maxBytes) {
      throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `The body is larger than ${maxBytes} bytes.`)
    }
    chunks.push(chunk as Buffer)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  if (text.trim() === '') return {}
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()
  if (mediaType !== 'application/json' && !mediaType.endsWith('+json')) {
    throw new ApiError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      `The body must be JSON sent with Content-Type: application/json${mediaType ? `, not ${mediaType}` : ''}.`
    )
  }
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw new ApiError(400, 'INVALID_JSON', `The body is not valid JSON: ${(error as Error).message}.`)
  }
}
