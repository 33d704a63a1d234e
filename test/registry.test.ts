/**
 * The registry over the real workspace: ten bundled destinations listed without
 * importing any, one loaded alone, and a third-party package discovered and
 * loaded the same way.
 */
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import nock from 'nock'
import { createRegistry, RegistryError } from '@destkit/core'
import { BUNDLED_SLUGS, repositoryRoot } from './fixtures.js'

const run = promisify(execFile)

/**
 * Runs in a fresh process, recording every module URL resolved (the ESM module
 * cache has no public listing, so a resolve hook records what enters it).
 */
const probe = `
import { registerHooks } from 'node:module'
const resolved = []
registerHooks({ resolve(specifier, context, next) { const result = next(specifier, context); resolved.push(result.url); return result } })
const { createRegistry } = await import('@destkit/core')
const destinationModules = () => resolved.filter((url) => url.includes('/packages/destinations/'))
const registry = createRegistry({ roots: [process.cwd()] })
const list = registry.list()
const afterList = destinationModules()
const slack = await registry.load('slack')
console.log(JSON.stringify({ list, afterList, afterLoad: destinationModules(), name: slack.name, actions: Object.keys(slack.actions) }))
`

describe('the registry over the bundled destinations', () => {
  it('lists all ten without importing any, and load("slack") imports only slack', async () => {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', probe], {
      cwd: repositoryRoot
    })
    const result = JSON.parse(stdout) as {
      list: Array<{ slug: string; packageName: string; name: string; version: string; description: string }>
      afterList: string[]
      afterLoad: string[]
      name: string
    }
    expect(result.list.map((entry) => entry.slug)).toEqual(BUNDLED_SLUGS)
    for (const entry of result.list) {
      expect(entry.packageName).toBe(`@destkit/destination-${entry.slug}`)
      expect(entry.name).not.toBe('')
      expect(entry.description).not.toBe('')
      expect(entry.version).toMatch(/^\d+\.\d+\.\d+/)
    }
    expect(result.afterList).toEqual([])
    expect(result.afterLoad.length).toBeGreaterThan(0)
    for (const url of result.afterLoad) expect(url).toContain('/packages/destinations/slack/')
    expect(result.name).toBe('Slack')
  })

  it('suggests the closest slug for an unknown one', async () => {
    const error = await createRegistry({ roots: [repositoryRoot] })
      .load('hubspt')
      .catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(RegistryError)
    expect((error as RegistryError).message).toMatch(
      /^Unknown destination "hubspt" \(did you mean "hubspot"\?\)/
    )
  })

  it('loads every bundled destination as a checked definition', async () => {
    const registry = createRegistry({ roots: [repositoryRoot] })
    expect(registry.problems()).toEqual([])
    for (const slug of BUNDLED_SLUGS) {
      const destination = await registry.load(slug)
      expect(Object.keys(destination.actions).length).toBeGreaterThan(0)
    }
  })
})

describe('a third-party destination package from npm', () => {
  let root: string

  beforeAll(() => {
    // An application with the package installed in its node_modules, next to @destkit/core.
    root = mkdtempSync(join(tmpdir(), 'destkit-third-party-'))
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'app', private: true }))
    mkdirSync(join(root, 'node_modules/@destkit'), { recursive: true })
    symlinkSync(join(repositoryRoot, 'packages/core'), join(root, 'node_modules/@destkit/core'), 'dir')
    const packageDirectory = join(root, 'node_modules/@acme/destkit-destination-pager')
    mkdirSync(join(packageDirectory, 'lib'), { recursive: true })
    writeFileSync(
      join(packageDirectory, 'package.json'),
      JSON.stringify({
        name: '@acme/destkit-destination-pager',
        version: '3.1.0',
        type: 'module',
        keywords: ['destkit-destination'],
        destkit: { slug: 'acme-pager', name: 'Acme Pager', description: 'Pages the on-call person.' },
        exports: { '.': './lib/index.js' },
        peerDependencies: { '@destkit/core': '*' }
      })
    )
    writeFileSync(
      join(packageDirectory, 'lib/index.js'),
      `import { defaultValues } from '@destkit/core'
const fields = { summary: { label: 'Summary', description: 'What happened.', type: 'string', required: true, default: { '@path': '$.event' } } }
export default {
  name: 'Acme Pager',
  mode: 'cloud',
  authentication: { scheme: 'custom', fields: { apiKey: { label: 'API Key', description: 'Key.', type: 'password', required: true } } },
  extendRequest: ({ settings }) => ({ headers: { authorization: 'Token ' + settings.apiKey } }),
  presets: [{ name: 'Track', subscribe: 'type = "track"', partnerAction: 'page', mapping: defaultValues(fields), type: 'automatic' }],
  actions: {
    page: {
      title: 'Page', description: 'Pages someone.', fields,
      perform: (request, { payload }) => request('https://pager.acme.test/v1/pages', { method: 'post', json: payload })
    }
  }
}
`
    )
  })

  afterAll(() => {
    rmSync(root, { recursive: true, force: true })
    nock.cleanAll()
  })

  it('is listed beside the bundled ones and loaded and run the same way', async () => {
    const registry = createRegistry({ roots: [repositoryRoot, root] })
    expect(registry.list().map((entry) => entry.slug)).toEqual([...BUNDLED_SLUGS, 'acme-pager'].sort())
    expect(registry.list().find((entry) => entry.slug === 'acme-pager')).toEqual({
      slug: 'acme-pager',
      name: 'Acme Pager',
      description: 'Pages the on-call person.',
      packageName: '@acme/destkit-destination-pager',
      version: '3.1.0',
      directory: join(root, 'node_modules/@acme/destkit-destination-pager')
    })

    const pager = await registry.load('acme-pager')
    const scope = nock('https://pager.acme.test', { reqheaders: { authorization: 'Token k-123' } })
      .post('/v1/pages', { summary: 'Disk Full' })
      .reply(201, { id: 'p1' })
    const instance = pager.configure({
      settings: { apiKey: 'k-123' },
      mappings: [{ id: 'track', actionId: 'page', trigger: 'type = "track"' }]
    })
    const [outcome] = await instance.deliver({ type: 'track', event: 'Disk Full', userId: 'u1' })
    expect(outcome.status).toBe('delivered')
    expect(scope.isDone()).toBe(true)
  })
})
