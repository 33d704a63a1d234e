/**
 * `destkit serve` on a bundled destination: the definition runs on the copy of
 * @destkit/core its sources import, so the runtime recognises what the
 * destination returns and throws (a MultiStatusResponse, an HTTPError).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { repositoryRoot } from './fixtures.js'

const BIN = join(repositoryRoot, 'packages/cli/bin/run.js')

let api: Server
let apiBase: string
let serve: ChildProcess
let serveUrl: string
let stderr = ''

beforeAll(async () => {
  api = createServer((request, response) => {
    request.resume()
    request.on('end', () => {
      const ok = request.url === '/ok'
      response.writeHead(ok ? 200 : 400, { 'content-type': 'application/json' })
      response.end(JSON.stringify(ok ? { accepted: true } : { error: 'bad event' }))
    })
  })
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve))
  apiBase = `http://127.0.0.1:${(api.address() as AddressInfo).port}`

  serve = spawn(
    process.execPath,
    [BIN, 'serve', '--path', join(repositoryRoot, 'packages/destinations/webhook'), '--port', '0', '--json'],
    { cwd: repositoryRoot, stdio: ['ignore', 'pipe', 'pipe'] }
  )
  serve.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  serveUrl = await new Promise<string>((resolve, reject) => {
    let stdout = ''
    serve.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      if (stdout.includes('\n')) resolve((JSON.parse(stdout.split('\n')[0]) as { url: string }).url)
    })
    serve.once('exit', (code) => reject(new Error(`serve exited with ${code} before listening:\n${stderr}`)))
  })
}, 60_000)

afterAll(async () => {
  if (serve && serve.exitCode === null) {
    const exited = new Promise((resolve) => serve.once('exit', resolve))
    serve.kill('SIGINT')
    await exited
  }
  await new Promise((resolve) => api?.close(resolve))
})

async function post(path: string, body: unknown) {
  const response = await fetch(new URL(path, serveUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body)
  })
  return { status: response.status, json: (await response.json()) as any }
}

describe('destkit serve on a bundled destination', () => {
  it('reports each event of a batch by the MultiStatusResponse the destination returns', async () => {
    const { status, json } = await post('send', {
      settings: { allowPrivateNetworks: true },
      payload: [
        { url: `${apiBase}/ok`, method: 'POST', data: { n: 1 } },
        { url: `${apiBase}/bad`, method: 'POST', data: { n: 2 } }
      ]
    })
    expect(status).toBe(207)
    expect(json.multistatus.map((entry: { status: number }) => entry.status)).toEqual([200, 400])
  })

  it('classifies an HTTP error the destination lets through', async () => {
    const { status, json } = await post('send', {
      settings: { allowPrivateNetworks: true },
      payload: { url: `${apiBase}/bad`, method: 'POST', data: { n: 3 } }
    })
    expect(status).toBe(502)
    expect(json.error).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400 })
  })
})
