import { parsePath } from '../parse-path.js'

describe('parsePath', () => {
  it.each([
    ['a', ['a']],
    ['a.b.c', ['a', 'b', 'c']],
    ['a.b[0].c', ['a', 'b', '0', 'c']],
    ['a[0][1]', ['a', '0', '1']],
    ['[0]', ['0']],
    ['a["dots.in.key"]', ['a', 'dots.in.key']],
    ["a['key with spaces'].b", ['a', 'key with spaces', 'b']],
    ['a["with]bracket"]', ['a', 'with]bracket']],
    ['a[key]', ['a', 'key']],
    ['a..b', ['a', 'b']],
    ['.a.', ['a']],
    ['', []],
    ['.', []],
    ['key with spaces', ['key with spaces']],
    ['Ünïcödé.✓', ['Ünïcödé', '✓']]
  ])('parses %j', (path, segments) => {
    expect(parsePath(path)).toEqual(segments)
  })

  it('takes the rest of the path as the key when a bracket or quote is not closed', () => {
    expect(parsePath('a[0')).toEqual(['a', '0'])
    expect(parsePath('a["open')).toEqual(['a', 'open'])
    expect(parsePath('a["closed"')).toEqual(['a', 'closed'])
  })
})
