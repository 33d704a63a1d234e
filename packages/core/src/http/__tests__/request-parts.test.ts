import { basicAuthHeader } from '../basic-auth.js'
import { createHeaders } from '../headers.js'
import { isJsonContentType, parseResponseData } from '../parse-response-data.js'
import { encodeRequestBody } from '../request-body.js'
import { resolveRequestUrl, searchParamsToString } from '../request-url.js'
import { createSentRequest, sentRequestBody } from '../sent-request.js'

describe('basicAuthHeader', () => {
  it('encodes user:password in base64', () => {
    expect(basicAuthHeader('api', 's3cret')).toBe('Basic YXBpOnMzY3JldA==')
    expect(basicAuthHeader('', 'only-password')).toBe(
      `Basic ${Buffer.from(':only-password').toString('base64')}`
    )
  })

  it('encodes non-ASCII characters as UTF-8', () => {
    expect(basicAuthHeader('jürgen', 'pässword')).toBe(
      `Basic ${Buffer.from('jürgen:pässword', 'utf8').toString('base64')}`
    )
  })
})

describe('resolveRequestUrl', () => {
  it('joins prefixUrl and path with one slash', () => {
    expect(resolveRequestUrl('users', { prefixUrl: 'https://api.example.com/v2' })).toBe(
      'https://api.example.com/v2/users'
    )
    expect(resolveRequestUrl('/users', { prefixUrl: 'https://api.example.com/v2/' })).toBe(
      'https://api.example.com/v2/users'
    )
  })

  it('replaces the query string with searchParams', () => {
    expect(resolveRequestUrl('https://a.example/x?old=1', { searchParams: { n: 2 } })).toBe(
      'https://a.example/x?n=2'
    )
  })

  it('keeps the query string when there are no searchParams', () => {
    expect(resolveRequestUrl('https://a.example/x?old=1', {})).toBe('https://a.example/x?old=1')
  })

  it('throws on a relative URL without prefixUrl', () => {
    expect(() => resolveRequestUrl('users', {})).toThrow()
  })
})

describe('searchParamsToString', () => {
  it('serialises objects, skipping null and undefined', () => {
    expect(searchParamsToString({ q: 'a b', limit: 10, flag: false, cursor: null, page: undefined })).toBe(
      'q=a+b&limit=10&flag=false'
    )
  })

  it('accepts URLSearchParams and strings', () => {
    expect(
      searchParamsToString(
        new URLSearchParams([
          ['a', '1'],
          ['a', '2']
        ])
      )
    ).toBe('a=1&a=2')
    expect(searchParamsToString('?x=1&y=2')).toBe('x=1&y=2')
  })
})

describe('encodeRequestBody', () => {
  it('encodes json, with json winning over body', () => {
    expect(encodeRequestBody({ json: { a: 1 }, body: 'ignored' })).toEqual({
      body: '{"a":1}',
      contentType: 'application/json'
    })
    expect(encodeRequestBody({ json: null })).toEqual({ body: 'null', contentType: 'application/json' })
  })

  it('encodes form bodies and strings like fetch', () => {
    expect(encodeRequestBody({ body: new URLSearchParams({ a: 'b c' }) })).toEqual({
      body: 'a=b+c',
      contentType: 'application/x-www-form-urlencoded;charset=UTF-8'
    })
    expect(encodeRequestBody({ body: 'hello' })).toEqual({
      body: 'hello',
      contentType: 'text/plain;charset=UTF-8'
    })
  })

  it('passes bytes through without a content type', () => {
    const bytes = new Uint8Array([1, 2, 3])
    const encoded = encodeRequestBody({ body: bytes })
    expect(encoded.contentType).toBeUndefined()
    expect([...(encoded.body as Buffer)]).toEqual([1, 2, 3])
    expect(encodeRequestBody({})).toEqual({ body: undefined })
  })
})

describe('parseResponseData', () => {
  it('parses data for the content types the compatible runtime parses: those naming application/json', () => {
    expect(isJsonContentType('application/json; charset=utf-8')).toBe(true)
    expect(isJsonContentType('Application/JSON')).toBe(true)
    // Destinations written for the compatible runtime parse these themselves (data is text there).
    expect(isJsonContentType('application/problem+json')).toBe(false)
    expect(isJsonContentType('application/vnd.api+json')).toBe(false)
    expect(isJsonContentType('text/json-ish')).toBe(false)
    expect(isJsonContentType(null)).toBe(false)
  })

  it('parses JSON, gives undefined when it does not parse, text otherwise', () => {
    expect(parseResponseData(Buffer.from('{"ok":true}'), 'application/json')).toEqual({ ok: true })
    expect(parseResponseData(Buffer.from('{oops'), 'application/json')).toBeUndefined()
    expect(parseResponseData(Buffer.from(''), 'application/json')).toBeUndefined()
    expect(parseResponseData(Buffer.from('hi'), 'text/plain')).toBe('hi')
  })

  it('follows responseType', () => {
    expect(parseResponseData(Buffer.from('[1]'), 'text/plain', 'json')).toEqual([1])
    expect(parseResponseData(Buffer.from('[1]'), 'application/json', 'text')).toBe('[1]')
    expect(Buffer.isBuffer(parseResponseData(Buffer.from('x'), null, 'buffer'))).toBe(true)
  })
})

describe('createHeaders', () => {
  it('reads case-insensitively and joins arrays', () => {
    const headers = createHeaders({
      'Content-Type': 'application/json',
      'Set-Cookie': ['a=1', 'b=2'],
      'X-None': undefined
    })
    expect(headers.get('content-type')).toBe('application/json')
    expect(headers.get('CONTENT-TYPE')).toBe('application/json')
    expect(headers.has('x-none')).toBe(false)
    expect(headers.get('missing')).toBeNull()
    expect(headers.toJSON()).toEqual({ 'content-type': 'application/json', 'set-cookie': 'a=1, b=2' })
    expect([...headers]).toEqual([
      ['content-type', 'application/json'],
      ['set-cookie', 'a=1, b=2']
    ])
  })
})

describe('createSentRequest', () => {
  it('returns exactly the bytes sent', async () => {
    const request = createSentRequest({
      url: 'https://a.example/',
      method: 'POST',
      headers: {},
      body: '{"a":1}'
    })
    expect(await request.text()).toBe('{"a":1}')
    expect(await request.json()).toEqual({ a: 1 })
    expect(sentRequestBody(request)).toBe('{"a":1}')
  })

  it('has an empty text without a body', async () => {
    const request = createSentRequest({
      url: 'https://a.example/',
      method: 'GET',
      headers: {},
      body: undefined
    })
    expect(await request.text()).toBe('')
    expect(sentRequestBody(request)).toBeUndefined()
  })
})
