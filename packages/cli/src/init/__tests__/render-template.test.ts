import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { renderContents, renderLayers, renderPath } from '../render-template.js'

describe('renderContents', () => {
  const values = { NAME: `O'Brien "Ads" \\ Co`, SLUG: 'obrien-ads' }

  it('replaces every token, escaped for single-quoted strings in TypeScript', () => {
    const rendered = renderContents(
      "name: '__NAME__', slug: '__SLUG__', again: '__SLUG__'",
      values,
      'src/index.ts'
    )
    expect(rendered).toBe(`name: 'O\\'Brien "Ads" \\\\ Co', slug: 'obrien-ads', again: 'obrien-ads'`)
    // The result is the string that was meant.
    expect(new Function(`return { ${rendered} }`)()).toEqual({
      name: values.NAME,
      slug: 'obrien-ads',
      again: 'obrien-ads'
    })
  })

  it('escapes for JSON strings in .json files', () => {
    const rendered = renderContents('{ "name": "__NAME__" }', values, 'package.json')
    expect(JSON.parse(rendered)).toEqual({ name: values.NAME })
  })

  it('writes values as they are elsewhere', () => {
    expect(renderContents('# __NAME__', values, 'notes.md')).toBe(`# ${values.NAME}`)
  })

  it('leaves words with double underscores that are not tokens alone', () => {
    const text = "import x from './__tests__/x.js' // __proto__, __dirname, __A_, ___"
    expect(renderContents(text, values, 'a.ts')).toBe(text)
  })

  it('names the template file and the token when a token has no value', () => {
    expect(() => renderContents("title: '__ACTION_TITLE__'", values, 'src/x.ts', '/t/action/x.ts')).toThrow(
      'The template file /t/action/x.ts uses __ACTION_TITLE__, which has no value (known: NAME, SLUG).'
    )
  })
})

describe('renderPath', () => {
  it('replaces tokens in folder and file names and restores stored dotfile names', () => {
    expect(renderPath('src/__ACTION_ID__/index.ts', { ACTION_ID: 'sendEvent' })).toBe(
      'src/sendEvent/index.ts'
    )
    expect(renderPath('src/__tests__/__ACTION_ID__.test.ts', { ACTION_ID: 'sendEvent' })).toBe(
      'src/__tests__/sendEvent.test.ts'
    )
    expect(renderPath('_gitignore', {})).toBe('.gitignore')
  })
})

describe('renderLayers', () => {
  let directory: string
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'destkit-render-'))
    mkdirSync(join(directory, 'base/src'), { recursive: true })
    mkdirSync(join(directory, 'top/src/__ID__'), { recursive: true })
    writeFileSync(join(directory, 'base/package.json'), '{ "name": "__ID__" }\n')
    writeFileSync(join(directory, 'base/src/index.ts'), "export default 'base'\n")
    writeFileSync(join(directory, 'top/src/index.ts'), "export default '__ID__'\n")
    writeFileSync(join(directory, 'top/src/__ID__/index.ts'), '// __ID__\n')
  })
  afterEach(() => rmSync(directory, { recursive: true, force: true }))

  it('merges the folders in order, a later file replacing an earlier one of the same path', () => {
    const files = renderLayers([join(directory, 'base'), join(directory, 'top')], { ID: 'hello' })
    expect(Object.fromEntries(files)).toEqual({
      'package.json': '{ "name": "hello" }\n',
      'src/index.ts': "export default 'hello'\n",
      'src/hello/index.ts': '// hello\n'
    })
  })
})
