import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { DestinationDefinition } from '@destkit/core'
import type { DestinationPackage } from '../../load/destination-package.js'
import { createServedDestination, type ServedDestination } from '../served-destination.js'
import { startServer, type RunningServer } from '../server.js'

const GOOD_KEY = 'good-key-123'

/** The vendor API: a node:http server on 127.0.0.1 that records what it receives. */
let api: Server
let apiBase: string
const received: Array<{ method: string; url: string; authorization?: string; body: unknown }> = []

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  return text === '' ? undefined : (JSON.parse(text) as unknown)
}

function definition(title = 'Track'): DestinationDefinition {
  return {
    name: 'Acme',
    mode: 'cloud',
    description: 'Acme for tests.',
    authentication: {
      scheme: 'custom',
      fields: {
        apiKey: { label: 'API Key', type: 'password', required: true },
        region: { label: 'Region', type: 'string', default: 'us' }
      },
      testAuthentication: (request) => request(`${apiBase}/me`)
    },
    extendRequest: ({ settings }) => ({
      headers: { authorization: `Bearer ${(settings as { apiKey: string }).apiKey}` }
    }),
    presets: [
      {
        name: 'Track Calls',
        subscribe: 'type = "track"',
        partnerAction: 'track',
        mapping: {},
        type: 'automatic'
      }
    ],
    actions: {
      track: {
        title,
        description: 'Sends an event.',
        defaultSubscription: 'type = "track"',
        fields: {
          name: { label: 'Name', type: 'string', required: true, default: { '@path': '$.event' } },
          userId: { label: 'User ID', type: 'string', default: { '@path': '$.userId' } },
          token: { label: 'Token', type: 'password' }
        },
        dynamicFields: {
          list_id: async (request, { payload, page }) => {
            const response = await request<{ lists: Array<{ id: string; name: string }> }>(
              `${apiBase}/lists?page=${page ?? '1'}&name=${String((payload as { name?: string }).name)}`
            )
            return { choices: response.data.lists.map((list) => ({ label: list.name, value: list.id })) }
          },
          broken: () => ({ choices: [], error: { code: 'NO_LISTS', message: 'The account has no lists.' } })
        },
        perform: (request, { payload }) => request(`${apiBase}/track`, { method: 'post', json: payload }),
        performBatch: (request, { payload }) => request(`${apiBase}/batch`, { method: 'post', json: payload })
      },
      identify: {
        title: 'Identify',
        description: 'Identifies a user.',
        fields: { email: { label: 'Email', type: 'string', format: 'email', required: true } },
        perform: (request, { payload }) => request(`${apiBase}/identify`, { method: 'post', json: payload })
      }
    }
  }
}

const target: DestinationPackage = {
  directory: '/nowhere/acme',
  sourceEntry: '/nowhere/acme/src/index.ts',
  manifest: {
    slug: 'acme',
    name: 'Acme',
    description: 'Acme for tests.',
    packageName: 'destination-acme',
    version: '1.0.0',
    directory: '/nowhere/acme'
  }
}

let nextDefinition: () => DestinationDefinition = () => definition()
let served: ServedDestination
let server: RunningServer

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(new URL(path.replace(/^\//, ''), server.url), {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) })
  })
  const text = await response.text()
  return { status: response.status, headers: response.headers, text, json: JSON.parse(text) as any }
}

beforeAll(async () => {
  api = createServer((request, response) => {
    void readBody(request).then((body) => {
      received.push({
        method: request.method!,
        url: request.url!,
        ...(request.headers.authorization && { authorization: request.headers.authorization }),
        body
      })
      const url = new URL(request.url!, 'http://api.invalid')
      const authorized = request.headers.authorization === `Bearer ${GOOD_KEY}`
      let status = 200
      let answer: unknown = { ok: true }
      if (url.pathname === '/me') status = authorized ? 200 : 401
      else if (url.pathname === '/track' && (body as { name?: string }).name === 'fail') {
        status = 500
        answer = { message: 'upstream broke' }
      } else if (url.pathname === '/track') answer = { accepted: body }
      else if (url.pathname === '/lists')
        answer = { lists: [{ id: `l-${url.searchParams.get('page')}`, name: url.searchParams.get('name') }] }
      response.writeHead(status, { 'content-type': 'application/json' })
      response.end(JSON.stringify(answer))
    })
  })
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve))
  apiBase = `http://127.0.0.1:${(api.address() as AddressInfo).port}`
  served = createServedDestination(target, async () => nextDefinition())
  await served.reload()
  server = await startServer({ destinations: [served], port: 0 })
})

afterAll(async () => {
  await server.close()
  await new Promise((resolve) => api.close(resolve))
})

beforeEach(() => {
  received.length = 0
})

describe('GET /manifest and the page', () => {
  it('describes the destination without functions', async () => {
    const { status, json, text } = await call('GET', '/manifest')
    expect(status).toBe(200)
    expect(text).not.toContain('=>')
    const [acme] = json.destinations
    expect(acme).toMatchObject({
      slug: 'acme',
      name: 'Acme',
      packageName: 'destination-acme',
      routePrefix: '',
      revision: 1,
      authentication: { scheme: 'custom', testAuthentication: true, refreshAccessToken: false },
      settings: { apiKey: { label: 'API Key', type: 'password', required: true } },
      presets: [{ name: 'Track Calls', partnerAction: 'track' }]
    })
    expect(acme.actions.map((action: { id: string }) => action.id)).toEqual(['track', 'identify'])
    expect(acme.actions[0]).toMatchObject({
      title: 'Track',
      defaultMapping: { name: { '@path': '$.event' }, userId: { '@path': '$.userId' } },
      dynamicFields: ['list_id', 'broken'],
      batch: true,
      fields: { name: { label: 'Name', type: 'string', required: true } }
    })
    expect(acme.actions[1]).toMatchObject({ batch: false, dynamicFields: [] })
    expect(acme.error).toBeUndefined()
  })

  it('serves the self-contained page', async () => {
    const response = await fetch(server.url)
    const html = await response.text()
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(html).toContain('<textarea id="mapping"')
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+stylesheet|https?:\/\/(?!example\.com)/)
  })
})

describe('POST /authenticate', () => {
  it('answers 200 when testAuthentication accepts the settings', async () => {
    const { status, json } = await call('POST', '/authenticate', { settings: { apiKey: GOOD_KEY } })
    expect(status).toBe(200)
    expect(json).toMatchObject({ ok: true, tested: true })
    expect(json.requests[0].request.headers.authorization).toBe('Bearer [REDACTED]')
    expect(received[0]).toMatchObject({ url: '/me', authorization: `Bearer ${GOOD_KEY}` })
  })

  it('accepts the settings as the whole body (as the peer server does)', async () => {
    const { status } = await call('POST', '/authenticate', { apiKey: GOOD_KEY })
    expect(status).toBe(200)
  })

  it('answers 401 when they are refused, without echoing the key', async () => {
    const { status, json, text } = await call('POST', '/authenticate', {
      settings: { apiKey: 'bad-key-456' }
    })
    expect(status).toBe(401)
    expect(json.ok).toBe(false)
    expect(json.error).toEqual({
      code: 'INVALID_AUTHENTICATION',
      message: 'Credentials are invalid: 401 Unauthorized'
    })
    expect(text).not.toContain('bad-key-456')
  })

  it('answers 422 for settings that do not validate', async () => {
    const { status, json } = await call('POST', '/authenticate', { settings: {} })
    expect(status).toBe(422)
    expect(json.error.code).toBe('INVALID_SETTINGS')
  })
})

describe('POST /<actionId>', () => {
  const event = { type: 'track', event: 'Signed Up', userId: 'u1' }

  it('maps the event with the default mapping, sends it and answers what was sent and received', async () => {
    const { status, json, text } = await call('POST', '/track', { event, settings: { apiKey: GOOD_KEY } })
    expect(status).toBe(200)
    expect(json.data).toEqual({ accepted: { name: 'Signed Up', userId: 'u1' } })
    expect(json.payload).toEqual({ name: 'Signed Up', userId: 'u1' })
    expect(json.requests).toHaveLength(1)
    expect(json.requests[0].request).toMatchObject({ method: 'POST', url: `${apiBase}/track` })
    expect(json.requests[0].response.status).toBe(200)
    expect(received).toEqual([
      {
        method: 'POST',
        url: '/track',
        authorization: `Bearer ${GOOD_KEY}`,
        body: { name: 'Signed Up', userId: 'u1' }
      }
    ])
    expect(text).not.toContain(GOOD_KEY)
  })

  it('uses the mapping given, and a payload as is', async () => {
    const mapped = await call('POST', '/track', {
      event,
      mapping: { name: { '@template': '{{event}}!' } },
      settings: { apiKey: GOOD_KEY }
    })
    expect(mapped.json.payload).toEqual({ name: 'Signed Up!' })
    const asIs = await call('POST', '/track', {
      payload: { name: 'Direct', extra: 1 },
      settings: { apiKey: GOOD_KEY }
    })
    expect(asIs.status).toBe(200)
    expect(received[1].body).toEqual({ name: 'Direct' })
  })

  it('masks a password field of the payload everywhere in the answer', async () => {
    const { status, json, text } = await call('POST', '/track', {
      event,
      mapping: { name: 'x', token: 'payload-secret-789' },
      settings: { apiKey: GOOD_KEY }
    })
    expect(status).toBe(200)
    expect(received[0].body).toEqual({ name: 'x', token: 'payload-secret-789' })
    expect(json.payload.token).toBe('[REDACTED]')
    expect(text).not.toContain('payload-secret-789')
  })

  it('runs the batch path for an array: 200 when all succeed', async () => {
    const { status, json } = await call('POST', '/track', {
      event: [event, { ...event, event: 'Logged In' }],
      settings: { apiKey: GOOD_KEY }
    })
    expect(status).toBe(200)
    expect(json.multistatus.map((entry: { status: number }) => entry.status)).toEqual([200, 200])
    expect(received).toEqual([
      expect.objectContaining({
        url: '/batch',
        body: [
          { name: 'Signed Up', userId: 'u1' },
          { name: 'Logged In', userId: 'u1' }
        ]
      })
    ])
  })

  it('answers 207 when some events of a batch fail, and 501 for an action without performBatch', async () => {
    const mixed = await call('POST', '/track', {
      event: [event, { type: 'track' }],
      settings: { apiKey: GOOD_KEY }
    })
    expect(mixed.status).toBe(207)
    expect(mixed.json.multistatus[1]).toMatchObject({ status: 400, errortype: 'PAYLOAD_VALIDATION_FAILED' })
    const unsupported = await call('POST', '/identify', {
      payload: [{ email: 'a@example.com' }],
      settings: { apiKey: GOOD_KEY }
    })
    expect(unsupported.status).toBe(501)
    expect(unsupported.json.error.code).toBe('NOT_IMPLEMENTED_BY_DESTINATION')
  })

  it('answers 422 for a payload, settings or mapping that does not validate', async () => {
    const payload = await call('POST', '/identify', {
      payload: { email: 'nope' },
      settings: { apiKey: GOOD_KEY }
    })
    expect(payload.status).toBe(422)
    expect(payload.json.error.code).toBe('PAYLOAD_VALIDATION_FAILED')
    expect(payload.json.issues[0].path).toBe('/email')
    const settings = await call('POST', '/track', { event })
    expect(settings.status).toBe(422)
    expect(settings.json.error.code).toBe('INVALID_SETTINGS')
    const mapping = await call('POST', '/track', {
      event,
      mapping: { name: { '@path': 1 } },
      settings: { apiKey: GOOD_KEY }
    })
    expect(mapping.status).toBe(422)
    expect(mapping.json.error.code).toBe('INVALID_MAPPING')
    expect(mapping.json.problems[0].pointer).toBe('/name/@path')
    expect(received).toEqual([])
  })

  it("answers 502 with the API's status when the API fails", async () => {
    const { status, json } = await call('POST', '/track', {
      payload: { name: 'fail' },
      settings: { apiKey: GOOD_KEY }
    })
    expect(status).toBe(502)
    expect(json.error).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', httpStatus: 500 })
    expect(json.requests[0].response).toMatchObject({ status: 500, body: '{"message":"upstream broke"}' })
  })

  it('answers 400 for a malformed body and 404 for an unknown action', async () => {
    expect((await call('POST', '/track', { settings: {} })).json.error).toEqual({
      code: 'INVALID_REQUEST',
      message:
        'The body needs an "event" (a Segment event to map) or a "payload" (the action\'s payload as is).'
    })
    expect((await call('POST', '/track', { event, payload: {} })).status).toBe(400)
    expect((await call('POST', '/track', { event: 'x' })).status).toBe(400)
    expect((await call('POST', '/track', { event: [] })).status).toBe(400)
    expect((await call('POST', '/track', { event, settings: [] })).status).toBe(400)
    expect((await call('POST', '/track', '{"event":')).json.error.code).toBe('INVALID_JSON')
    const unknown = await call('POST', '/trak', { event })
    expect(unknown.status).toBe(404)
    expect(unknown.json.error.message).toBe("'trak' is not an action of Acme (did you mean 'track'?).")
  })
})

describe('POST /<actionId>/preview', () => {
  it('answers the mapped and validated payload without sending', async () => {
    const { status, json } = await call('POST', '/track/preview', {
      event: { type: 'track', event: 'Signed Up', userId: 42 }
    })
    expect(status).toBe(200)
    expect(json).toEqual({
      valid: true,
      payload: { name: 'Signed Up', userId: '42' },
      warnings: [expect.objectContaining({ code: 'COERCED', path: '/userId' })]
    })
    expect(received).toEqual([])
  })

  it('answers what fails for an invalid payload, and one result per event of an array', async () => {
    const invalid = await call('POST', '/track/preview', { event: { type: 'track' } })
    expect(invalid.status).toBe(200)
    expect(invalid.json).toMatchObject({ valid: false, payload: {}, issues: [{ field: 'name' }] })
    const batch = await call('POST', '/track/preview', { event: [{ event: 'a' }, {}] })
    expect(batch.json.results.map((one: { valid: boolean }) => one.valid)).toEqual([true, false])
  })
})

describe('POST /<actionId>/<dynamicField>', () => {
  it("answers the field's choices", async () => {
    const { status, json } = await call('POST', '/track/list_id', {
      settings: { apiKey: GOOD_KEY },
      payload: { name: 'Newsletter' },
      page: '2'
    })
    expect(status).toBe(200)
    expect(json.choices).toEqual([{ label: 'Newsletter', value: 'l-2' }])
  })

  it('answers 502 with the error the function returned, and 404 for an unknown field', async () => {
    const broken = await call('POST', '/track/broken', { settings: { apiKey: GOOD_KEY } })
    expect(broken.status).toBe(502)
    expect(broken.json.error).toEqual({ code: 'NO_LISTS', message: 'The account has no lists.' })
    const unknown = await call('POST', '/track/list', { settings: {} })
    expect(unknown.status).toBe(404)
    expect(unknown.json.error).toEqual({
      code: 'DYNAMIC_FIELD_NOT_FOUND',
      message: "The action 'track' has no dynamic field 'list' (did you mean 'list_id'?)."
    })
  })
})

describe('POST /refreshAccessToken', () => {
  it('answers 501 for a destination without OAuth2, and 400 without auth', async () => {
    expect((await call('POST', '/refreshAccessToken', { settings: {} })).status).toBe(400)
    const { status, json } = await call('POST', '/refreshAccessToken', {
      settings: {},
      auth: { refreshToken: 'r-123456', clientId: 'c', clientSecret: 's-123456' }
    })
    expect(status).toBe(501)
    expect(json.error.code).toBe('NOT_IMPLEMENTED_BY_DESTINATION')
  })
})

describe('what the server refuses', () => {
  it('answers 405 with Allow, 404 for unknown paths, 415 for a body that is not JSON', async () => {
    const wrongMethod = await call('GET', '/track')
    expect(wrongMethod.status).toBe(405)
    expect(wrongMethod.headers.get('allow')).toBe('POST')
    expect((await call('POST', '/track/name/more', {})).status).toBe(404)
    const form = await fetch(new URL('track', server.url), {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"event":{}}'
    })
    expect(form.status).toBe(415)
    expect(received).toEqual([])
  })

  it('answers 403 to a request for another host name (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        new URL('manifest', server.url),
        { headers: { host: 'evil.example:80' } },
        (response) => {
          response.resume()
          resolve(response.statusCode!)
        }
      )
      request.on('error', reject)
      request.end()
    })
    expect(status).toBe(403)
  })
})

describe('reloading', () => {
  afterEach(async () => {
    nextDefinition = () => definition()
    await served.reload()
  })

  it('serves a new definition once it reloads', async () => {
    nextDefinition = () => definition('Track Event')
    expect(await served.reload()).toMatchObject({ ok: true })
    const { json } = await call('GET', '/manifest')
    expect(json.destinations[0].actions[0].title).toBe('Track Event')
    expect(json.destinations[0].revision).toBeGreaterThan(1)
  })

  it('keeps the last good definition when an import fails, and reports why in /manifest', async () => {
    nextDefinition = () => {
      throw new Error('src/index.ts failed to import: Unexpected token')
    }
    expect(await served.reload()).toMatchObject({ ok: false })
    const { json } = await call('GET', '/manifest')
    expect(json.destinations[0].error).toMatchObject({
      code: 'IMPORT_FAILED',
      message: 'src/index.ts failed to import: Unexpected token'
    })
    expect(json.destinations[0].actions[0].title).toBe('Track')
    expect((await call('POST', '/track/preview', { event: { event: 'a' } })).status).toBe(200)
  })

  it('refuses a definition that does not check, keeping the last good one', async () => {
    nextDefinition = () => ({ ...definition(), actions: {} })
    const result = await served.reload()
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_DEFINITION' } })
    expect(served.current()?.definition.actions.track).toBeDefined()
  })

  it('answers 503 while a destination has never imported', async () => {
    const never = createServedDestination(
      { ...target, manifest: { ...target.manifest, slug: 'never' } },
      async () => {
        throw new Error('never.ts failed to import: boom')
      }
    )
    await never.reload()
    const other = await startServer({ destinations: [served, never], port: 0 })
    try {
      const response = await fetch(new URL('never/track', other.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"event":{}}'
      })
      expect(response.status).toBe(503)
      expect(((await response.json()) as any).error).toEqual({
        code: 'DESTINATION_NOT_LOADED',
        message:
          'The definition of never is not available: never.ts failed to import: boom (fix it and save: serve reloads it).'
      })
      const manifest = (await (await fetch(new URL('manifest', other.url))).json()) as any
      expect(manifest.destinations.map((one: { routePrefix: string }) => one.routePrefix)).toEqual([
        '/acme',
        '/never'
      ])
      expect(manifest.destinations[1]).toMatchObject({
        revision: 0,
        actions: [],
        error: { code: 'IMPORT_FAILED' }
      })
    } finally {
      await other.close()
    }
  })
})
