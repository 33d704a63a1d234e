/**
 * `--watch`: run again whenever a source file of the targets changes (debounced,
 * generated files ignored so the generator does not trigger itself).
 */
import { watch } from 'node:fs'
import { join } from 'node:path'
import { resolveDestinations, type TargetOptions } from '../load/resolve-destinations.js'

/** Resolves when the process is interrupted. */
export async function watchSources(
  options: TargetOptions,
  run: () => Promise<void>,
  onError: (error: Error) => void
): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  let running = Promise.resolve()
  const schedule = (file: string | null) => {
    if (file && (file.endsWith('generated-types.ts') || !file.endsWith('.ts'))) return
    clearTimeout(timer)
    timer = setTimeout(() => {
      running = running.then(run).catch(onError)
    }, 100)
  }
  const watchers = resolveDestinations(options).map((target) =>
    watch(join(target.directory, 'src'), { recursive: true }, (_event, file) => schedule(file))
  )
  await new Promise<void>((resolve) => process.once('SIGINT', resolve))
  for (const watcher of watchers) watcher.close()
}
