/**
 * `destkit init`: a new destination package rendered from a template, with
 * its types and README generated from the definition it starts with.
 */
import { join, relative, resolve } from 'node:path'
import { regeneratePackage } from '../generate/regenerate-package.js'
import { checkName, checkSlug, packageNameFor } from './names.js'
import { renderLayers, type TemplateValues } from './render-template.js'
import { checkTargetDirectory } from './target-directory.js'
import {
  COMMON_LAYER,
  destinationTemplate,
  findTemplatesDirectory,
  type DestinationTemplate
} from './templates.js'
import { writeRenderedFiles } from './write-rendered-files.js'

export interface InitOptions {
  /** The display name ("Acme CRM"). */
  name: string
  /** The registry slug ("acme-crm"). */
  slug: string
  /** One of `TEMPLATE_NAMES`. */
  template: string
  /** Where to write, relative to `cwd` (default: a folder named after the slug). */
  directory?: string
  /** Write into a folder that is not empty. */
  force?: boolean
  cwd?: string
  /** The `templates/` folder (default: the one beside the CLI). */
  templatesDirectory?: string
}

export interface InitResult {
  directory: string
  name: string
  slug: string
  packageName: string
  template: string
  /** Every file written, relative to `directory`, sorted. */
  files: string[]
}

/**
 * Scaffolds a destination package and generates its types and README.
 *
 * @example
 * const result = await initDestination({ name: 'Acme CRM', slug: 'acme-crm', template: 'custom-auth', cwd: '/tmp' })
 * result.directory // '/tmp/acme-crm'
 * result.files // ['.gitignore', 'README.md', 'package.json', 'src/__tests__/authentication.test.ts', …]
 */
export async function initDestination(options: InitOptions): Promise<InitResult> {
  const name = checkName(options.name)
  const slug = checkSlug(options.slug)
  const template = destinationTemplate(options.template)
  const directory = resolve(options.cwd ?? process.cwd(), options.directory ?? slug)
  checkTargetDirectory(directory, { force: options.force ?? false })

  const files = renderDestination(
    template,
    { name, slug },
    options.templatesDirectory ?? findTemplatesDirectory()
  )
  const written = writeRenderedFiles(directory, files, { overwrite: true })
  const { changed } = await regeneratePackage(directory, { docs: 'always' })
  return {
    directory,
    name,
    slug,
    packageName: packageNameFor(slug),
    template: template.name,
    files: [...new Set([...written, ...changed])]
      .map((path) => relative(directory, path).split('\\').join('/'))
      .sort()
  }
}

/**
 * A destination template's files, by path relative to the package: the
 * shared layer, the example action when the template has one, then the
 * template's own files.
 *
 * @example
 * renderDestination(destinationTemplate('minimal'), { name: 'Acme', slug: 'acme' }, '/repo/templates').get('src/index.ts')
 */
export function renderDestination(
  template: DestinationTemplate,
  identity: { name: string; slug: string },
  templatesDirectory: string
): Map<string, string> {
  const values: TemplateValues = {
    NAME: identity.name,
    SLUG: identity.slug,
    PACKAGE_NAME: packageNameFor(identity.slug),
    DESCRIPTION: `Send events to ${identity.name.replace(/\.$/, '')}.`
  }
  const layers = [join(templatesDirectory, 'destination', COMMON_LAYER)]
  if (template.exampleAction) {
    values.ACTION_ID = template.exampleAction.id
    values.ACTION_TITLE = template.exampleAction.title
    layers.push(join(templatesDirectory, 'action'))
  }
  layers.push(join(templatesDirectory, 'destination', template.name))
  return renderLayers(layers, values)
}
