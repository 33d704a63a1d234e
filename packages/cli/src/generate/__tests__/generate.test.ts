import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { fileURLToPath } from 'node:url'
import type { DestinationDefinition } from '@destkit/core'
import { renderReadme } from '../docs.js'
import { renderTypes, TYPES_BANNER } from '../types.js'

const run = promisify(execFile)
const BIN = fileURLToPath(new URL('../../../bin/run.js', import.meta.url))

const definition: DestinationDefinition = {
  name: 'Acme',
  description: 'Sends | pipes\nand lines.',
  mode: 'cloud',
  authentication: {
    scheme: 'custom',
    fields: {
      apiKey: { label: 'API Key', description: 'Your key.', type: 'password', required: true },
      region: { label: 'Region', description: 'Where.', type: 'string', choices: ['us', 'eu'], default: 'us' }
    }
  },
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
      title: 'Track',
      description: 'Tracks an event.',
      defaultSubscription: 'type = "track"',
      fields: {
        name: {
          label: 'Name',
          description: 'The event name.',
          type: 'string',
          required: true,
          default: { '@path': '$.event' }
        },
        when: { label: 'When', description: 'The time.', type: 'datetime' },
        tags: { label: 'Tags', description: 'Labels.', type: 'string', multiple: true },
        properties: { label: 'Properties', description: 'Anything.', type: 'object' },
        item: {
          label: 'Item',
          description: 'One item.',
          type: 'object',
          properties: { sku: { label: 'SKU', description: 'The SKU.', type: 'string', required: true } }
        }
      },
      perform: () => undefined
    }
  }
}

describe('renderTypes', () => {
  it('writes Settings and one Payload per action, with descriptions as doc comments', async () => {
    const files = await renderTypes(definition, '/pkg')
    expect(files.map((file) => file.path)).toEqual([
      '/pkg/src/generated-types.ts',
      '/pkg/src/track/generated-types.ts'
    ])
    expect(files[0].contents).toBe(
      `${TYPES_BANNER}\n\nexport interface Settings {\n  /**\n   * Your key.\n   */\n  apiKey: string\n  /**\n   * Where.\n   */\n  region?: 'us' | 'eu'\n}\n`
    )
    const payload = files[1].contents
    expect(payload).toContain('  name: string\n')
    expect(payload).toContain('  when?: string | number\n')
    expect(payload).toContain('  tags?: string[]\n')
    expect(payload).toContain('  properties?: {\n    [k: string]: unknown\n  }\n')
    expect(payload).toContain('  item?: {\n    /**\n     * The SKU.\n     */\n    sku: string\n  }\n')
  })
})

describe('renderReadme', () => {
  it('documents settings, actions with their fields, and presets, escaping table cells', () => {
    const readme = renderReadme(definition, { packageName: '@acme/destination-acme', slug: 'acme' })
    expect(readme).toContain('# Acme\n\nSends | pipes and lines.\n')
    expect(readme).toContain(
      'Package `@acme/destination-acme` · slug `acme` · authentication: custom (settings).'
    )
    expect(readme).toContain('| API Key (`apiKey`) | password | yes |  | Your key. |')
    expect(readme).toContain('| Region (`region`) | string | no | `"us"` | Where. One of `us`, `eu`. |')
    expect(readme).toContain(
      '### Track (`track`)\n\nTracks an event.\n\n- Default trigger: `type = "track"`\n'
    )
    expect(readme).toContain('| Name (`name`) | string | yes | `{"@path":"$.event"}` | The event name. |')
    expect(readme).toContain('| Tags (`tags`) | list of string | no |  | Labels. |')
    expect(readme).toContain('| Item (`item`) | object (sku) | no |  | One item. |')
    expect(readme).toContain('| Track Calls | `type = "track"` | Track (`track`) |')
  })
})

describe('destkit generate:types / generate:docs', () => {
  let directory: string

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'destkit-generate-'))
    writeFileSync(
      join(directory, 'package.json'),
      JSON.stringify({ name: 'destination-acme', type: 'module', destkit: { slug: 'acme', name: 'Acme' } })
    )
    mkdirSync(join(directory, 'src/send'), { recursive: true })
    writeFileSync(
      join(directory, 'src/index.ts'),
      "import send from './send/index.js'\nexport default { name: 'Acme', mode: 'cloud', actions: { send } }\n"
    )
    writeFileSync(
      join(directory, 'src/send/index.ts'),
      "const fields: Record<string, { label: string; type: 'string' }> = { id: { label: 'ID', type: 'string' } }\n" +
        "export default { title: 'Send', description: 'Sends.', fields, perform: () => undefined }\n"
    )
  })

  afterEach(() => rmSync(directory, { recursive: true, force: true }))

  const destkit = (...args: string[]) =>
    run(process.execPath, [BIN, ...args], { cwd: directory }).then(
      (result) => ({ code: 0, ...result }),
      (error: { code: number; stdout: string; stderr: string }) => error
    )

  it('--check fails with one sentence naming the stale files, then passes once they are generated', async () => {
    const stale = await destkit('generate:types', '--check')
    expect(stale.code).toBe(1)
    expect(stale.stderr.trim()).toBe(
      'Error: 2 generated files are out of date (src/generated-types.ts, src/send/generated-types.ts): run `destkit generate:types` and commit the result.'
    )
    const staleJson = await destkit('generate:types', '--check', '--json')
    expect(staleJson.code).toBe(1)
    expect(JSON.parse(staleJson.stdout)).toEqual({
      destinations: ['acme'],
      changed: [join(directory, 'src/generated-types.ts'), join(directory, 'src/send/generated-types.ts')]
    })
    const written = await destkit('generate:types')
    expect(written.code).toBe(0)
    expect(readFileSync(join(directory, 'src/send/generated-types.ts'), 'utf8')).toContain('  id?: string\n')
    expect((await destkit('generate:types', '--check')).code).toBe(0)

    expect((await destkit('generate:docs', '--check')).code).toBe(1)
    const docs = await destkit('generate:docs', '--json')
    expect(JSON.parse(docs.stdout)).toEqual({
      destinations: ['acme'],
      changed: [join(directory, 'README.md')]
    })
    expect((await destkit('generate:docs', '--check')).code).toBe(0)
  })

  it('reports a definition that fails to import as one sentence, without a stack trace', async () => {
    writeFileSync(join(directory, 'src/index.ts'), "throw new Error('boom')\n")
    const result = await destkit('generate:types')
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^Error: .*src\/index\.ts failed to import: boom\n$/)
  })
})
