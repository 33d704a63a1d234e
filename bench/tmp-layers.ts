import got from 'got'
import { readFileSync } from 'node:fs'
import { Destination, createRequestClient } from '@destkit/core'
import { startSink } from './lib/start-sink.ts'
const sink = await startSink()
const event = JSON.parse(
  readFileSync(new URL('../../shared/fixtures/events/track-order-completed.json', import.meta.url), 'utf8')
)
const mapping = {
  event_name: { '@path': '$.event' },
  user_id: { '@path': '$.userId' },
  order_id: { '@path': '$.properties.order_id' },
  revenue: { '@path': '$.properties.revenue' },
  currency: { '@path': '$.properties.currency' }
}
const payload = {
  event_name: 'Order Completed',
  user_id: 'u_83712',
  order_id: 'ORD-50314',
  revenue: 125.49,
  currency: 'GBP'
}
const def = (noop: boolean) => ({
  name: 'bench-sink',
  mode: 'cloud',
  authentication: {
    scheme: 'custom',
    fields: { apiKey: { label: 'API Key', description: 'Key', type: 'password', required: true } }
  },
  extendRequest: ({ settings }: any) => ({ headers: { authorization: `Bearer ${settings.apiKey}` } }),
  actions: {
    track: {
      title: 'Track',
      description: 'd',
      fields: {
        event_name: { label: 'E', description: 'N', type: 'string', required: true },
        user_id: { label: 'U', description: 'N', type: 'string' },
        order_id: { label: 'O', description: 'N', type: 'string' },
        revenue: { label: 'R', description: 'N', type: 'number' },
        currency: { label: 'C', description: 'N', type: 'string' }
      },
      perform: noop
        ? () => ({ ok: true })
        : (request: any, { payload }: any) => request(`${sink.url}/track`, { method: 'POST', json: payload })
    }
  }
})
const conf = (noop: boolean) =>
  new Destination(def(noop) as never).configure({
    settings: { apiKey: 'k' },
    mappings: [{ id: 't', actionId: 'track', trigger: 'type = "track"', mapping }],
    retry: false
  })
const full = conf(false),
  noop = conf(true)
const client = createRequestClient({ headers: { authorization: 'Bearer k' } })
const g = got.extend({ retry: { limit: 0 }, throwHttpErrors: false, responseType: 'buffer' })
const ops: Record<string, () => Promise<unknown>> = {
  got: () =>
    g(sink.url + '/track', { method: 'POST', json: payload, headers: { authorization: 'Bearer k' } }),
  client: () => client(sink.url + '/track', { method: 'POST', json: payload }),
  deliver: () => full.deliver(event)
}
async function run(op: () => Promise<unknown>, C: number, N: number) {
  let i = 0
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: C }, async () => {
      while (i++ < N) await op()
    })
  )
  return N / ((performance.now() - t0) / 1000)
}
let t = performance.now()
for (let i = 0; i < 50000; i++) await noop.deliver(event)
console.log('noop deliver µs', ((performance.now() - t) / 50).toFixed(2))
t = performance.now()
for (let i = 0; i < 50000; i++) await noop.deliver(event)
console.log('noop deliver µs', ((performance.now() - t) / 50).toFixed(2))
for (const op of Object.values(ops)) await run(op, 32, 2000)
for (let k = 0; k < 3; k++)
  for (const [n, op] of Object.entries(ops)) {
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    for (let i = 0; i < 3000; i++) await op()
    const c = process.cpuUsage(c0)
    console.log(
      'cpu µs/op',
      n,
      ((c.user + c.system) / 3000).toFixed(1),
      'wall µs/op',
      (((performance.now() - t0) * 1000) / 3000).toFixed(1)
    )
  }
const res: Record<string, number[]> = {}
for (let k = 0; k < 6; k++)
  for (const [n, op] of Object.entries(ops))
    (res[n] ??= []).push(await run(op, Number(process.argv[2] ?? 32), 3000))
for (const [n, v] of Object.entries(res)) {
  v.sort((a, b) => a - b)
  console.log(n, v.map((x) => x.toFixed(0)).join(' '), 'median', v[3].toFixed(0))
}
sink.stop()
