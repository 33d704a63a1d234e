import { readFileSync } from 'node:fs'
import { Destination } from '@destkit/core'
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
const def = {
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
      perform: (request: any, { payload }: any) =>
        request(`${sink.url}/track`, { method: 'POST', json: payload })
    }
  }
}
const inst = new Destination(def as never).configure({
  settings: { apiKey: 'k' },
  mappings: [{ id: 't', actionId: 'track', trigger: 'type = "track"', mapping }],
  retry: false
})
for (let i = 0; i < 15000; i++) await inst.deliver(event)
sink.stop()
