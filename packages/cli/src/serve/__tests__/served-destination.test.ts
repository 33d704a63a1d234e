import type { DestinationDefinition } from '@destkit/core'
import type { DestinationPackage } from '../../load/destination-package.js'
import { createServedDestination } from '../served-destination.js'

const target = {
  directory: '/nowhere/acme',
  sourceEntry: '/nowhere/acme/src/index.ts',
  manifest: {
    slug: 'acme',
    name: 'Acme',
    description: '',
    packageName: 'acme',
    version: '1.0.0',
    directory: '/nowhere/acme'
  }
} satisfies DestinationPackage

const definition = (title: string): DestinationDefinition => ({
  name: 'Acme',
  actions: { track: { title, description: 'Tracks.', fields: {}, perform: () => undefined } }
})

describe('createServedDestination', () => {
  it('imports once more when a reload is asked for during an import, so no change is missed', async () => {
    let imports = 0
    const served = createServedDestination(target, async () => {
      imports += 1
      await new Promise((resolve) => setImmediate(resolve))
      return definition(`Track ${imports}`)
    })
    const [first, second, third] = await Promise.all([served.reload(), served.reload(), served.reload()])
    expect(imports).toBe(2)
    expect(first).toEqual({ ok: true, revision: 2 })
    expect(second).toBe(first)
    expect(third).toBe(first)
    expect(served.current()?.definition.actions.track.title).toBe('Track 2')
  })

  it('records the responses of each piece of work apart, and returns a failure instead of throwing', async () => {
    const served = createServedDestination(target, async () => definition('Track'))
    await served.reload()
    const failed = await served.recording(async () => {
      throw new Error('boom')
    })
    expect(failed).toEqual({ error: new Error('boom'), responses: [] })
    expect(await served.recording(async () => 42)).toEqual({ value: 42, responses: [] })
  })
})
