/**
 * Finding destination packages on disk: a root's workspace packages and its
 * `node_modules` (scoped or not), plus folders named explicitly. Only
 * package.json files are read; no destination code is imported.
 */
import { readdirSync, readFileSync, realpathSync } from 'node:fs'
import { join, resolve } from 'node:path'

/** A package folder found on disk, with its parsed package.json. */
export interface FoundPackage {
  /** Real path of the folder (symlinks resolved), so one package found twice is one package. */
  directory: string
  packageJson: Record<string, unknown>
  /** How it was found: named explicitly, or installed under a root. */
  origin: 'explicit' | 'installed'
}

/** A package.json that could not be read as JSON. */
export interface UnreadablePackage {
  directory: string
  reason: string
}

export interface Discovery {
  packages: FoundPackage[]
  unreadable: UnreadablePackage[]
}

/**
 * Every package under `roots` (workspaces and node_modules) and in `explicit`
 * folders whose package.json has a `destkit` field, explicit ones first.
 *
 * @example
 * discoverPackages({ roots: [process.cwd()], explicit: ['../my-destination'] }).packages.map((p) => p.directory)
 */
export function discoverPackages(options: { roots: string[]; explicit: string[] }): Discovery {
  const discovery: Discovery = { packages: [], unreadable: [] }
  const seen = new Set<string>()
  const visit = (directory: string, origin: FoundPackage['origin']) => {
    const real = realPath(directory)
    if (real === undefined || seen.has(real)) return
    seen.add(real)
    let text: string
    try {
      text = readFileSync(join(real, 'package.json'), 'utf8')
    } catch {
      if (origin === 'explicit')
        discovery.unreadable.push({ directory: real, reason: 'it has no package.json' })
      return
    }
    // Most installed packages are not destinations: skip parsing those cheaply.
    if (origin === 'installed' && !text.includes('"destkit"')) return
    try {
      const packageJson = JSON.parse(text) as unknown
      if (typeof packageJson !== 'object' || packageJson === null || Array.isArray(packageJson)) {
        throw new Error('it is not a JSON object')
      }
      discovery.packages.push({
        directory: real,
        packageJson: packageJson as Record<string, unknown>,
        origin
      })
    } catch (error) {
      discovery.unreadable.push({
        directory: real,
        reason: `its package.json is not valid JSON (${(error as Error).message})`
      })
    }
  }
  for (const directory of options.explicit) visit(resolve(directory), 'explicit')
  for (const root of options.roots) {
    for (const directory of workspaceDirectories(root)) visit(directory, 'installed')
    for (const directory of nodeModulesDirectories(join(root, 'node_modules'))) visit(directory, 'installed')
  }
  return discovery
}

/** The folders a root's package.json `workspaces` patterns name (`packages/*`, `tools/cli`). */
export function workspaceDirectories(root: string): string[] {
  let patterns: unknown
  try {
    const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >
    const workspaces = packageJson.workspaces as unknown
    // npm uses an array; yarn also accepts `{ packages: [...] }`.
    patterns = Array.isArray(workspaces) ? workspaces : (workspaces as { packages?: unknown })?.packages
  } catch {
    return []
  }
  if (!Array.isArray(patterns)) return []
  const directories: string[] = []
  for (const pattern of patterns) {
    if (typeof pattern !== 'string' || pattern.startsWith('!')) continue
    directories.push(
      ...expandPattern(
        root,
        pattern.split('/').filter((part) => part !== '' && part !== '.')
      )
    )
  }
  return directories
}

/** Expands a workspace pattern one segment at a time; `*` matches one folder name, `**` any depth. */
function expandPattern(base: string, segments: string[]): string[] {
  if (segments.length === 0) return [base]
  const [head, ...rest] = segments
  if (head === '**') {
    return [
      ...expandPattern(base, rest),
      ...subdirectories(base)
        .filter((name) => name !== 'node_modules')
        .flatMap((name) => expandPattern(join(base, name), segments))
    ]
  }
  if (!head.includes('*')) return expandPattern(join(base, head), rest)
  const matcher = new RegExp(`^${head.split('*').map(escapeRegExp).join('[^/]*')}$`)
  return subdirectories(base)
    .filter((name) => matcher.test(name) && name !== 'node_modules')
    .flatMap((name) => expandPattern(join(base, name), rest))
}

/** The package folders directly inside a node_modules folder, scoped ones included. */
function nodeModulesDirectories(nodeModules: string): string[] {
  const directories: string[] = []
  for (const name of subdirectories(nodeModules)) {
    if (name.startsWith('.')) continue
    if (name.startsWith('@')) {
      for (const scoped of subdirectories(join(nodeModules, name)))
        directories.push(join(nodeModules, name, scoped))
    } else {
      directories.push(join(nodeModules, name))
    }
  }
  return directories
}

/**
 * Names of the folders and symlinks in a directory; none when it cannot be read. A symlink
 * to a file is harmless: it has no package.json to read.
 */
function subdirectories(directory: string): string[] {
  try {
    return readdirSync(directory, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() || entry.isSymbolicLink())
      .map((entry) => entry.name)
  } catch {
    return []
  }
}

function realPath(path: string): string | undefined {
  try {
    return realpathSync.native(path)
  } catch {
    return undefined
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&')
}
