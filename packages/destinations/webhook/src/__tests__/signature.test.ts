import { createHmac } from 'node:crypto'
import { signBody } from '../signature.js'

describe('signBody', () => {
  it('matches the published HMAC-SHA1 test vector (RFC 2202, test case 2)', () => {
    expect(signBody('what do ya want for nothing?', 'Jefe')).toBe('effcdf6ae5eb2fa2d27416d5f184df9c259a7c79')
  })

  it('is the hex HMAC-SHA1 of the body’s UTF-8 bytes, as a receiver computes it from the raw body', () => {
    const body = JSON.stringify({ event: 'Café ☕ 注文', emoji: '👩‍💻', userId: 'u_1' })
    const received = Buffer.from(body, 'utf8')
    const expected = createHmac('sha1', Buffer.from('whsec_8dY2', 'utf8')).update(received).digest('hex')
    expect(signBody(body, 'whsec_8dY2')).toBe(expected)
    expect(signBody(body, 'whsec_8dY2')).toMatch(/^[0-9a-f]{40}$/)
  })

  it('changes when a single byte of the body or the secret changes', () => {
    const signature = signBody('{"a":1}', 'secret')
    expect(signBody('{"a":2}', 'secret')).not.toBe(signature)
    expect(signBody('{"a": 1}', 'secret')).not.toBe(signature)
    expect(signBody('{"a":1}', 'secreT')).not.toBe(signature)
  })
})
