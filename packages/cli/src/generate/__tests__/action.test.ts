import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CliError } from '../../util/cli-error.js'
import { generateAction } from '../action.js'

/** A destination package that needs nothing installed: its definition is a plain object. */
function writePackage(directory: string, index: string): void {
  writeFileSync(
    join(directory, 'package.json'),
    JSON.stringify({ name: 'destination-acme', type: 'module', destkit: { slug: 'acme', name: 'Acme' } })
  )
  mkdirSync(join(directory, 'src/send'), { recursive: true })
  writeFileSync(join(directory, 'src/index.ts'), index)
  writeFileSync(
    join(directory, 'src/send/index.ts'),
    "export default { title: 'Send', description: 'Sends.', fields: {}, perform: () => undefined }\n"
  )
}

/** Every file under `directory`, relative, sorted. */
function tree(directory: string): string[] {
  return (readdirSync(directory, { recursive: true }) as string[])
    .map((path) => path.split('\\').join('/'))
    .sort()
}

describe('generateAction', () => {
  let directory: string
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'destkit-action-'))
  })
  afterEach(() => rmSync(directory, { recursive: true, force: true }))

  it('adds the folder and the test, registers the action and generates its types', async () => {
    writePackage(
      directory,
      "import send from './send/index.js'\n\nexport default { name: 'Acme', actions: { send } }\n"
    )
    const result = await generateAction({ name: 'track purchase', cwd: join(directory, 'src') })
    expect(result).toEqual({
      destination: 'acme',
      directory,
      actionId: 'trackPurchase',
      title: 'Track Purchase',
      files: [
        'src/__tests__/trackPurchase.test.ts',
        'src/generated-types.ts',
        'src/index.ts',
        'src/send/generated-types.ts',
        'src/trackPurchase/generated-types.ts',
        'src/trackPurchase/index.ts'
      ]
    })
    expect(readFileSync(join(directory, 'src/index.ts'), 'utf8')).toBe(
      "import send from './send/index.js'\nimport trackPurchase from './trackPurchase/index.js'\n\nexport default { name: 'Acme', actions: { send, trackPurchase } }\n"
    )
    expect(readFileSync(join(directory, 'src/trackPurchase/index.ts'), 'utf8')).toContain(
      "title: 'Track Purchase'"
    )
    expect(readFileSync(join(directory, 'src/trackPurchase/generated-types.ts'), 'utf8')).toContain(
      '  event: string\n'
    )
    // No README was generated before, so none is written now.
    expect(tree(directory)).not.toContain('README.md')
    expect(tree(directory)).not.toContain('node_modules')
  })

  it('changes nothing when the definition file has a shape it does not recognise', async () => {
    const index =
      "import send from './send/index.js'\nconst actions = { send }\nexport default { name: 'Acme', actions }\n"
    writePackage(directory, index)
    const before = tree(directory)
    const error = await generateAction({ name: 'trackPurchase', destination: directory }).catch(
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(CliError)
    expect((error as Error).message).toMatch(
      /src\/index\.ts has no `actions: \{ … \}` object, so the action could not be registered: add `trackPurchase` to the definition's actions by hand\.$/
    )
    expect(tree(directory)).toEqual(before)
    expect(readFileSync(join(directory, 'src/index.ts'), 'utf8')).toBe(index)
  })

  it('puts everything back when the edit does not register the action in the definition', async () => {
    // The only `actions: {` is not the definition's: the edit succeeds, the check after it does not.
    const index =
      "import send from './send/index.js'\nexport const spare = { actions: {} }\nexport default { name: 'Acme', actions: Object.fromEntries([['send', send]]) }\n"
    writePackage(directory, index)
    const before = tree(directory)
    await expect(generateAction({ name: 'trackPurchase', destination: directory })).rejects.toThrow(
      /src\/index\.ts still does not register "trackPurchase" in its actions: nothing was changed\.$/
    )
    expect(tree(directory)).toEqual(before)
    expect(readFileSync(join(directory, 'src/index.ts'), 'utf8')).toBe(index)
  })

  it('refuses an action that exists, and a folder that is no destination package', async () => {
    writePackage(
      directory,
      "import send from './send/index.js'\nexport default { name: 'Acme', actions: { send } }\n"
    )
    await expect(generateAction({ name: 'send', cwd: directory })).rejects.toThrow(
      'src/send already exists: pick another action name.'
    )
    const elsewhere = mkdtempSync(join(tmpdir(), 'destkit-action-none-'))
    try {
      await expect(generateAction({ name: 'send', cwd: elsewhere })).rejects.toThrow(
        `No package.json in ${elsewhere} or above: run this inside a destination package, or pass --destination <slug|path>.`
      )
    } finally {
      rmSync(elsewhere, { recursive: true, force: true })
    }
  })
})
