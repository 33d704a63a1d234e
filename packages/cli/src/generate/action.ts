/**
 * `generate:action`: a new action folder rendered from `templates/action/`,
 * registered in the destination's definition, with the types regenerated.
 * Either all of it happens or the package is left as it was.
 */
import { existsSync, readFileSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { readDestinationPackage, type DestinationPackage } from '../load/destination-package.js'
import { resolveDestinations } from '../load/resolve-destinations.js'
import { actionIdentity } from '../init/names.js'
import { renderLayers } from '../init/render-template.js'
import { findTemplatesDirectory } from '../init/templates.js'
import { writeRenderedFiles } from '../init/write-rendered-files.js'
import { CliError } from '../util/cli-error.js'
import { registerAction } from './register-action.js'
import { regeneratePackage } from './regenerate-package.js'

export interface GenerateActionOptions {
  /** The action's name: an ID (`trackEvent`) or words (`"track event"`). */
  name: string
  /** Its title (default: from the name). */
  title?: string
  /** A slug or a package folder (default: the package at or above `cwd`). */
  destination?: string
  cwd?: string
  /** The `templates/` folder (default: the one beside the CLI). */
  templatesDirectory?: string
}

export interface GenerateActionResult {
  /** The destination's slug. */
  destination: string
  directory: string
  actionId: string
  title: string
  /** Files created, edited or regenerated, relative to `directory`, sorted. */
  files: string[]
}

/**
 * Adds an action to a destination package.
 *
 * @example
 * const result = await generateAction({ name: 'track event', destination: './acme-crm' })
 * result.files // ['src/__tests__/trackEvent.test.ts', 'src/index.ts', 'src/trackEvent/generated-types.ts', 'src/trackEvent/index.ts']
 */
export async function generateAction(options: GenerateActionOptions): Promise<GenerateActionResult> {
  const cwd = resolve(options.cwd ?? process.cwd())
  const { id, title } = actionIdentity(options.name, options.title)
  const target = targetPackage(options.destination, cwd)
  const { directory, manifest, sourceEntry } = target
  const actionFolder = join(directory, 'src', id)
  if (existsSync(actionFolder)) {
    throw new CliError(
      `${relative(cwd, actionFolder) || actionFolder} already exists: pick another action name.`
    )
  }
  const indexName = relative(cwd, sourceEntry) || sourceEntry
  const original = readFileSync(sourceEntry, 'utf8')
  const registered = registerAction(original, id, indexName)
  const files = renderLayers([join(options.templatesDirectory ?? findTemplatesDirectory(), 'action')], {
    ACTION_ID: id,
    ACTION_TITLE: title,
    NAME: manifest.name,
    SLUG: manifest.slug
  })

  const folders = newFolders(directory, [...files.keys()])
  const written = writeRenderedFiles(directory, files, { overwrite: false })
  writeFileSync(sourceEntry, registered)
  let changed: string[]
  try {
    ;({ changed } = await regeneratePackage(directory, {
      docs: 'if-generated',
      verify: (definition) => {
        if (!Object.hasOwn(definition.actions, id)) {
          throw new CliError(
            `After the edit, ${indexName} still does not register "${id}" in its actions: nothing was changed.`
          )
        }
      }
    }))
  } catch (error) {
    // Leave the package as it was: the definition, and no half-added action.
    writeFileSync(sourceEntry, original)
    for (const path of written) rmSync(path, { force: true })
    for (const folder of folders) {
      try {
        rmdirSync(folder)
      } catch {
        // Not empty: something else is in it now.
      }
    }
    throw error
  }
  return {
    destination: manifest.slug,
    directory,
    actionId: id,
    title,
    files: [...new Set([...written, sourceEntry, ...changed])]
      .map((path) => relative(directory, path).split('\\').join('/'))
      .sort()
  }
}

/** The destination package named by `--destination`, or the one at or above `cwd`. */
function targetPackage(destination: string | undefined, cwd: string): DestinationPackage {
  if (destination !== undefined) {
    const path = resolve(cwd, destination)
    const isPath = /[\\/]/.test(destination) || destination.startsWith('.') || isDirectory(path)
    return isPath ? readDestinationPackage(path) : resolveDestinations({ slugs: [destination], cwd })[0]
  }
  for (let current = cwd; ; current = dirname(current)) {
    if (existsSync(join(current, 'package.json'))) {
      if (!hasDestkitField(join(current, 'package.json'))) {
        throw new CliError(
          `The package in ${current} is not a destination package: run this inside one, or pass --destination <slug|path>.`
        )
      }
      return readDestinationPackage(current)
    }
    if (dirname(current) === current) {
      throw new CliError(
        `No package.json in ${cwd} or above: run this inside a destination package, or pass --destination <slug|path>.`
      )
    }
  }
}

function hasDestkitField(packageJson: string): boolean {
  try {
    const parsed = JSON.parse(readFileSync(packageJson, 'utf8')) as unknown
    return typeof parsed === 'object' && parsed !== null && 'destkit' in parsed
  } catch {
    return false
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

/** The folders that writing these files would create, deepest first. */
function newFolders(directory: string, files: string[]): string[] {
  const folders = new Set<string>()
  for (const file of files) {
    for (let folder = dirname(join(directory, file)); folder.startsWith(directory) && folder !== directory;) {
      if (existsSync(folder)) break
      folders.add(folder)
      folder = dirname(folder)
    }
  }
  return [...folders].sort((a, b) => b.length - a.length)
}
