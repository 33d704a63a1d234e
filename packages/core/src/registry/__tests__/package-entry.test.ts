import { packageEntry } from '../package-entry.js'

describe('packageEntry', () => {
  it.each([
    [{ exports: './lib/main.js' }, '/p/lib/main.js'],
    [{ exports: { '.': './a.js', './sub': './b.js' } }, '/p/a.js'],
    [{ exports: { '.': { types: './a.d.ts', import: './esm.js', require: './cjs.cjs' } } }, '/p/esm.js'],
    [{ exports: { import: { types: './a.d.ts', default: './esm.js' }, require: './cjs.cjs' } }, '/p/esm.js'],
    [{ exports: { '.': { node: './node.js', default: './other.js' } } }, '/p/node.js'],
    [{ exports: { '.': [{ import: './first.js' }, './second.js'] } }, '/p/first.js'],
    [{ main: 'dist/index.js' }, '/p/dist/index.js'],
    [{ exports: { './sub': './b.js' }, main: 'main.js' }, '/p/main.js'],
    [{}, '/p/index.js']
  ])('%j → %s', (packageJson, expected) => {
    expect(packageEntry('/p', packageJson)).toBe(expected)
  })
})
