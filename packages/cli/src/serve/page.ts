/**
 * `GET /`: the page to pick an action, edit its mapping with a live preview of
 * the payload, and send it. One self-contained HTML file shipped in the
 * package's `assets` folder, read on every request (an edit to it shows on reload).
 */
import { readFile } from 'node:fs/promises'

/** The page, relative to this module: `src/serve` and `dist/serve` both sit two levels below the package. */
export const PAGE_URL = new URL('../../assets/serve.html', import.meta.url)

/**
 * @example
 * const html = await readPage() // '<!doctype html>…'
 */
export async function readPage(): Promise<string> {
  return readFile(PAGE_URL, 'utf8')
}
