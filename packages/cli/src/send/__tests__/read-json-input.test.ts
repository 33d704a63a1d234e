import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readJsonObject } from '../read-json-input.js'

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'destkit-send-'))
  writeFileSync(join(dir, 'ok.json'), '{"apiKey":"k"}')
  writeFileSync(join(dir, 'broken.json'), '{\n  "apiKey": "k",\n}')
  writeFileSync(join(dir, 'list.json'), '[1]')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('readJsonObject', () => {
  it('reads a file relative to cwd, or standard input', async () => {
    expect(await readJsonObject({ what: 'settings', path: 'ok.json', cwd: dir })).toEqual({ apiKey: 'k' })
    expect(
      await readJsonObject({ what: 'event', path: '-', readStdin: async () => '{"type":"track"}' })
    ).toEqual({
      type: 'track'
    })
  })

  it('names the input, the file and the place of a syntax error', async () => {
    await expect(readJsonObject({ what: 'settings', path: 'broken.json', cwd: dir })).rejects.toThrow(
      /^The settings file broken.json is not valid JSON: .* at line 3, column 1\.$/
    )
    await expect(readJsonObject({ what: 'event', path: '-', readStdin: async () => 'nope' })).rejects.toThrow(
      /^The event on standard input is not valid JSON: /
    )
  })

  it('refuses a missing file and JSON that is not an object', async () => {
    await expect(readJsonObject({ what: 'mapping', path: 'missing.json', cwd: dir })).rejects.toThrow(
      'Cannot read the mapping file missing.json: no such file.'
    )
    await expect(readJsonObject({ what: 'mapping', path: 'list.json', cwd: dir })).rejects.toThrow(
      'The mapping file list.json must hold a JSON object, not an array.'
    )
  })
})
