import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import nock from 'nock'
import { IntegrationError } from '../../errors/errors.js'
import { classifyError } from '../classify-error.js'
import { createRequestClient } from '../create-request-client.js'
import { mergeRequestOptions } from '../merge-request-options.js'
import { assertPublicUrl, isPrivateAddress, publicOnlyLookup } from '../private-network-guard.js'

// A public address literal, so that nothing here needs DNS.
const PUBLIC = 'http://93.184.216.34'

beforeAll(() => {
  nock.disableNetConnect()
  // The loopback server, by address or by name (a name is refused where it is resolved).
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/)
})

afterEach(() => {
  nock.cleanAll()
})

afterAll(() => {
  nock.enableNetConnect()
})

describe('isPrivateAddress', () => {
  it.each([
    '10.0.0.1',
    '10.255.255.255',
    '172.16.0.1',
    '172.31.255.254',
    '192.168.1.1',
    '127.0.0.1',
    '127.8.8.8',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    '[::1]',
    'fe80::1',
    'fe80::1%eth0',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
    '::127.0.0.1',
    '64:ff9b::a00:1',
    '0:0:0:0:0:ffff:c0a8:0101'
  ])('%s is private', (address) => {
    expect(isPrivateAddress(address)).toBe(true)
  })

  it.each([
    '8.8.8.8',
    '93.184.216.34',
    '172.32.0.1',
    '172.15.255.255',
    '100.128.0.1',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    'example.com',
    ''
  ])('%s is not private', (address) => {
    expect(isPrivateAddress(address)).toBe(false)
  })
})

describe('assertPublicUrl', () => {
  const refusedCode = async (url: string, resolveHost?: (host: string) => Promise<string[]>) => {
    const error = await assertPublicUrl(url, resolveHost).then(
      () => undefined,
      (thrown: unknown) => thrown
    )
    return error instanceof IntegrationError ? error.code : error
  }

  it('refuses address literals in private ranges, in either family', async () => {
    expect(await refusedCode('http://127.0.0.1:8080/hook')).toBe('PRIVATE_NETWORK_REFUSED')
    expect(await refusedCode('http://169.254.169.254/latest/meta-data')).toBe('PRIVATE_NETWORK_REFUSED')
    expect(await refusedCode('http://[::1]/')).toBe('PRIVATE_NETWORK_REFUSED')
    expect(await refusedCode('http://[::ffff:10.0.0.1]/')).toBe('PRIVATE_NETWORK_REFUSED')
  })

  it('refuses the decimal and hexadecimal spellings of a private address (the URL parser normalises them)', async () => {
    expect(await refusedCode('http://2130706433/')).toBe('PRIVATE_NETWORK_REFUSED')
    expect(await refusedCode('http://0x7f.0.0.1/')).toBe('PRIVATE_NETWORK_REFUSED')
  })

  it('refuses a host name that resolves to any private address, naming the host and the address', async () => {
    const error = await assertPublicUrl('https://hooks.internal.test/in', async () => [
      '93.184.216.34',
      '10.1.2.3'
    ]).catch((thrown: unknown) => thrown as IntegrationError)
    expect(error).toBeInstanceOf(IntegrationError)
    expect(error?.message).toBe(
      'Refused to send a request to "hooks.internal.test", which resolves to 10.1.2.3: it is a private, loopback ' +
        'or link-local address. Allow private networks in the destination settings to reach it.'
    )
    expect(classifyError(error)).toMatchObject({ status: 'failed', code: 'PRIVATE_NETWORK_REFUSED' })
  })

  it('resolves localhost with the system resolver and refuses it', async () => {
    expect(await refusedCode('http://localhost:3000/')).toBe('PRIVATE_NETWORK_REFUSED')
  })

  it('lets public hosts and names that do not resolve through', async () => {
    await expect(
      assertPublicUrl('https://hooks.example.com/in', async () => ['93.184.216.34'])
    ).resolves.toBeUndefined()
    await expect(
      assertPublicUrl('https://nowhere.invalid/', async () => {
        throw Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.invalid'), { code: 'ENOTFOUND' })
      })
    ).resolves.toBeUndefined()
    await expect(assertPublicUrl('http://8.8.8.8/')).resolves.toBeUndefined()
  })

  it('refuses schemes other than http and https', async () => {
    const error = await assertPublicUrl('file:///etc/passwd').catch((thrown: unknown) => thrown as Error)
    expect(error?.message).toBe(
      'Refused to send a request with the "file" scheme: only http and https URLs are allowed.'
    )
  })
})

describe('publicOnlyLookup (the connect-time check)', () => {
  const lookup = (hostname: string, options: object) =>
    new Promise<{ error: NodeJS.ErrnoException | null; address: unknown }>((resolve) => {
      publicOnlyLookup(hostname, options, (error, address) => resolve({ error, address }))
    })

  it('fails the connection when the name resolves to a private address', async () => {
    const { error } = await lookup('localhost', {})
    expect(error).toBeInstanceOf(IntegrationError)
    expect((error as IntegrationError).code).toBe('PRIVATE_NETWORK_REFUSED')
    const all = await lookup('localhost', { all: true })
    expect((all.error as IntegrationError).code).toBe('PRIVATE_NETWORK_REFUSED')
  })

  it('passes resolution errors through unchanged', async () => {
    const { error } = await lookup('nowhere.invalid', {})
    expect(error?.code).toMatch(/ENOTFOUND|EAI_AGAIN/)
  })
})

describe('the request client with blockPrivateNetworks', () => {
  let server: Server
  let port: number
  let hits = 0

  beforeAll(async () => {
    server = createServer((_request, response) => {
      hits++
      response.setHeader('content-type', 'application/json')
      response.end('{"ok":true}')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
  })

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve))
  })

  it('refuses a private URL before any connection is made', async () => {
    hits = 0
    const request = createRequestClient({ blockPrivateNetworks: true })
    await expect(request(`http://127.0.0.1:${port}/hook`)).rejects.toMatchObject({
      code: 'PRIVATE_NETWORK_REFUSED',
      retryable: false
    })
    await expect(request(`http://localhost:${port}/hook`)).rejects.toMatchObject({
      code: 'PRIVATE_NETWORK_REFUSED'
    })
    expect(hits).toBe(0)
  })

  it('is off by default: the same server is reachable without it', async () => {
    const response = await createRequestClient()(`http://127.0.0.1:${port}/hook`)
    expect(response.data).toEqual({ ok: true })
  })

  it('refuses a redirect to a private address, at every hop', async () => {
    hits = 0
    const scope = nock(PUBLIC)
      .post('/hook')
      .reply(307, '', { location: `${PUBLIC}/second` })
      .post('/second')
      .reply(302, '', { location: `http://127.0.0.1:${port}/internal` })
    const request = createRequestClient({ blockPrivateNetworks: true })
    await expect(request(`${PUBLIC}/hook`, { method: 'post', json: { a: 1 } })).rejects.toMatchObject({
      code: 'PRIVATE_NETWORK_REFUSED'
    })
    expect(scope.isDone()).toBe(true)
    expect(hits).toBe(0)
  })

  it('follows redirects between public addresses', async () => {
    nock(PUBLIC)
      .get('/a')
      .reply(302, '', { location: `${PUBLIC}/b` })
      .get('/b')
      .reply(200, { ok: true })
    const response = await createRequestClient({ blockPrivateNetworks: true })(`${PUBLIC}/a`)
    expect(response.data).toEqual({ ok: true })
  })

  it('runs the options’ own redirect check after the guard', async () => {
    const seen: string[] = []
    nock(PUBLIC)
      .get('/a')
      .reply(302, '', { location: `${PUBLIC}/b` })
      .get('/b')
      .reply(200, {})
    await createRequestClient({
      blockPrivateNetworks: true,
      beforeRedirect: (url) => void seen.push(url.pathname)
    })(`${PUBLIC}/a`)
    expect(seen).toEqual(['/b'])
  })

  it('stays on once any merged option turns it on', () => {
    expect(
      mergeRequestOptions({ blockPrivateNetworks: true }, { blockPrivateNetworks: false })
    ).toMatchObject({
      blockPrivateNetworks: true
    })
    expect(mergeRequestOptions({ blockPrivateNetworks: false }, {})).not.toHaveProperty(
      'blockPrivateNetworks',
      true
    )
  })
})
