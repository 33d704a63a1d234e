/**
 * `destkit validate` in a child process: over every bundled destination (no
 * findings), as JSON, and on a fixture with one problem (exit 1, one line for
 * the finding, one sentence on stderr, no stack trace).
 */
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { BUNDLED_SLUGS, repositoryRoot } from './fixtures.js'

const run = promisify(execFile)
const BIN = join(repositoryRoot, 'packages/cli/bin/run.js')
const FIXTURES = join(repositoryRoot, 'packages/cli/src/validate/__tests__/fixtures')

interface Result {
  code: number
  stdout: string
  stderr: string
}

async function destkit(args: string[], cwd = repositoryRoot): Promise<Result> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

interface JsonReport {
  destinations: Array<{ slug: string; packageName: string; directory: string; findings: unknown[] }>
  errors: number
  warnings: number
}

describe('destkit validate', () => {
  it('reports no findings on the bundled destinations, as valid JSON', async () => {
    const result = await destkit(['validate', '--json'])
    const report = JSON.parse(result.stdout) as JsonReport
    expect(report.destinations.map((destination) => destination.slug)).toEqual(BUNDLED_SLUGS)
    for (const destination of report.destinations) {
      expect({ slug: destination.slug, findings: destination.findings }).toEqual({
        slug: destination.slug,
        findings: []
      })
      expect(destination.directory).toBe(`packages/destinations/${destination.slug}`)
    }
    expect(report).toMatchObject({ errors: 0, warnings: 0 })
    expect(result.code).toBe(0)
  })

  it('exits 0 with no findings on every bundled destination, by slug', async () => {
    const slugs = BUNDLED_SLUGS
    const result = await destkit(['validate', ...slugs])
    expect(result).toEqual({
      code: 0,
      stdout: [
        ...slugs.map((slug) => `${slug}: no findings`),
        '',
        `Validated ${slugs.length} destinations: 0 errors, 0 warnings.`,
        ''
      ].join('\n'),
      stderr: ''
    })
  })

  it('validates the package in the current folder by default', async () => {
    const result = await destkit(['validate'], join(repositoryRoot, 'packages/destinations/slack'))
    expect(result).toEqual({
      code: 0,
      stdout: 'slack: no findings\n\nValidated 1 destination: 0 errors, 0 warnings.\n',
      stderr: ''
    })
  })

  it('exits 1 on a fixture with a wrong default, printing the finding as one sentence and one error sentence', async () => {
    const result = await destkit(['validate', '--path', join(FIXTURES, 'default-type-mismatch')])
    expect(result).toEqual({
      code: 1,
      stdout: [
        'default-type-mismatch (packages/cli/src/validate/__tests__/fixtures/default-type-mismatch): 1 error, 0 warnings',
        "  error   actions.track.fields.revenue.default  The default of field 'revenue' of action 'track' is the string \"12.50\", but the field's type is number. [default-type-mismatch]",
        '',
        'Validated 1 destination: 1 error, 0 warnings.',
        ''
      ].join('\n'),
      stderr:
        'Error: One error was found in default-type-mismatch: fix it and run `destkit validate` again.\n'
    })
  })

  it('prints the same finding as JSON with --json, and nothing else on stdout', async () => {
    const result = await destkit(['validate', '--json', '--path', join(FIXTURES, 'trigger-warning')])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual({
      destinations: [
        {
          slug: 'trigger-warning',
          packageName: 'destkit-fixture-trigger-warning',
          directory: 'packages/cli/src/validate/__tests__/fixtures/trigger-warning',
          findings: [
            {
              code: 'trigger-warning',
              severity: 'warning',
              place: 'actions.track.defaultSubscription',
              message:
                "The default trigger of action 'track' may not mean what it says: Mixes 'and' and 'or' without parentheses at position 32: 'and' binds tighter, so this means type = \"track\" or (type = \"page\" and name = \"Home\"). Add parentheses to say so (other FQL implementations group it differently)."
            }
          ]
        }
      ],
      errors: 0,
      warnings: 1
    })
  })

  it('refuses an unknown slug in one sentence, suggesting the closest', async () => {
    const result = await destkit(['validate', 'slak'])
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Error: Unknown destination "slak" (did you mean "slack"?). Run `destkit list` to see the installed ones.\n'
    })
  })
})
