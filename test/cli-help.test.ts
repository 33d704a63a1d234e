/**
 * The CLI's surface: every command listed with a one-line summary, examples in
 * every command's help, errors as one sentence without a stack trace (unless
 * --debug).
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { repositoryRoot } from './fixtures.js'

const run = promisify(execFile)
const BIN = join(repositoryRoot, 'packages/cli/bin/run.js')

const destkit = (...args: string[]) =>
  run(process.execPath, [BIN, ...args], { cwd: repositoryRoot }).then(
    (result) => ({ code: 0, ...result }),
    (error: { code: number; stdout: string; stderr: string }) => error
  )

const COMMANDS = [
  'generate:action',
  'generate:docs',
  'generate:types',
  'init',
  'list',
  'send',
  'serve',
  'validate'
]

describe('destkit --help', () => {
  it('lists every command with a one-line summary', async () => {
    const { code, stdout } = await destkit('--help')
    expect(code).toBe(0)
    const listed = [...stdout.matchAll(/^ {2}([a-z:]+) +(\S.*)$/gm)].map((match) => match[1])
    expect(listed).toEqual(COMMANDS)
  })

  it.each(COMMANDS)('%s has a summary and examples in its help', async (command) => {
    const { code, stdout } = await destkit(command, '--help')
    expect(code).toBe(0)
    expect(stdout).toMatch(/^EXAMPLES$/m)
    expect(stdout).toContain(`$ destkit ${command}`)
  })
})

describe('errors', () => {
  it('are one sentence and a non-zero exit, without a stack trace', async () => {
    const { code, stdout, stderr } = await destkit('validate', 'no-such-destination')
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr.trim().split('\n')).toHaveLength(1)
    expect(stderr).toMatch(/^Error: Unknown destination "no-such-destination"/)
    expect(stderr).not.toMatch(/\n\s+at /)
  })

  it('carry the stack trace with --debug', async () => {
    const { code, stderr } = await destkit('validate', 'no-such-destination', '--debug')
    expect(code).toBe(1)
    expect(stderr).toMatch(/\n\s+at /)
  })

  it('with --debug, show where a wrapped error began', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'destkit-debug-'))
    try {
      mkdirSync(join(directory, 'src'))
      writeFileSync(
        join(directory, 'package.json'),
        JSON.stringify({ name: 'd', destkit: { slug: 'd', name: 'D' } })
      )
      writeFileSync(join(directory, 'src/index.ts'), "throw new Error('boom in the sources')\n")
      const plain = await destkit('generate:types', '--path', directory)
      expect(plain.stderr).not.toContain('Caused by')
      const { code, stderr } = await destkit('generate:types', '--path', directory, '--debug')
      expect(code).toBe(1)
      expect(stderr).toMatch(/\nCaused by: Error: boom in the sources\n\s+at .*src\/index\.ts/)
    } finally {
      rmSync(directory, { recursive: true, force: true })
    }
  })
})
