/**
 * `destkit send`, run as the real CLI in child processes: a dry run against
 * each bundled destination prints the exact request with every secret
 * redacted; a real send to a server on 127.0.0.1 prints `200 OK` and the body;
 * a 429 prints the classified error with its retry hint; and an event nothing
 * routes says so. Build first: `npx tsc -b packages/cli`.
 */
import { createHmac } from 'node:crypto'
import { execFile } from 'node:child_process'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fixtureEvents, repositoryRoot } from './fixtures.js'

const BIN = join(repositoryRoot, 'packages/cli/bin/run.js')
const events = fixtureEvents()

interface Run {
  code: number
  stdout: string
  stderr: string
}

/** Runs the CLI; never rejects (the exit code is part of the result). */
function destkit(args: string[], input?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, 'send', ...args],
      { cwd: repositoryRoot, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        resolve({ code, stdout: String(stdout), stderr: String(stderr) })
      }
    )
    child.stdin?.end(input ?? '')
  })
}

let dir: string
/** Writes a JSON file into the test folder and returns its path. */
function file(name: string, value: unknown): string {
  const path = join(dir, name)
  writeFileSync(path, JSON.stringify(value))
  return path
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'destkit-cli-send-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The parts of a printed request: its line, its headers, its body. */
function printedRequests(
  stdout: string
): Array<{ line: string; headers: Record<string, string>; body?: string }> {
  const blocks = stdout.trimEnd().split('\n\n')
  const requests: Array<{ line: string; headers: Record<string, string>; body?: string }> = []
  blocks.forEach((block, index) => {
    const lines = block.split('\n').filter((line) => !/^Request \d+ of \d+:$/.test(line))
    if (!/^(GET|POST|PUT|PATCH|DELETE) /.test(lines[0] ?? '')) return
    const headers = Object.fromEntries(
      lines.slice(1).map((line) => [line.slice(0, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2)])
    )
    const next = blocks[index + 1]
    const hasBody = next !== undefined && !/^(Request \d|Dry run|\d{3} |Not delivered)/.test(next)
    requests.push({ line: lines[0], headers, ...(hasBody && { body: next }) })
  })
  return requests
}

function expectNoSecrets(run: Run, secrets: string[]): void {
  for (const secret of secrets) {
    expect(run.stdout).not.toContain(secret)
    expect(run.stderr).not.toContain(secret)
    expect(run.stdout).not.toContain(encodeURIComponent(secret))
  }
}

/** An event that happened an hour ago (Meta refuses events older than 7 days). */
function recent(event: Record<string, any>): Record<string, any> {
  return { ...event, timestamp: new Date(Date.now() - 3_600_000).toISOString() }
}

/** The identify fixture as an audience tool sends it: entered the audience `vip_users` (list `list-123`). */
function audienceEntered(): Record<string, any> {
  const event = structuredClone(events.identify)
  event.context = {
    ...event.context,
    personas: {
      computation_key: 'vip_users',
      computation_class: 'audience',
      external_audience_id: 'list-123'
    }
  }
  event.traits = { ...event.traits, vip_users: true }
  return event
}

interface DryRunCase {
  slug: string
  settings: Record<string, unknown>
  /** The secrets among the inputs: none may be printed. */
  secrets: string[]
  event: Record<string, any>
  extra?: (paths: { dir: string }) => string[]
  /** Each request: its line, headers it must show, and a check of its body. */
  requests: Array<{ line: string; headers: Record<string, string>; body: (body: string) => void }>
}

const json = (body: string) => JSON.parse(body)

const cases: DryRunCase[] = [
  {
    slug: 'amplitude',
    settings: { apiKey: 'amp_api_0a1b2c3d4e5f', secretKey: 'amp_secret_9f8e7d6c5b4a' },
    secrets: ['amp_api_0a1b2c3d4e5f', 'amp_secret_9f8e7d6c5b4a'],
    event: events['track-order-completed'],
    requests: [
      {
        line: 'POST https://api2.amplitude.com/2/httpapi',
        headers: { 'content-type': 'application/json', 'user-agent': 'destkit' },
        body: (body) => {
          expect(json(body).api_key).toBe('[REDACTED]')
          expect(json(body).events).toEqual([
            expect.objectContaining({ event_type: 'Order Completed', user_id: 'u_83712', revenue: 125.49 })
          ])
        }
      }
    ]
  },
  {
    slug: 'braze',
    settings: { apiKey: 'braze-key-7f3c9a1e', endpoint: 'https://rest.iad-01.braze.com' },
    secrets: ['braze-key-7f3c9a1e'],
    event: events['track-order-completed'],
    requests: [
      {
        line: 'POST https://rest.iad-01.braze.com/users/track',
        headers: { 'content-type': 'application/json', authorization: 'Bearer [REDACTED]' },
        body: (body) => {
          const { purchases } = json(body)
          expect(purchases.map((p: any) => [p.external_id, p.product_id, p.price, p.quantity])).toEqual([
            ['u_83712', 'p-1001', 24.99, 2],
            ['u_83712', 'p-2044', 15, 1],
            ['u_83712', 'p-3090', 65, 1]
          ])
        }
      }
    ]
  },
  {
    slug: 'customerio',
    settings: { siteId: 'site_4f2a', apiKey: 'cio-key-5e6f7a8b' },
    secrets: ['cio-key-5e6f7a8b', Buffer.from('site_4f2a:cio-key-5e6f7a8b').toString('base64')],
    event: events['track-order-completed'],
    requests: [
      {
        line: 'POST https://track.customer.io/api/v1/customers/u_83712/events',
        headers: { 'content-type': 'application/json', authorization: 'Basic [REDACTED]' },
        body: (body) =>
          expect(json(body)).toMatchObject({ name: 'Order Completed', type: 'event', timestamp: 1793370125 })
      }
    ]
  },
  {
    slug: 'facebook-conversions-api',
    settings: { pixel_id: '123456789', access_token: 'EAAB-meta-token-3c2b1a' },
    secrets: ['EAAB-meta-token-3c2b1a'],
    event: recent(events['track-order-completed']),
    requests: [
      {
        line: expect.stringMatching(
          /^POST https:\/\/graph\.facebook\.com\/v\d+\.\d+\/123456789\/events\?access_token=\[REDACTED\]$/
        ) as unknown as string,
        headers: { 'content-type': 'application/json' },
        body: (body) => {
          const [server] = json(body).data
          expect(server).toMatchObject({ event_name: 'Purchase', action_source: 'website' })
          // Customer data goes out hashed, never as typed.
          expect(server.user_data.em).toMatch(/^[0-9a-f]{64}$/)
          expect(body).not.toContain('Ada.Lovelace@Example.com')
        }
      }
    ]
  },
  {
    slug: 'google-analytics-4',
    settings: { measurementId: 'G-TEST123', apiSecret: 'ga4-secret-aa11bb22' },
    secrets: ['ga4-secret-aa11bb22'],
    event: events['track-order-completed'],
    requests: [
      {
        line: 'POST https://www.google-analytics.com/mp/collect?measurement_id=G-TEST123&api_secret=[REDACTED]',
        headers: { 'content-type': 'application/json' },
        body: (body) =>
          expect(json(body)).toMatchObject({
            client_id: '5b1c0a7e-3d9f-4c3a-9a52-5f1d2e8b7c64',
            events: [
              { name: 'purchase', params: { transaction_id: 'ORD-50314', currency: 'GBP', value: 125.49 } }
            ]
          })
      }
    ]
  },
  {
    slug: 'hubspot',
    settings: {},
    secrets: ['hub-access-token-1a2b3c', 'hub-refresh-token-4d5e6f'],
    event: events.identify,
    extra: () => [
      '--auth',
      file('hubspot-auth.json', {
        accessToken: 'hub-access-token-1a2b3c',
        refreshToken: 'hub-refresh-token-4d5e6f'
      })
    ],
    requests: [
      {
        line: 'POST https://api.hubapi.com/crm/v3/objects/contacts/batch/upsert',
        headers: { 'content-type': 'application/json', authorization: 'Bearer [REDACTED]' },
        body: (body) =>
          expect(json(body).inputs).toEqual([
            expect.objectContaining({ id: 'ada.lovelace@example.com', idProperty: 'email' })
          ])
      }
    ]
  },
  {
    slug: 'mixpanel',
    settings: { projectToken: 'mp-token-0f1e2d3c', apiSecret: 'mp-secret-4b5a6978' },
    secrets: [
      'mp-token-0f1e2d3c',
      'mp-secret-4b5a6978',
      Buffer.from('mp-secret-4b5a6978:').toString('base64')
    ],
    event: events['track-order-completed'],
    requests: [
      {
        line: 'POST https://api.mixpanel.com/import?strict=1',
        headers: { 'content-type': 'application/json', authorization: 'Basic [REDACTED]' },
        body: (body) =>
          expect(json(body)).toEqual([
            expect.objectContaining({
              event: 'Order Completed',
              properties: expect.objectContaining({ distinct_id: 'u_83712', time: 1793370125118 })
            })
          ])
      }
    ]
  },
  {
    slug: 'sendgrid-lists',
    settings: { apiKey: 'SG.sendgrid-key.9z8y7x' },
    secrets: ['SG.sendgrid-key.9z8y7x'],
    event: audienceEntered(),
    requests: [
      {
        line: 'PUT https://api.sendgrid.com/v3/marketing/contacts',
        headers: { 'content-type': 'application/json', authorization: 'Bearer [REDACTED]' },
        body: (body) =>
          expect(json(body)).toEqual({
            list_ids: ['list-123'],
            contacts: [expect.objectContaining({ email: 'ada.lovelace@example.com', first_name: 'Ada' })]
          })
      }
    ]
  },
  {
    slug: 'slack',
    settings: { webhookUrl: 'https://hooks.slack.com/services/T0001/B0002/s3cr3tS1ackH00k' },
    secrets: ['https://hooks.slack.com/services/T0001/B0002/s3cr3tS1ackH00k', 's3cr3tS1ackH00k'],
    event: events['track-order-completed'],
    requests: [
      {
        // The whole URL is the secret.
        line: 'POST [REDACTED]',
        headers: { 'content-type': 'application/json' },
        body: (body) => expect(body).toBe('{"text":"*Order Completed* from u_83712"}')
      }
    ]
  },
  {
    slug: 'webhook',
    settings: { sharedSecret: 'whsec-shared-7c6b5a49' },
    secrets: ['whsec-shared-7c6b5a49'],
    event: events.page,
    extra: () => [
      '--mapping',
      file('webhook-mapping.json', { url: 'https://hooks.example.com/in', data: { '@path': '$.' } })
    ],
    requests: [
      {
        line: 'POST https://hooks.example.com/in',
        headers: { 'content-type': 'application/json', 'x-signature': '[REDACTED]' },
        // The body is the event, byte for byte as JSON.stringify writes it.
        body: (body) => expect(body).toBe(JSON.stringify(events.page))
      }
    ]
  }
]

describe('destkit send --dry-run', () => {
  it.each(cases)('prints the exact request for $slug, secrets redacted', async (testCase) => {
    const run = await destkit([
      testCase.slug,
      '--dry-run',
      '--settings',
      file(`${testCase.slug}-settings.json`, testCase.settings),
      '--event',
      file(`${testCase.slug}-event.json`, testCase.event),
      ...(testCase.extra?.({ dir }) ?? [])
    ])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const printed = printedRequests(run.stdout)
    expect(printed).toHaveLength(testCase.requests.length)
    testCase.requests.forEach((expected, index) => {
      expect(printed[index].line).toEqual(expected.line)
      expect(printed[index].headers).toMatchObject({ accept: expect.any(String), ...expected.headers })
      expected.body(printed[index].body ?? '')
    })
    expect(run.stdout).toMatch(/Dry run: nothing was sent/)
    expectNoSecrets(run, testCase.secrets)
  })

  it('shows every request of an action that makes several (amplitude group identify)', async () => {
    const secrets = ['amp_api_0a1b2c3d4e5f', 'amp_secret_9f8e7d6c5b4a']
    const run = await destkit([
      'amplitude',
      '--dry-run',
      '--settings',
      file('amplitude-group-settings.json', { apiKey: secrets[0], secretKey: secrets[1] }),
      '--event',
      file('group.json', events.group)
    ])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(
      'Amplitude › groupIdentifyUser (preset "Group Calls"; trigger: type = "group")'
    )
    expect(run.stdout).toContain('Request 1 of 2:\nPOST https://api2.amplitude.com/identify\n')
    expect(run.stdout).toContain('Request 2 of 2:\nPOST https://api2.amplitude.com/groupidentify\n')
    const [identify, groupIdentify] = printedRequests(run.stdout)
    for (const request of [identify, groupIdentify]) {
      expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded;charset=UTF-8')
      expect(request.body).toMatch(/^api_key=\[REDACTED\]&identification=/)
    }
    const identification = (body: string) =>
      JSON.parse(new URLSearchParams(body.replace('[REDACTED]', 'x')).get('identification')!)
    expect(identification(identify.body!)).toEqual({ user_id: 'u_83712', groups: { company: 'c_77' } })
    expect(identification(groupIdentify.body!)).toMatchObject({ group_type: 'company', group_value: 'c_77' })
    expect(run.stdout).toContain('each of the 2 requests was answered 200 OK with {} in process')
    expectNoSecrets(run, secrets)
  })

  it('reads the event from standard input and prints JSON with --json', async () => {
    const secret = 'https://hooks.slack.com/services/T0001/B0002/s3cr3tS1ackH00k'
    const run = await destkit(
      [
        'slack',
        '--dry-run',
        '--json',
        '--event',
        '-',
        '--settings',
        file('slack-json.json', { webhookUrl: secret })
      ],
      JSON.stringify(events['track-unicode-edge'])
    )
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout)
    expect(report).toMatchObject({
      destination: { slug: 'slack', name: 'Slack' },
      actionId: 'postToChannel',
      chosenBy: 'preset',
      dryRun: true,
      status: 'delivered',
      exchanges: [{ request: { method: 'POST', url: '[REDACTED]' } }]
    })
    expect(report.exchanges[0]).not.toHaveProperty('response')
    expect(run.stdout).not.toContain(secret)
  })

  it('refuses two inputs from standard input in one sentence', async () => {
    const run = await destkit(['slack', '--dry-run', '--event', '-', '--settings', '-'], '{}')
    expect(run.code).toBe(1)
    expect(run.stderr.trim()).toBe(
      'Error: Only one input can come from standard input, but --event and --settings both ask for it: give the others as files.'
    )
  })
})

describe('destkit send to a server on 127.0.0.1', () => {
  let server: http.Server
  let base: string
  const received: Array<{ url: string; headers: http.IncomingHttpHeaders; body: string }> = []
  const sharedSecret = 'whsec-local-0e1d2c3b'

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = ''
      req.setEncoding('utf8')
      req.on('data', (chunk: string) => (body += chunk))
      req.on('end', () => {
        received.push({ url: req.url ?? '', headers: req.headers, body })
        if (req.url === '/busy') {
          res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '30' })
          res.end('{"error":"slow down"}')
          return
        }
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ received: JSON.parse(body).event }))
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  const send = (path: string) =>
    destkit([
      'webhook',
      '--settings',
      file('webhook-local.json', { sharedSecret, allowPrivateNetworks: true }),
      '--mapping',
      file(`webhook-local${path.replace('/', '-')}.json`, { url: `${base}${path}`, data: { '@path': '$.' } }),
      '--event',
      file('order.json', events['track-order-completed'])
    ])

  it('sends the request and prints 200 OK and the body', async () => {
    const run = await send('/hook')
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const sent = received.find((request) => request.url === '/hook')!
    expect(sent.body).toBe(JSON.stringify(events['track-order-completed']))
    expect(sent.headers['x-signature']).toBe(createHmac('sha1', sharedSecret).update(sent.body).digest('hex'))
    const [printed] = printedRequests(run.stdout)
    expect(printed).toEqual({
      line: `POST ${base}/hook`,
      headers: expect.objectContaining({ 'content-type': 'application/json', 'x-signature': '[REDACTED]' }),
      body: sent.body
    })
    expect(run.stdout.trimEnd().endsWith('200 OK\n{"received":"Order Completed"}')).toBe(true)
    expectNoSecrets(run, [sharedSecret])
  })

  it('prints the classified error of a 429 with its retry hint, and exits non-zero', async () => {
    const run = await send('/busy')
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('429 Too Many Requests\n{"error":"slow down"}')
    expect(run.stdout).toMatch(/Not delivered: TOO_MANY_REQUESTS — .+ \(retryable: retry after 30 s\)\.\n?$/)
    expectNoSecrets(run, [sharedSecret])
  })

  it('refuses the loopback address unless the settings allow private networks', async () => {
    const run = await destkit([
      'webhook',
      '--settings',
      file('webhook-guarded.json', { sharedSecret }),
      '--mapping',
      file('webhook-guarded-mapping.json', { url: `${base}/hook`, data: { '@path': '$.' } }),
      '--event',
      file('order-guarded.json', events['track-order-completed'])
    ])
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('Not delivered: PRIVATE_NETWORK_REFUSED')
  })
})

describe('destkit send: inputs that cannot run', () => {
  it('says "No mapping matches this event" when nothing routes the event', async () => {
    const run = await destkit([
      'slack',
      '--dry-run',
      '--settings',
      file('slack-nomatch.json', { webhookUrl: 'https://hooks.slack.com/services/T1/B1/nomatchsecret' }),
      '--event',
      file('identify.json', events.identify)
    ])
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/^Error: No mapping matches this event: .+\n$/)
    expect(run.stderr).not.toContain('nomatchsecret')
  })

  it('says "No mapping matches this event" when the chosen trigger does not match', async () => {
    const run = await destkit([
      'slack',
      '--dry-run',
      '--action',
      'postToChannel',
      '--event',
      file('identify-action.json', events.identify)
    ])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(
      `Error: No mapping matches this event: the trigger 'type = "track"' of the action 'postToChannel' does not match`
    )
  })

  it('names invalid settings in one sentence, without echoing secrets', async () => {
    const run = await destkit([
      'amplitude',
      '--dry-run',
      '--settings',
      file('amplitude-bad.json', { apiKey: 'amp_api_0a1b2c3d4e5f', endpoint: 'mars' })
    ])
    expect(run.code).toBe(1)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toMatch(/^Error: Invalid settings in .*amplitude-bad\.json: /)
    expect(run.stderr).toContain("'secretKey'")
    expect(run.stderr).not.toContain('amp_api_0a1b2c3d4e5f')
  })

  it('names an event file that is not JSON, and an invalid mapping', async () => {
    const broken = join(dir, 'broken.json')
    writeFileSync(broken, '{"type": "track",')
    const notJson = await destkit(['slack', '--dry-run', '--event', broken])
    expect(notJson.code).toBe(1)
    expect(notJson.stderr).toMatch(
      /^Error: The event file .*broken\.json is not valid JSON: .+ at line 1, column \d+\.\n$/
    )

    const badMapping = await destkit([
      'slack',
      '--dry-run',
      '--settings',
      file('slack-badmap.json', { webhookUrl: 'https://hooks.slack.com/services/T1/B1/x' }),
      '--mapping',
      file('bad-mapping.json', { text: { '@path': 5 } })
    ])
    expect(badMapping.code).toBe(1)
    expect(badMapping.stderr).toMatch(/^Error: Invalid mapping in .*bad-mapping\.json: .*@path.*\n$/)
  })

  it('names an unknown action', async () => {
    const run = await destkit(['slack', '--dry-run', '--action', 'postToChanel'])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(
      "Error: 'postToChanel' is not an action of Slack (did you mean 'postToChannel'?)"
    )
  })
})
