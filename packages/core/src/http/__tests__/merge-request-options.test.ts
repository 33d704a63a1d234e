import { mergeHeaders, mergeRequestOptions } from '../merge-request-options.js'
import { normalizeRequestOptions } from '../normalize-request-options.js'
import type { RequestHooks } from '../types.js'

describe('mergeRequestOptions', () => {
  it('merges headers case-insensitively, later wins, keys lower-cased', () => {
    const merged = mergeRequestOptions(
      { headers: { Authorization: 'Bearer a', 'X-Trace': '1' } },
      { headers: { AUTHORIZATION: 'Bearer b', Accept: 'application/json' } }
    )
    expect(merged.headers).toEqual({ authorization: 'Bearer b', 'x-trace': '1', accept: 'application/json' })
  })

  it('removes a header set to undefined in a later option', () => {
    const merged = mergeRequestOptions(
      { headers: { 'X-Remove-Me': 'yes', keep: 'k' } },
      { headers: { 'x-remove-me': undefined } }
    )
    expect(merged.headers).toEqual({ keep: 'k' })
  })

  it('concatenates hooks in order', () => {
    const a = () => undefined
    const b = () => undefined
    const c = () => undefined
    const merged = mergeRequestOptions(
      { hooks: { afterResponse: [a], beforeError: [c] } },
      { hooks: { afterResponse: [b] } },
      { hooks: { beforeRequest: [a] } }
    )
    const hooks = merged.hooks as RequestHooks
    expect(hooks.afterResponse).toEqual([a, b])
    expect(hooks.beforeError).toEqual([c])
    expect(hooks.beforeRequest).toEqual([a])
  })

  it('replaces searchParams instead of merging them', () => {
    const merged = mergeRequestOptions({ searchParams: { a: '1', b: '2' } }, { searchParams: { c: '3' } })
    expect(merged.searchParams).toEqual({ c: '3' })
  })

  it('takes other keys from the last option that sets them, ignoring explicit undefined', () => {
    const merged = mergeRequestOptions(
      { method: 'post', timeout: 500, prefixUrl: 'https://a.example' },
      { method: 'put', timeout: undefined },
      undefined
    )
    expect(merged).toEqual({ method: 'put', timeout: 500, prefixUrl: 'https://a.example' })
  })

  it('chains beforeRedirect checks so a later option cannot remove an earlier one', async () => {
    const seen: string[] = []
    const merged = mergeRequestOptions(
      { beforeRedirect: (url) => void seen.push(`guard ${url.hostname}`) },
      { beforeRedirect: (url) => void seen.push(`destination ${url.hostname}`) }
    )
    await merged.beforeRedirect!(new URL('https://next.example/'))
    expect(seen).toEqual(['guard next.example', 'destination next.example'])
  })

  it('stops the chain at the first beforeRedirect that throws', async () => {
    const later = vi.fn()
    const merged = mergeRequestOptions(
      {
        beforeRedirect: () => {
          throw new Error('private address')
        }
      },
      { beforeRedirect: later }
    )
    await expect(merged.beforeRedirect!(new URL('http://10.0.0.1/'))).rejects.toThrow('private address')
    expect(later).not.toHaveBeenCalled()
  })

  it('does not mutate its inputs', () => {
    const first = { headers: { A: '1' }, hooks: { afterResponse: [() => undefined] } }
    const snapshot = {
      headers: { ...first.headers },
      hooks: { afterResponse: [...first.hooks.afterResponse] }
    }
    mergeRequestOptions(first, { headers: { a: undefined }, hooks: { afterResponse: [() => undefined] } })
    expect(first).toEqual(snapshot)
  })
})

describe('mergeHeaders', () => {
  it('accepts a fetch Headers object and array values', () => {
    const merged = mergeHeaders({ accept: 'text/plain' }, new Headers({ Accept: 'application/json' }))
    expect(merged).toEqual({ accept: 'application/json' })
    expect(mergeHeaders({}, { 'X-Many': ['a', 'b'] })).toEqual({ 'x-many': ['a', 'b'] })
  })
})

describe('normalizeRequestOptions', () => {
  it('applies the defaults', () => {
    expect(normalizeRequestOptions({})).toEqual({
      method: 'GET',
      headers: {},
      timeout: 10_000,
      throwHttpErrors: true
    })
  })

  it('upper-cases the method and keeps explicit values', () => {
    const normalized = normalizeRequestOptions({ method: 'patch', timeout: 250, throwHttpErrors: false })
    expect(normalized).toMatchObject({ method: 'PATCH', timeout: 250, throwHttpErrors: false })
  })

  it('falls back to the default timeout for a nonsensical one', () => {
    expect(normalizeRequestOptions({ timeout: -1 }).timeout).toBe(10_000)
    expect(normalizeRequestOptions({ timeout: Number.NaN }).timeout).toBe(10_000)
  })
})
