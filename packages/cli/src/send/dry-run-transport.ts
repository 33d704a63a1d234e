/**
 * The dry run of `destkit send`: a request transport that answers every
 * request itself, so nothing leaves the process, and a check that the core
 * running the destination honours it before any event goes through.
 */
import type { Transport } from '@destkit/core'
import { CliError } from '../util/cli-error.js'
import type { CoreModule } from '../load/load-with-core.js'

/** What the dry run answers: an empty JSON object, which most APIs' success bodies extend. */
export const DRY_RUN_RESPONSE = {
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: '{}'
} as const

/**
 * A transport that sends nothing and answers `200 OK` with `{}`. The request
 * it receives is the exact wire request; the runtime's summaries of it (redacted)
 * are what the dry run prints.
 *
 * @example
 * destination.configure({ settings, mappings, requestDefaults: { transport: dryRunTransport } })
 */
export const dryRunTransport: Transport = () => ({
  ...DRY_RUN_RESPONSE,
  headers: { ...DRY_RUN_RESPONSE.headers }
})

/**
 * Refuses to dry-run on a core that ignores the `transport` request option (an
 * older copy installed with a third-party destination), which would really send.
 * The probe goes to a closed loopback port, so even such a core sends nothing out.
 *
 * @example
 * await assertDryRunSupport(core) // throws a CliError when the core is too old
 */
export async function assertDryRunSupport(core: CoreModule): Promise<void> {
  let used = false
  const probe: Transport = () => {
    used = true
    return { status: 204 }
  }
  try {
    await core.createRequestClient({ transport: probe, timeout: 1_000 })(
      'http://127.0.0.1:9/destkit-dry-run-probe'
    )
  } catch {
    // An old core fails to connect; `used` says what matters.
  }
  if (!used) {
    throw new CliError(
      "The @destkit/core this destination runs on cannot dry-run (it has no 'transport' request option): upgrade it, or send for real."
    )
  }
}
