import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { CliError } from '../../util/cli-error.js'
import { initDestination, renderDestination } from '../init-destination.js'
import { DESTINATION_TEMPLATES, destinationTemplate, findTemplatesDirectory } from '../templates.js'

const run = promisify(execFile)
const BIN = fileURLToPath(new URL('../../../bin/run.js', import.meta.url))
const repository = fileURLToPath(new URL('../../../../../', import.meta.url))
const templates = findTemplatesDirectory()

describe('the destination templates', () => {
  it('are found at the repository root', () => {
    expect(templates).toBe(join(repository, 'templates'))
  })

  it.each(DESTINATION_TEMPLATES.map((template) => template.name))(
    '%s renders a complete package with every token replaced',
    (name) => {
      const files = renderDestination(
        destinationTemplate(name),
        { name: 'Acme CRM', slug: 'acme-crm' },
        templates
      )
      for (const [path, contents] of files) {
        expect({ path, tokens: `${path}\n${contents}`.match(/__[A-Z][A-Z0-9_]*__/g) }).toEqual({
          path,
          tokens: null
        })
      }
      const paths = [...files.keys()]
      expect(paths).toEqual(
        expect.arrayContaining([
          '.gitignore',
          'package.json',
          'tsconfig.json',
          'vitest.config.ts',
          'src/index.ts'
        ])
      )
      expect(paths.some((path) => /^src\/[A-Za-z]+\/index\.ts$/.test(path))).toBe(true)
      expect(paths.some((path) => /^src\/__tests__\/.+\.test\.ts$/.test(path))).toBe(true)

      const packageJson = JSON.parse(files.get('package.json')!)
      expect(packageJson).toMatchObject({
        name: 'destkit-destination-acme-crm',
        type: 'module',
        keywords: expect.arrayContaining(['destkit-destination']),
        destkit: { slug: 'acme-crm', name: 'Acme CRM', description: 'Send events to Acme CRM.' },
        exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js' } },
        scripts: { build: expect.any(String), test: 'vitest run' }
      })
      expect(Object.keys(packageJson.devDependencies)).toEqual(
        expect.arrayContaining(['@destkit/core', 'vitest', 'nock', 'typescript'])
      )
      const tsconfig = JSON.parse(files.get('tsconfig.json')!)
      expect(tsconfig.extends).toBeUndefined()
      expect(tsconfig.compilerOptions).toMatchObject({ strict: true, module: 'NodeNext', outDir: 'dist' })
      expect(files.get('vitest.config.ts')).toContain('globals: true')
    }
  )

  it.each([
    ['oauth2', ["scheme: 'oauth2'", 'refreshAccessToken:']],
    ['audience', ['audienceFields:', 'audienceConfig:', 'createAudience:', 'getAudience:']],
    ['basic-auth', ["scheme: 'basic'", "type: 'password'"]],
    ['custom-auth', ["scheme: 'custom'", "type: 'password'", 'testAuthentication:']]
  ])('%s has what it is for', (name, snippets) => {
    const index = renderDestination(destinationTemplate(name), { name: 'Acme', slug: 'acme' }, templates).get(
      'src/index.ts'
    )!
    for (const snippet of snippets) expect(index).toContain(snippet)
  })

  it("pins the versions the repository itself uses, so a scaffold's tests run like the bundled ones", () => {
    const root = JSON.parse(readFileSync(join(repository, 'package.json'), 'utf8'))
    const core = JSON.parse(readFileSync(join(repository, 'packages/core/package.json'), 'utf8'))
    const scaffold = JSON.parse(readFileSync(join(templates, 'destination/_common/package.json'), 'utf8'))
    for (const name of ['vitest', 'nock', 'typescript', '@types/node']) {
      expect({ name, version: scaffold.devDependencies[name] }).toEqual({
        name,
        version: root.devDependencies[name]
      })
    }
    expect(scaffold.devDependencies['@destkit/core']).toBe(`^${core.version}`)
    expect(scaffold.peerDependencies['@destkit/core']).toBe(`^${core.version}`)
  })
})

describe('initDestination', () => {
  let directory: string
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'destkit-init-'))
  })
  afterEach(() => rmSync(directory, { recursive: true, force: true }))

  it('refuses a folder that is not empty, writing nothing', async () => {
    writeFileSync(join(directory, 'notes.txt'), 'mine')
    const error = await initDestination({
      name: 'Acme',
      slug: 'acme',
      template: 'minimal',
      directory: '.',
      cwd: directory
    }).catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(CliError)
    expect((error as Error).message).toBe(
      `The folder ${directory} is not empty: pick another --directory, or pass --force to write the destination into it.`
    )
    expect(readdirSync(directory)).toEqual(['notes.txt'])
  })

  it('refuses a bad slug or template before writing anything', async () => {
    await expect(
      initDestination({ name: 'Acme', slug: 'Acme!', template: 'minimal', cwd: directory })
    ).rejects.toThrow('Invalid slug "Acme!"')
    await expect(
      initDestination({ name: 'Acme', slug: 'acme', template: 'soap', cwd: directory })
    ).rejects.toThrow(
      'Unknown template "soap": use one of minimal, basic-auth, custom-auth, oauth2, audience.'
    )
    expect(readdirSync(directory)).toEqual([])
  })

  it('scaffolds into ./<slug>, generating types and README, and leaves no node_modules behind', async () => {
    const result = await initDestination({
      name: 'Acme CRM',
      slug: 'acme-crm',
      template: 'custom-auth',
      cwd: directory
    })
    const target = join(directory, 'acme-crm')
    expect(result).toMatchObject({ directory: target, packageName: 'destkit-destination-acme-crm' })
    expect(result.files).toEqual(
      expect.arrayContaining(['README.md', 'src/generated-types.ts', 'src/sendEvent/generated-types.ts'])
    )
    expect(readFileSync(join(target, 'src/generated-types.ts'), 'utf8')).toContain('  apiKey: string\n')
    expect(readFileSync(join(target, 'README.md'), 'utf8')).toContain(
      '| API Key (`apiKey`) | password | yes |'
    )
    expect(existsSync(join(target, 'node_modules'))).toBe(false)
  })
})

describe('destkit init', () => {
  let directory: string
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'destkit-init-cli-'))
  })
  afterEach(() => rmSync(directory, { recursive: true, force: true }))

  const destkit = (...args: string[]) =>
    run(process.execPath, [BIN, ...args], { cwd: directory }).then(
      (result) => ({ code: 0, ...result }),
      (error: { code: number; stdout: string; stderr: string }) => error
    )

  it('refuses a non-empty folder with one sentence, and writes into it with --force', async () => {
    mkdirSync(join(directory, 'acme'))
    writeFileSync(join(directory, 'acme/notes.txt'), 'mine')
    const refused = await destkit('init', '--yes', '--name', 'Acme')
    expect(refused.code).toBe(1)
    expect(refused.stderr).toBe(
      `Error: The folder ${join(directory, 'acme')} is not empty: pick another --directory, or pass --force to write the destination into it.\n`
    )
    expect(readdirSync(join(directory, 'acme'))).toEqual(['notes.txt'])

    const forced = await destkit('init', '--yes', '--name', 'Acme', '--force', '--json')
    expect(forced.code).toBe(0)
    expect(JSON.parse(forced.stdout)).toMatchObject({ slug: 'acme', template: 'minimal' })
    expect(readdirSync(join(directory, 'acme'))).toEqual(
      expect.arrayContaining(['notes.txt', 'package.json'])
    )
  })

  it('without a terminal and without --name, says what to pass', async () => {
    const result = await destkit('init')
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(
      'Error: Missing --name: pass it (and --slug, --template as needed), or run init in a terminal to be asked.\n'
    )
  })
})
