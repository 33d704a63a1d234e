/**
 * `destkit list` in a child process: the bundled destinations as a table and
 * as JSON, and packages the registry cannot list as warnings on stderr.
 */
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { BUNDLED_SLUGS, repositoryRoot } from './fixtures.js'

const run = promisify(execFile)
const BIN = join(repositoryRoot, 'packages/cli/bin/run.js')

const destkit = (args: string[], cwd = repositoryRoot) => run(process.execPath, [BIN, ...args], { cwd })

describe('destkit list', () => {
  it('prints the bundled destinations as a table: slug, name, version, package', async () => {
    const { stdout, stderr } = await destkit(['list'])
    const lines = stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^SLUG +NAME +VERSION +PACKAGE$/)
    expect(lines.slice(1).map((line) => line.split(/ {2,}/)[0])).toEqual(BUNDLED_SLUGS)
    expect(lines).toContain(
      'slack                     Slack                     0.1.0    @destkit/destination-slack'
    )
    expect(stderr).toBe('')
  })

  it('prints the registry list as JSON with --json', async () => {
    const { stdout } = await destkit(['list', '--json'])
    const list = JSON.parse(stdout) as Array<Record<string, string>>
    expect(list.map((entry) => entry.slug)).toEqual(BUNDLED_SLUGS)
    expect(list.find((entry) => entry.slug === 'slack')).toEqual({
      slug: 'slack',
      name: 'Slack',
      description: 'Post messages to a Slack channel through an incoming webhook.',
      packageName: '@destkit/destination-slack',
      version: '0.1.0',
      directory: join(repositoryRoot, 'packages/destinations/slack')
    })
  })

  describe('in a workspace with a broken package', () => {
    let workspace: string

    beforeAll(() => {
      workspace = mkdtempSync(join(tmpdir(), 'destkit-list-'))
      writeFileSync(
        join(workspace, 'package.json'),
        JSON.stringify({ private: true, workspaces: ['packages/*'] })
      )
      const writePackage = (folder: string, packageJson: object) => {
        mkdirSync(join(workspace, 'packages', folder), { recursive: true })
        writeFileSync(join(workspace, 'packages', folder, 'package.json'), JSON.stringify(packageJson))
      }
      writePackage('acme', {
        name: 'destination-acme',
        version: '2.3.4',
        destkit: { slug: 'acme', name: 'Acme CRM' }
      })
      writePackage('broken', { name: 'destination-broken', destkit: { slug: 'Not A Slug', name: 'Broken' } })
    })

    afterAll(() => rmSync(workspace, { recursive: true, force: true }))

    it('lists the good one and warns about the broken one on stderr', async () => {
      const { stdout, stderr } = await destkit(['list'], join(workspace, 'packages'))
      expect(stdout).toBe('SLUG  NAME      VERSION  PACKAGE\nacme  Acme CRM  2.3.4    destination-acme\n')
      expect(stderr).toMatch(
        /^Warning: The "destination-broken" in .*broken cannot be listed: its "destkit.slug" must be lower-case letters, digits and dashes \(got "Not A Slug"\)\.\n$/
      )
    })

    it('keeps stdout valid JSON with --json, the warning still on stderr', async () => {
      const { stdout, stderr } = await destkit(['list', '--json'], workspace)
      expect((JSON.parse(stdout) as Array<{ slug: string }>).map((entry) => entry.slug)).toEqual(['acme'])
      expect(stderr).toContain('Warning: The "destination-broken"')
    })
  })

  it('says so when no destination is installed', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'destkit-list-empty-'))
    try {
      const { stdout } = await destkit(['list'], empty)
      expect(stdout).toBe(
        'No destinations are installed here: a destination package has a "destkit" field in its package.json.\n'
      )
      expect(JSON.parse((await destkit(['list', '--json'], empty)).stdout)).toEqual([])
    } finally {
      rmSync(empty, { recursive: true, force: true })
    }
  })
})
