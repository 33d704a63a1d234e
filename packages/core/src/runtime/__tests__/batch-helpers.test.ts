import { HTTPError } from '../../errors/http-errors.js'
import { RetryableError } from '../../errors/errors.js'
import { createRequestClient } from '../../http/create-request-client.js'
import { jsonByteLength } from '../../util/json-byte-length.js'
import { batchErrorEntry } from '../batch-error-entry.js'
import { chunkByJsonBytes } from '../chunk-by-json-bytes.js'
import nock from 'nock'

describe('chunkByJsonBytes', () => {
  it('keeps every chunk’s JSON array within the limit, in order', () => {
    expect(chunkByJsonBytes([600, 600, 600], 1300)).toEqual([[0, 1], [2]])
    // [a,b] of 600 + 1 + 600 + 2 = 1203 bytes fits exactly; one byte less does not.
    expect(chunkByJsonBytes([600, 600], 1203)).toEqual([[0, 1]])
    expect(chunkByJsonBytes([600, 600], 1202)).toEqual([[0], [1]])
  })

  it('gives an item larger than the limit a chunk of its own', () => {
    expect(chunkByJsonBytes([10, 5000, 10], 100)).toEqual([[0], [1], [2]])
  })

  it('matches the real size of the JSON array it predicts', () => {
    const events = Array.from({ length: 50 }, (_, i) => ({ event: `Ünïcode ${i}`, n: i }))
    const sizes = events.map((event) => jsonByteLength(event))
    for (const chunk of chunkByJsonBytes(sizes, 500)) {
      expect(Buffer.byteLength(JSON.stringify(chunk.map((i) => events[i])))).toBeLessThanOrEqual(500)
    }
  })

  it('returns no chunk for no items', () => {
    expect(chunkByJsonBytes([], 100)).toEqual([])
  })
})

describe('batchErrorEntry', () => {
  afterEach(() => nock.cleanAll())

  it('keeps the HTTP status, code and Retry-After of a failed request', async () => {
    nock('https://api.example.com').post('/batch').reply(429, { error: 'slow down' }, { 'retry-after': '30' })
    const error = await createRequestClient()('https://api.example.com/batch', {
      method: 'post',
      json: []
    }).catch((thrown: unknown) => thrown as HTTPError)
    expect(batchErrorEntry(error)).toEqual({
      status: 429,
      errortype: 'TOO_MANY_REQUESTS',
      errormessage: expect.stringContaining('429'),
      retryAfterMs: 30_000
    })
  })

  it('gives a transient failure without a status 503, and anything else 500', () => {
    // A RetryableError carries its own status (500 by default), which stays retryable.
    expect(batchErrorEntry(new RetryableError('busy'))).toMatchObject({
      status: 500,
      errortype: 'RETRYABLE_ERROR'
    })
    expect(batchErrorEntry(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toMatchObject(
      {
        status: 503,
        errortype: 'ECONNRESET'
      }
    )
    expect(batchErrorEntry(new Error('bug'))).toMatchObject({ status: 500, errormessage: 'bug' })
  })
})
