/**
 * Hot reload: watch a destination's `src` folder and import its definition
 * again when a file changes (a burst of changes, as an editor's save makes, is
 * one reload).
 */
import { watch, type FSWatcher } from 'node:fs'
import { join } from 'node:path'
import type { ReloadResult, ServedDestination } from './served-destination.js'

/** How long changes are gathered before one reload. */
export const RELOAD_DELAY_MS = 100

/**
 * Starts watching; returns the function that stops it.
 *
 * @example
 * const stop = watchDestination(served, (result, file) => console.error(result.ok ? `Reloaded (${file}).` : result.error.message))
 */
export function watchDestination(
  served: ServedDestination,
  onReload: (result: ReloadResult, file: string | undefined) => void
): () => void {
  let timer: NodeJS.Timeout | undefined
  let lastFile: string | undefined
  const watcher: FSWatcher = watch(
    join(served.target.directory, 'src'),
    { recursive: true },
    (_event, file) => {
      lastFile = file ?? undefined
      clearTimeout(timer)
      timer = setTimeout(() => {
        const file = lastFile
        void served.reload().then((result) => onReload(result, file))
      }, RELOAD_DELAY_MS)
    }
  )
  // A watcher error (the folder removed) ends watching; serving goes on with what is loaded.
  watcher.on('error', () => watcher.close())
  return () => {
    clearTimeout(timer)
    watcher.close()
  }
}
