/**
 * `destkit serve` as a real process: a small destination package in a temporary
 * folder, its API a node:http server on 127.0.0.1, the routes over HTTP, hot
 * reload after a source edit, and the page driven in headless Chromium.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import { repositoryRoot } from './fixtures.js'

const BIN = join(repositoryRoot, 'packages/cli/bin/run.js')
const CHROMIUM = '/usr/bin/chromium'
const GOOD_KEY = 'acme-key-1234'

const indexSource = `import type { DestinationDefinition } from '@destkit/core'
import track from './track/index.js'

interface Settings {
  apiKey: string
  endpoint: string
}

const destination: DestinationDefinition<Settings> = {
  name: 'Acme',
  mode: 'cloud',
  authentication: {
    scheme: 'custom',
    fields: {
      apiKey: { label: 'API Key', description: 'Your key.', type: 'password', required: true },
      endpoint: { label: 'Endpoint', description: 'The API base URL.', type: 'string', required: true }
    },
    testAuthentication: (request, { settings }) => request(settings.endpoint + '/me')
  },
  extendRequest: ({ settings }) => ({ headers: { authorization: 'Bearer ' + settings.apiKey } }),
  actions: { track }
}

export default destination
`

const trackSource = (title: string) => `import type { ActionDefinition } from '@destkit/core'

const track: ActionDefinition<{ apiKey: string; endpoint: string }> = {
  title: '${title}',
  description: 'Sends an event to Acme.',
  defaultSubscription: 'type = "track"',
  fields: {
    name: { label: 'Name', description: 'The event name.', type: 'string', required: true, default: { '@path': '$.event' } },
    userId: { label: 'User ID', description: 'Who did it.', type: 'string', default: { '@path': '$.userId' } }
  },
  perform: (request, { settings, payload }) => request(settings.endpoint + '/track', { method: 'post', json: payload })
}

export default track
`

/** The vendor API the destination sends to. */
let api: Server
let apiBase: string
const received: Array<{ url: string; authorization?: string; body: unknown }> = []

let packageDirectory: string
let serve: ChildProcess
let serveUrl: string
let stderr = ''

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  return text === '' ? undefined : (JSON.parse(text) as unknown)
}

async function post(path: string, body: unknown) {
  const response = await fetch(new URL(path, serveUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body)
  })
  const text = await response.text()
  return { status: response.status, text, json: JSON.parse(text) as any }
}

async function manifest(): Promise<any> {
  const response = await fetch(new URL('manifest', serveUrl))
  expect(response.status).toBe(200)
  return ((await response.json()) as { destinations: any[] }).destinations[0]
}

/** Polls until `check` returns a value (hot reload takes a file event and an import). */
async function eventually<T>(check: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let attempt = 0; attempt < 150; attempt++) {
    const value = await check()
    if (value !== undefined) return value
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`Timed out waiting for ${what}. serve's stderr:\n${stderr}`)
}

beforeAll(async () => {
  api = createServer((request, response) => {
    void readBody(request).then((body) => {
      received.push({
        url: request.url!,
        ...(request.headers.authorization && { authorization: request.headers.authorization }),
        body
      })
      const authorized = request.headers.authorization === `Bearer ${GOOD_KEY}`
      response.writeHead(authorized ? 200 : 401, { 'content-type': 'application/json' })
      response.end(JSON.stringify(authorized ? { accepted: body ?? null } : { error: 'bad key' }))
    })
  })
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve))
  apiBase = `http://127.0.0.1:${(api.address() as AddressInfo).port}`

  packageDirectory = mkdtempSync(join(tmpdir(), 'destkit-serve-'))
  mkdirSync(join(packageDirectory, 'src/track'), { recursive: true })
  writeFileSync(
    join(packageDirectory, 'package.json'),
    JSON.stringify({
      name: 'destination-acme',
      version: '0.0.1',
      type: 'module',
      destkit: { slug: 'acme', name: 'Acme', description: 'Acme, for the serve test.' }
    })
  )
  writeFileSync(join(packageDirectory, 'src/index.ts'), indexSource)
  writeFileSync(join(packageDirectory, 'src/track/index.ts'), trackSource('Track'))

  serve = spawn(process.execPath, [BIN, 'serve', '--path', packageDirectory, '--port', '0', '--json'], {
    cwd: repositoryRoot,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  serve.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const started = await new Promise<{ url: string; destinations: unknown[] }>((resolve, reject) => {
    let stdout = ''
    serve.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const line = stdout.split('\n')[0]
      if (stdout.includes('\n')) resolve(JSON.parse(line) as { url: string; destinations: unknown[] })
    })
    serve.once('exit', (code) => reject(new Error(`serve exited with ${code} before listening:\n${stderr}`)))
  })
  serveUrl = started.url
  expect(started.destinations).toEqual([{ slug: 'acme', routePrefix: '' }])
}, 60_000)

afterAll(async () => {
  if (serve && serve.exitCode === null) {
    const exited = new Promise((resolve) => serve.once('exit', resolve))
    serve.kill('SIGINT')
    await exited
  }
  await new Promise((resolve) => api?.close(resolve))
  if (packageDirectory) rmSync(packageDirectory, { recursive: true, force: true })
})

beforeEach(() => {
  received.length = 0
})

describe('destkit serve', () => {
  it('listens on 127.0.0.1 and describes the destination at GET /manifest', async () => {
    expect(serveUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    const acme = await manifest()
    expect(acme).toMatchObject({
      slug: 'acme',
      name: 'Acme',
      revision: 1,
      settings: { apiKey: { type: 'password', required: true }, endpoint: { type: 'string' } },
      actions: [
        {
          id: 'track',
          title: 'Track',
          defaultMapping: { name: { '@path': '$.event' }, userId: { '@path': '$.userId' } }
        }
      ]
    })
  })

  it('runs testAuthentication at POST /authenticate, never echoing the key', async () => {
    const accepted = await post('authenticate', { settings: { apiKey: GOOD_KEY, endpoint: apiBase } })
    expect(accepted.status).toBe(200)
    expect(accepted.json).toMatchObject({ ok: true, tested: true })
    expect(received).toEqual([{ url: '/me', authorization: `Bearer ${GOOD_KEY}`, body: undefined }])
    expect(accepted.text).not.toContain(GOOD_KEY)

    const refused = await post('authenticate', { settings: { apiKey: 'wrong-key-5678', endpoint: apiBase } })
    expect(refused.status).toBe(401)
    expect(refused.json.error).toEqual({
      code: 'INVALID_AUTHENTICATION',
      message: 'Credentials are invalid: 401 Unauthorized'
    })
    expect(refused.text).not.toContain('wrong-key-5678')
  })

  it('runs an action at POST /<actionId>: maps the event, sends it to the API, answers the result', async () => {
    const { status, json, text } = await post('track', {
      event: { type: 'track', event: 'Order Completed', userId: 'user-1' },
      settings: { apiKey: GOOD_KEY, endpoint: apiBase }
    })
    expect(status).toBe(200)
    expect(json.payload).toEqual({ name: 'Order Completed', userId: 'user-1' })
    expect(json.data).toEqual({ accepted: { name: 'Order Completed', userId: 'user-1' } })
    expect(json.requests[0].request.headers.authorization).toBe('Bearer [REDACTED]')
    expect(received).toEqual([
      {
        url: '/track',
        authorization: `Bearer ${GOOD_KEY}`,
        body: { name: 'Order Completed', userId: 'user-1' }
      }
    ])
    expect(text).not.toContain(GOOD_KEY)
  })

  it('reloads the definition when a source file changes, and keeps the last good one when it breaks', async () => {
    const trackFile = join(packageDirectory, 'src/track/index.ts')
    writeFileSync(trackFile, trackSource('Track Order'))
    const reloaded = await eventually(async () => {
      const acme = await manifest()
      return acme.actions[0].title === 'Track Order' ? acme : undefined
    }, 'the new title in /manifest')
    expect(reloaded.revision).toBeGreaterThan(1)
    expect(reloaded.error).toBeUndefined()

    writeFileSync(
      trackFile,
      readFileSync(trackFile, 'utf8').replace('export default track', 'export default {')
    )
    const broken = await eventually(async () => {
      const acme = await manifest()
      return acme.error ? acme : undefined
    }, 'the import error in /manifest')
    expect(broken.error.code).toBe('IMPORT_FAILED')
    expect(broken.error.message).toContain('src/index.ts failed to import')
    expect(broken.actions[0].title).toBe('Track Order')
    await eventually(
      async () => (stderr.includes('still serving the last good definition') ? true : undefined),
      'the import error on stderr'
    )
    const stillServing = await post('track/preview', { event: { type: 'track', event: 'Still Here' } })
    expect(stillServing.json).toMatchObject({ valid: true, payload: { name: 'Still Here' } })

    writeFileSync(trackFile, trackSource('Track'))
    await eventually(async () => {
      const acme = await manifest()
      return acme.error === undefined && acme.actions[0].title === 'Track' ? acme : undefined
    }, 'the fixed definition in /manifest')
  }, 60_000)

  describe('the page', () => {
    let browser: Browser

    beforeAll(async () => {
      browser = await chromium.launch({ headless: true, executablePath: CHROMIUM, args: ['--no-sandbox'] })
    }, 60_000)

    afterAll(async () => {
      await browser?.close()
    })

    it('previews the mapping live and sends the event through the page', async () => {
      const page = await browser.newPage()
      const pageErrors: string[] = []
      page.on('pageerror', (error) => pageErrors.push(error.message))
      await page.goto(serveUrl)

      // The default mapping, resolved against the page's sample track event.
      await page.waitForSelector('#preview[data-state="valid"]')
      expect(await page.inputValue('#action')).toBe('track')
      expect(JSON.parse((await page.textContent('#preview')) ?? '')).toEqual({
        name: 'Order Completed',
        userId: 'user-1234'
      })

      // Editing the event and the mapping updates the preview.
      await page.fill('#event', JSON.stringify({ type: 'track', event: 'Signed Up', userId: 'user-9' }))
      await page.fill(
        '#mapping',
        JSON.stringify({ name: { '@template': '{{event}} via page' }, userId: { '@path': '$.userId' } })
      )
      await page.locator('#preview', { hasText: 'Signed Up via page' }).waitFor()
      expect(JSON.parse((await page.textContent('#preview')) ?? '')).toEqual({
        name: 'Signed Up via page',
        userId: 'user-9'
      })

      // A mapping that misses a required field shows as invalid.
      await page.fill('#mapping', JSON.stringify({ userId: { '@path': '$.userId' } }))
      await page.waitForSelector('#preview[data-state="invalid"]')
      expect(await page.textContent('#preview-notes')).toBe(
        "✗ The root value is missing the required field 'name'."
      )

      // Send with the settings typed in the form.
      await page.fill('#mapping', JSON.stringify({ name: { '@template': '{{event}} via page' } }))
      await page.waitForSelector('#preview[data-state="valid"]')
      await page.fill('#settings input[name="apiKey"]', GOOD_KEY)
      await page.fill('#settings input[name="endpoint"]', apiBase)
      await page.click('#send')
      await page.waitForSelector('#result[data-state="sent"]')
      expect(await page.textContent('#send-status')).toBe('200 sent')
      expect(received).toEqual([
        { url: '/track', authorization: `Bearer ${GOOD_KEY}`, body: { name: 'Signed Up via page' } }
      ])
      const result = JSON.parse((await page.textContent('#result')) ?? '')
      expect(result.data).toEqual({ accepted: { name: 'Signed Up via page' } })
      expect(JSON.stringify(result)).not.toContain(GOOD_KEY)

      // A refused key shows the error.
      await page.fill('#settings input[name="apiKey"]', 'wrong-key-5678')
      await page.click('#send')
      await page.waitForSelector('#result[data-state="failed"]')
      expect(await page.textContent('#send-status')).toContain('502 UNAUTHORIZED')

      // An edit to the sources shows in the open page without reloading it.
      writeFileSync(join(packageDirectory, 'src/track/index.ts'), trackSource('Track From Page'))
      await page
        .locator('#action option', { hasText: 'Track From Page (track)' })
        .waitFor({ state: 'attached', timeout: 15_000 })
      expect(pageErrors).toEqual([])
      await page.close()
    }, 60_000)
  })

  it('stops on SIGINT with exit code 0', async () => {
    const exited = new Promise<number | null>((resolve) => serve.once('exit', (code) => resolve(code)))
    serve.kill('SIGINT')
    expect(await exited).toBe(0)
  })
})
