/**
 * The mapping hot path: destkit's compiled mapping next to `transform` of the published peer runtime,
 * on the same event and the same mappings, in one process. The outputs are compared first: a suite
 * whose payloads differ measures nothing and fails.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { isDeepStrictEqual } from 'node:util'
import { compileMapping } from '@destkit/core'
import { versusPeer } from '../lib/measure.ts'
import type { SuiteResult } from '../lib/suite.ts'

// The peer's ESM build uses directory imports that Node's ESM loader refuses; its CommonJS build loads.
const { transform: peerTransform } = createRequire(import.meta.url)('@segment/actions-core') as {
  transform: (mapping: unknown, data: unknown) => unknown
}

const event = JSON.parse(
  readFileSync(new URL('../../../shared/fixtures/events/track-order-completed.json', import.meta.url), 'utf8')
)

/** ~12 fields: paths, templates, conditions, an array with an item shape, a nested object. */
const large = {
  event_name: { '@path': '$.event' },
  user_id: { '@path': '$.userId' },
  anonymous_id: { '@path': '$.anonymousId' },
  email: {
    '@if': {
      exists: { '@path': '$.context.traits.email' },
      then: { '@path': '$.context.traits.email' },
      else: { '@path': '$.properties.email' }
    }
  },
  order_label: { '@template': 'Order {{properties.order_id}} via {{context.campaign.source}}' },
  revenue: { '@path': '$.properties.revenue' },
  currency: { '@path': '$.properties.currency' },
  coupon: {
    '@if': {
      exists: { '@path': '$.properties.coupon' },
      then: { '@path': '$.properties.coupon' },
      else: 'none'
    }
  },
  page: {
    url: { '@path': '$.context.page.url' },
    title: { '@path': '$.context.page.title' },
    referrer: { '@path': '$.context.page.referrer' }
  },
  device: { ip: { '@path': '$.context.ip' }, locale: { '@path': '$.context.locale' } },
  products: {
    '@arrayPath': [
      '$.properties.products',
      {
        id: { '@path': '$.product_id' },
        sku: { '@path': '$.sku' },
        name: { '@path': '$.name' },
        price: { '@path': '$.price' },
        quantity: { '@path': '$.quantity' }
      }
    ]
  },
  timestamp: { '@path': '$.timestamp' }
}

/** Three plain paths. */
const small = {
  user_id: { '@path': '$.userId' },
  order_id: { '@path': '$.properties.order_id' },
  revenue: { '@path': '$.properties.revenue' }
}

const cases = [
  { name: 'large mapping (~12 fields)', mapping: large, target: 10 },
  { name: 'small mapping (3 × @path)', mapping: small, target: 5 }
]

export default async function mappingSuite(): Promise<SuiteResult> {
  const rows: string[] = []
  const targets: string[] = []
  let targetsMet = true

  for (const { name, mapping, target } of cases) {
    const ours = compileMapping(mapping)
    const expected = peerTransform(mapping, event)
    const actual = ours(event)
    if (!isDeepStrictEqual(actual, expected)) {
      throw new Error(
        `The ${name} gives different payloads:\n destkit ${JSON.stringify(actual)}\n peer    ${JSON.stringify(expected)}`
      )
    }
    const result = versusPeer({
      name,
      target,
      destkit: () => ours(event),
      peer: () => peerTransform(mapping, event)
    })
    targetsMet &&= result.met
    rows.push(result.row)
    targets.push(result.targetLine)
  }

  const markdown = [
    "Compiled mapping (`compileMapping(mapping)(event)`) next to the peer's `transform(mapping, event)` on",
    '`track-order-completed.json`; both payloads were checked deep-equal before measuring.',
    '',
    '| mapping | destkit | peer | ratio | destkit per event |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    'Targets:',
    ...targets
  ].join('\n')
  return { title: 'Mapping: compiled mapping vs peer transform', markdown, targetsMet }
}
