import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Destination } from '../../runtime/destination.js'
import { createRegistry } from '../create-registry.js'
import { RegistryError } from '../registry-error.js'

let root: string

/** Writes a package folder: package.json plus files. */
function writePackage(directory: string, packageJson: object, files: Record<string, string> = {}) {
  mkdirSync(directory, { recursive: true })
  writeFileSync(join(directory, 'package.json'), JSON.stringify(packageJson))
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(directory, name, '..'), { recursive: true })
    writeFileSync(join(directory, name), text)
  }
}

/** A destination package whose definition is plain data (no import of core needed). */
function destinationPackage(directory: string, slug: string, packageName: string, extra: object = {}) {
  writePackage(
    directory,
    {
      name: packageName,
      version: '1.2.3',
      type: 'module',
      keywords: ['destkit-destination'],
      destkit: { slug, name: `Dest ${slug}`, description: `Sends to ${slug}.` },
      exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js' } },
      ...extra
    },
    {
      'dist/index.js': `export default {
        name: 'Dest ${slug}',
        mode: 'cloud',
        actions: { send: { title: 'Send', description: 'Sends.', fields: {}, perform: () => undefined } }
      }\n`
    }
  )
}

async function loadError(registry: ReturnType<typeof createRegistry>, slug: string): Promise<RegistryError> {
  const error = await registry.load(slug).then(
    () => undefined,
    (thrown: unknown) => thrown
  )
  expect(error).toBeInstanceOf(RegistryError)
  return error as RegistryError
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'destkit-registry-'))
  writePackage(root, { name: 'app', private: true, workspaces: ['packages/*', 'plugins/**'] })
})

afterEach(() => {
  rmSync(root, { recursive: true, force: true })
})

describe('createRegistry: discovery', () => {
  it('lists workspace packages, node_modules packages and scoped ones, sorted by slug, from package.json alone', () => {
    destinationPackage(join(root, 'packages/alpha'), 'alpha', '@app/destination-alpha')
    destinationPackage(join(root, 'plugins/deep/nested/gamma'), 'gamma', 'destination-gamma')
    destinationPackage(join(root, 'node_modules/@acme/destination-beta'), 'beta', '@acme/destination-beta')
    writePackage(join(root, 'node_modules/left-pad'), { name: 'left-pad', version: '1.0.0' })
    expect(createRegistry({ roots: [root] }).list()).toEqual([
      {
        slug: 'alpha',
        name: 'Dest alpha',
        description: 'Sends to alpha.',
        packageName: '@app/destination-alpha',
        version: '1.2.3',
        directory: join(root, 'packages/alpha')
      },
      expect.objectContaining({ slug: 'beta', packageName: '@acme/destination-beta' }),
      expect.objectContaining({ slug: 'gamma', packageName: 'destination-gamma' })
    ])
  })

  it('lists a workspace package linked into node_modules once', () => {
    destinationPackage(join(root, 'packages/alpha'), 'alpha', '@app/destination-alpha')
    mkdirSync(join(root, 'node_modules/@app'), { recursive: true })
    symlinkSync(join(root, 'packages/alpha'), join(root, 'node_modules/@app/destination-alpha'), 'dir')
    expect(
      createRegistry({ roots: [root] })
        .list()
        .map((entry) => entry.slug)
    ).toEqual(['alpha'])
    expect(createRegistry({ roots: [root] }).problems()).toEqual([])
  })

  it('reads yarn-style workspaces and falls back to the package description', () => {
    writePackage(root, { name: 'app', workspaces: { packages: ['packages/*'] } })
    writePackage(join(root, 'packages/plain'), {
      name: 'plain',
      description: 'From the package.',
      destkit: { slug: 'plain', name: 'Plain' }
    })
    expect(createRegistry({ roots: [root] }).list()).toEqual([
      expect.objectContaining({ slug: 'plain', description: 'From the package.', version: '0.0.0' })
    ])
  })

  it('reports a bad destkit field or unreadable package.json as a problem and lists the others', () => {
    destinationPackage(join(root, 'packages/alpha'), 'alpha', 'destination-alpha')
    writePackage(join(root, 'packages/bad-slug'), {
      name: 'bad-slug',
      destkit: { slug: 'Bad Slug', name: 'x' }
    })
    writePackage(join(root, 'packages/no-name'), { name: 'no-name', destkit: { slug: 'no-name' } })
    mkdirSync(join(root, 'node_modules/broken'), { recursive: true })
    writeFileSync(join(root, 'node_modules/broken/package.json'), '{ "destkit": ')
    const registry = createRegistry({ roots: [root] })
    expect(registry.list().map((entry) => entry.slug)).toEqual(['alpha'])
    const messages = registry.problems().map((problem) => problem.message)
    expect(messages).toContainEqual(
      `The "bad-slug" in ${join(root, 'packages/bad-slug')} cannot be listed: its "destkit.slug" must be lower-case letters, digits and dashes (got "Bad Slug").`
    )
    expect(messages).toContainEqual(
      `The "no-name" in ${join(root, 'packages/no-name')} cannot be listed: its "destkit.name" must be a non-empty string.`
    )
    expect(
      messages.some((message) =>
        message.startsWith(
          `The package in ${join(root, 'node_modules/broken')} cannot be read: its package.json is not valid JSON`
        )
      )
    ).toBe(true)
  })

  it('includes explicit package folders, which replace an installed copy of the same package', () => {
    destinationPackage(join(root, 'node_modules/destination-alpha'), 'alpha', 'destination-alpha')
    const development = mkdtempSync(join(tmpdir(), 'destkit-dev-'))
    try {
      destinationPackage(development, 'alpha', 'destination-alpha', { version: '2.0.0-dev' })
      const registry = createRegistry({ roots: [root], packages: [development] })
      expect(registry.list()).toEqual([expect.objectContaining({ slug: 'alpha', version: '2.0.0-dev' })])
      expect(registry.problems()).toEqual([])
    } finally {
      rmSync(development, { recursive: true, force: true })
    }
  })

  it('reports an explicit folder that is not a destination package', () => {
    writePackage(join(root, 'elsewhere'), { name: 'elsewhere' })
    const registry = createRegistry({ roots: [], packages: [join(root, 'elsewhere'), join(root, 'missing')] })
    expect(registry.problems().map((problem) => problem.message)).toEqual([
      `The package in ${join(root, 'elsewhere')} is not a destination: its package.json has no "destkit" field.`
    ])
  })
})

describe('createRegistry: loading', () => {
  it('imports the destination on demand, checks it, and shares one Destination between calls', async () => {
    destinationPackage(join(root, 'packages/alpha'), 'alpha', 'destination-alpha')
    const registry = createRegistry({ roots: [root] })
    const destination = await registry.load('alpha')
    expect(destination).toBeInstanceOf(Destination)
    expect(destination.name).toBe('Dest alpha')
    expect(await registry.load('alpha')).toBe(destination)
  })

  it('suggests the closest slugs for an unknown one', async () => {
    destinationPackage(join(root, 'packages/slack'), 'slack', 'destination-slack')
    destinationPackage(join(root, 'packages/stack'), 'stack', 'destination-stack')
    destinationPackage(join(root, 'packages/amplitude'), 'amplitude', 'destination-amplitude')
    const error = await loadError(createRegistry({ roots: [root] }), 'slak')
    expect(error.code).toBe('UNKNOWN_DESTINATION')
    expect(error.retryable).toBe(false)
    expect(error.message).toBe(
      'Unknown destination "slak" (did you mean "slack" or "stack"?). Installed destinations are listed by `destkit list`; a destination package has a "destkit" field in its package.json.'
    )
  })

  it('says when no destination is installed at all', async () => {
    const error = await loadError(createRegistry({ roots: [root] }), 'slack')
    expect(error.message).toMatch(/^Unknown destination "slack": no destination packages are installed\./)
  })

  it('names the package and the cause when its import throws, and tries again on the next call', async () => {
    destinationPackage(join(root, 'packages/alpha'), 'alpha', 'destination-alpha')
    writeFileSync(join(root, 'packages/alpha/dist/index.js'), "throw new Error('settings module missing')\n")
    const registry = createRegistry({ roots: [root] })
    const error = await loadError(registry, 'alpha')
    expect(error.code).toBe('DESTINATION_IMPORT_FAILED')
    expect(error.message).toBe(
      'The destination "alpha" (destination-alpha) failed to import: settings module missing.'
    )
    expect(error.cause).toBeInstanceOf(Error)
    // Fixed on disk: the failure was not cached (a new file name, since ESM caches by URL).
    writeFileSync(
      join(root, 'packages/alpha/package.json'),
      JSON.stringify({
        name: 'destination-alpha',
        destkit: { slug: 'alpha', name: 'Alpha' },
        main: 'dist/fixed.js'
      })
    )
    writeFileSync(
      join(root, 'packages/alpha/dist/fixed.js'),
      "export default { name: 'Alpha', actions: { a: { title: 'A', description: 'A.', fields: {}, perform() {} } } }\n"
    )
    registry.refresh()
    expect((await registry.load('alpha')).name).toBe('Alpha')
  })

  it('asks whether the package is built when its entry file does not exist', async () => {
    writePackage(join(root, 'packages/unbuilt'), {
      name: '@app/destination-unbuilt',
      destkit: { slug: 'unbuilt', name: 'Unbuilt' },
      exports: './dist/index.js'
    })
    const error = await loadError(createRegistry({ roots: [root] }), 'unbuilt')
    expect(error.code).toBe('DESTINATION_IMPORT_FAILED')
    expect(error.message).toContain(
      `Its entry ${join(root, 'packages/unbuilt/dist/index.js')} does not exist: is the package built?`
    )
  })

  it('says what is missing when the default export is not a definition', async () => {
    destinationPackage(join(root, 'packages/named'), 'named', 'destination-named')
    writeFileSync(
      join(root, 'packages/named/dist/index.js'),
      'export const destination = {}\nexport const version = 1\n'
    )
    destinationPackage(join(root, 'packages/fn'), 'fn', 'destination-fn')
    writeFileSync(join(root, 'packages/fn/dist/index.js'), 'export default function () {}\n')
    destinationPackage(join(root, 'packages/half'), 'half', 'destination-half')
    writeFileSync(join(root, 'packages/half/dist/index.js'), "export default { name: 'Half' }\n")
    const registry = createRegistry({ roots: [root] })

    const named = await loadError(registry, 'named')
    expect(named.code).toBe('NOT_A_DEFINITION')
    expect(named.message).toBe(
      'The destination "named" (destination-named) has no default export; it exports "destination", "version". Export the destination definition as the default export.'
    )
    expect((await loadError(registry, 'fn')).message).toBe(
      'The destination "fn" (destination-fn) default-exports a function, not a destination definition (an object with "name" and "actions").'
    )
    const half = await loadError(registry, 'half')
    expect(half.code).toBe('NOT_A_DEFINITION')
    expect(half.message).toMatch(
      /^The destination "half" \(destination-half\) default-exports an invalid definition: .*actions/
    )
  })

  it('refuses a slug two packages claim, naming both, and lists it as a problem', async () => {
    destinationPackage(join(root, 'packages/one'), 'shared', '@app/destination-one')
    destinationPackage(join(root, 'node_modules/destination-two'), 'shared', 'destination-two')
    const registry = createRegistry({ roots: [root] })
    const error = await loadError(registry, 'shared')
    expect(error.code).toBe('DUPLICATE_DESTINATION_SLUG')
    expect(error.message).toBe(
      `Two packages claim the destination slug "shared": @app/destination-one (${join(root, 'packages/one')}) and destination-two (${join(root, 'node_modules/destination-two')}). Uninstall one, or give one another slug.`
    )
    expect(registry.problems()).toEqual([
      expect.objectContaining({ code: 'DUPLICATE_DESTINATION_SLUG', message: error.message })
    ])
  })

  it('imports through the importModule option when one is given', async () => {
    destinationPackage(join(root, 'packages/alpha'), 'alpha', 'destination-alpha')
    const imported: string[] = []
    const registry = createRegistry({
      roots: [root],
      importModule: async (url) => {
        imported.push(url)
        return {
          default: {
            name: 'From loader',
            actions: { a: { title: 'A', description: 'A.', fields: {}, perform() {} } }
          }
        }
      }
    })
    expect((await registry.load('alpha')).name).toBe('From loader')
    expect(imported).toEqual([`file://${join(root, 'packages/alpha/dist/index.js')}`])
  })
})
