import { createRedactor, isCredentialHeader, REDACTED, redactHeaders, redactUrl } from '../redact.js'
import { createHeaders } from '../headers.js'

const SECRET = 'sk_live_S3cr3t+/=Välue "quoted"'

describe('createRedactor', () => {
  const redact = createRedactor([SECRET, 'other-token-123'])

  it('masks every occurrence of each secret', () => {
    expect(redact(`a ${SECRET} b ${SECRET} c other-token-123`)).toBe(
      `a ${REDACTED} b ${REDACTED} c ${REDACTED}`
    )
  })

  it('masks the URL-encoded, form-encoded and JSON-escaped forms', () => {
    expect(redact(`?k=${encodeURIComponent(SECRET)}`)).toBe(`?k=${REDACTED}`)
    expect(redact(new URLSearchParams({ k: SECRET }).toString())).toBe(`k=${REDACTED}`)
    expect(redact(JSON.stringify({ k: SECRET }))).toBe(`{"k":"${REDACTED}"}`)
  })

  it('masks the Basic-auth base64 forms', () => {
    const b64 = (text: string) => Buffer.from(text).toString('base64')
    expect(redact(b64(`${SECRET}:`))).toBe(REDACTED)
    expect(redact(b64(`:${SECRET}`))).toBe(REDACTED)
    expect(redact(b64(`other-token-123:${SECRET}`))).toBe(REDACTED)
  })

  it('masks a longer secret whole when it contains a shorter one', () => {
    const nested = createRedactor(['abc', 'xxabcxx'])
    expect(nested('1 xxabcxx 2 abc')).toBe(`1 ${REDACTED} 2 ${REDACTED}`)
  })

  it('treats regular-expression characters literally', () => {
    expect(createRedactor(['a.c'])('abc a.c')).toBe(`abc ${REDACTED}`)
  })

  it('is the identity without secrets and ignores empty ones', () => {
    const none = createRedactor(['', ''])
    expect(none('nothing to hide')).toBe('nothing to hide')
  })
})

describe('isCredentialHeader', () => {
  it.each([
    'authorization',
    'Proxy-Authorization',
    'cookie',
    'set-cookie',
    'x-api-key',
    'api-key',
    'apikey',
    'X-Auth-Token',
    'x-client-secret',
    'x-user-password',
    'private-token',
    'x-shopify-access-token'
  ])('%s holds a credential', (name) => {
    expect(isCredentialHeader(name)).toBe(true)
  })

  it.each(['content-type', 'accept', 'user-agent', 'x-request-id', 'content-length'])(
    '%s does not',
    (name) => {
      expect(isCredentialHeader(name)).toBe(false)
    }
  )
})

describe('redactHeaders', () => {
  it('masks credential headers, keeping the scheme visible', () => {
    const redact = createRedactor([])
    expect(
      redactHeaders(
        {
          Authorization: 'Bearer abc.def',
          'X-Api-Key': 'k',
          Cookie: 'session=1',
          Accept: 'application/json'
        },
        redact
      )
    ).toEqual({
      authorization: `Bearer ${REDACTED}`,
      'x-api-key': REDACTED,
      cookie: REDACTED,
      accept: 'application/json'
    })
  })

  it('runs other headers through the redactor and accepts header objects', () => {
    const redact = createRedactor([SECRET])
    const headers = createHeaders({ 'x-echo': `value ${SECRET}`, 'set-cookie': ['a=1', 'b=2'] })
    expect(redactHeaders(headers, redact)).toEqual({ 'x-echo': `value ${REDACTED}`, 'set-cookie': REDACTED })
  })
})

describe('redactUrl', () => {
  it('masks user info and secrets in the query string', () => {
    const redact = createRedactor([SECRET])
    const url = new URL('https://user:pw@api.example.com/v1/x')
    url.searchParams.set('api_key', SECRET)
    expect(redactUrl(url.toString(), redact)).toBe(
      `https://${REDACTED}:${REDACTED}@api.example.com/v1/x?api_key=${REDACTED}`
    )
  })

  it('masks secrets in something that is not a URL', () => {
    expect(redactUrl(`not a url ${SECRET}`, createRedactor([SECRET]))).toBe(`not a url ${REDACTED}`)
  })
})
