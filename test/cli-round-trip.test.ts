/**
 * The authoring round trip, for real, for every destination template, in a
 * temporary folder outside the repository and without the network:
 * `destkit init --yes` → `destkit generate:action` → `destkit generate:types --check`
 * → `destkit generate:docs --check` → `destkit validate` → the new package's own
 * vitest tests; then every scaffold's TypeScript type check. Each scaffold gets
 * `@destkit/core`, vitest, nock and TypeScript by links into its node_modules, as
 * `npm install` would give it.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { repositoryRoot } from './fixtures.js'

const BIN = join(repositoryRoot, 'packages/cli/bin/run.js')
const TEMPLATES = ['minimal', 'basic-auth', 'custom-auth', 'oauth2', 'audience']
/** What `npm install` would put in a scaffold's node_modules (its devDependencies). */
const DEPENDENCIES = ['@destkit/core', 'vitest', 'nock', 'typescript', '@types/node']

interface Run {
  code: number
  stdout: string
  stderr: string
}

/** Runs a Node.js script to completion (never rejects: the exit code is part of the answer). */
function node(args: string[], cwd: string): Promise<Run> {
  // The nested vitest must not think it runs inside this one.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')))
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { cwd, env: { ...env, NO_COLOR: '1', FORCE_COLOR: '0' } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        resolve({ code, stdout, stderr })
      }
    )
  })
}

const destkit = (cwd: string, ...args: string[]) => node([BIN, ...args], cwd)

/** A step's result, with its output in the failure message so a failing step explains itself. */
function expectSuccess(step: string, result: Run): void {
  expect({ step, code: result.code, stderr: result.stderr }).toEqual({ step, code: 0, stderr: '' })
}

function linkDependencies(directory: string): void {
  for (const name of DEPENDENCIES) {
    const link = join(directory, 'node_modules', name)
    mkdirSync(dirname(link), { recursive: true })
    symlinkSync(realpathSync(join(repositoryRoot, 'node_modules', name)), link, 'junction')
  }
}

let root: string

beforeAll(() => {
  root = mkdtempSync(join(realpathSync(tmpdir()), 'destkit-round-trip-'))
})

afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('the authoring round trip', () => {
  it.concurrent.each(TEMPLATES)(
    '%s: init → generate:action → generate:types --check → validate → its own tests pass',
    async (template) => {
      const slug = `acme-${template}`
      const directory = join(root, slug)
      // An apostrophe in the name: it lands inside TypeScript strings and JSON.
      const name = `Acme's ${template}`

      const init = await destkit(
        root,
        'init',
        '--yes',
        '--name',
        name,
        '--slug',
        slug,
        '--template',
        template,
        '--json'
      )
      expectSuccess('init', init)
      const created = JSON.parse(init.stdout) as { files: string[] }
      expect(created).toMatchObject({
        directory,
        name,
        slug,
        template,
        packageName: `destkit-destination-${slug}`
      })
      const exampleAction = template === 'audience' ? 'syncAudience' : 'sendEvent'
      expect(created.files).toEqual(
        expect.arrayContaining([
          '.gitignore',
          'README.md',
          'package.json',
          'tsconfig.json',
          'vitest.config.ts',
          'src/index.ts',
          'src/generated-types.ts',
          `src/${exampleAction}/index.ts`,
          `src/${exampleAction}/generated-types.ts`
        ])
      )
      expect(created.files.some((file) => /^src\/__tests__\/.+\.test\.ts$/.test(file))).toBe(true)
      // The link to the CLI's @destkit/core that generated the types is gone again.
      expect(existsSync(join(directory, 'node_modules'))).toBe(false)

      const packageJson = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'))
      expect(packageJson).toMatchObject({
        name: `destkit-destination-${slug}`,
        type: 'module',
        keywords: expect.arrayContaining(['destkit-destination']),
        destkit: { slug, name }
      })
      expect(readFileSync(join(directory, 'README.md'), 'utf8')).toContain(`# ${name}\n`)

      linkDependencies(directory)

      const action = await destkit(directory, 'generate:action', 'track purchase', '--json')
      expectSuccess('generate:action', action)
      expect(JSON.parse(action.stdout)).toMatchObject({
        destination: slug,
        actionId: 'trackPurchase',
        title: 'Track Purchase',
        files: expect.arrayContaining([
          'src/index.ts',
          'src/trackPurchase/index.ts',
          'src/trackPurchase/generated-types.ts',
          'src/__tests__/trackPurchase.test.ts'
        ])
      })
      expect(readFileSync(join(directory, 'src/index.ts'), 'utf8')).toContain(
        "import trackPurchase from './trackPurchase/index.js'"
      )

      expectSuccess('generate:types --check', await destkit(directory, 'generate:types', '--check'))
      expectSuccess('generate:docs --check', await destkit(directory, 'generate:docs', '--check'))
      expectSuccess('validate', await destkit(directory, 'validate'))

      const tests = await node([join(directory, 'node_modules/vitest/vitest.mjs'), 'run'], directory)
      expectSuccess('vitest run', { ...tests, stderr: tests.code === 0 ? '' : tests.stdout + tests.stderr })
      expect(tests.stdout).toContain('trackPurchase.test.ts')
      expect(tests.stdout).toMatch(/Tests\s+\d+ passed/)
    },
    // About 10 s each alone; the margin is for a machine busy with the rest of the suite.
    120_000
  )

  // After the round trips (concurrent tests finish before the next sequential one starts):
  // one compiler process checks all five packages, tests included, faster than five would.
  it('every scaffold, with its added action, type-checks under its own tsconfig', async () => {
    const typecheck = await node(
      [
        join(repositoryRoot, 'node_modules/typescript/bin/tsc'),
        '--build',
        '--noEmit',
        ...TEMPLATES.map((template) => join(root, `acme-${template}`))
      ],
      root
    )
    expectSuccess('tsc --build --noEmit', { ...typecheck, stderr: typecheck.stdout + typecheck.stderr })
  }, 60_000)
})
