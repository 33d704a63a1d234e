import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { codeMask, registerAction } from '../register-action.js'

const destinations = fileURLToPath(new URL('../../../../destinations/', import.meta.url))

/** What the TypeScript parser sees: the import bindings and the keys of the `actions` object. */
function parse(source: string): { imports: Record<string, string>; actions: string[] } {
  const file = ts.createSourceFile('index.ts', source, ts.ScriptTarget.Latest, true)
  const diagnostics = (file as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics
  expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([])
  const imports: Record<string, string> = {}
  let actions: string[] = []
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && node.importClause?.name) {
      imports[node.importClause.name.text] = (node.moduleSpecifier as ts.StringLiteral).text
    }
    if (
      ts.isPropertyAssignment(node) &&
      node.name.getText() === 'actions' &&
      ts.isObjectLiteralExpression(node.initializer)
    ) {
      actions = node.initializer.properties.map((property) => property.name!.getText())
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return { imports, actions }
}

describe('registerAction', () => {
  it.each(readdirSync(destinations))(
    "registers a new action in the bundled %s destination's index.ts",
    (slug) => {
      const source = readFileSync(`${destinations}${slug}/src/index.ts`, 'utf8')
      const before = parse(source)
      const after = parse(registerAction(source, 'trackPurchaseNew', 'src/index.ts'))
      expect(after.actions).toEqual([...before.actions, 'trackPurchaseNew'])
      expect(after.imports).toEqual({ ...before.imports, trackPurchaseNew: './trackPurchaseNew/index.js' })
    }
  )

  it('adds a line after the last entry of a multi-line object, keeping a comment that ends it', () => {
    const source = [
      "import type { DestinationDefinition } from '@destkit/core'",
      "import send from './send/index.js' // the first one",
      '',
      'const destination: DestinationDefinition = {',
      "  name: 'Acme',",
      '  actions: {',
      '    send // posts',
      '  }',
      '}',
      'export default destination',
      ''
    ].join('\n')
    expect(registerAction(source, 'trackEvent', 'src/index.ts')).toBe(
      [
        "import type { DestinationDefinition } from '@destkit/core'",
        "import send from './send/index.js' // the first one",
        "import trackEvent from './trackEvent/index.js'",
        '',
        'const destination: DestinationDefinition = {',
        "  name: 'Acme',",
        '  actions: {',
        '    send, // posts',
        '    trackEvent',
        '  }',
        '}',
        'export default destination',
        ''
      ].join('\n')
    )
  })

  it('keeps a trailing comma, semicolons and double quotes where the file has them', () => {
    const source = [
      'import send from "./send/index.js";',
      'export default {',
      '  name: "Acme",',
      '  actions: {',
      '    send: send,',
      '  },',
      '};',
      ''
    ].join('\n')
    expect(registerAction(source, 'trackEvent', 'src/index.ts')).toBe(
      [
        'import send from "./send/index.js";',
        'import trackEvent from "./trackEvent/index.js";',
        'export default {',
        '  name: "Acme",',
        '  actions: {',
        '    send: send,',
        '    trackEvent,',
        '  },',
        '};',
        ''
      ].join('\n')
    )
  })

  it('fills an empty object, on one line or on several', () => {
    expect(registerAction("export default { name: 'A', actions: {} }\n", 'go', 'i.ts')).toBe(
      "import go from './go/index.js'\nexport default { name: 'A', actions: { go } }\n"
    )
    expect(
      registerAction(
        "import x from './x.js'\nexport default {\n  actions: {\n    // none yet\n  }\n}\n",
        'go',
        'i.ts'
      )
    ).toBe(
      "import x from './x.js'\nimport go from './go/index.js'\nexport default {\n  actions: {\n    // none yet\n    go\n  }\n}\n"
    )
  })

  it('follows the extension style of the relative imports already there', () => {
    const withoutExtension = "import send from './send'\nexport default { actions: { send } }\n"
    expect(registerAction(withoutExtension, 'go', 'i.ts')).toContain("import go from './go'\n")
    const withTs = "import send from './send/index.ts'\nexport default { actions: { send } }\n"
    expect(registerAction(withTs, 'go', 'i.ts')).toContain("import go from './go/index.ts'\n")
  })

  it('is not misled by braces and `actions: {` inside strings, templates and comments', () => {
    const source = [
      "import send from './send/index.js'",
      '// actions: { old } was the former shape',
      "const note = 'actions: { nope } }'",
      'const template = `actions: { ${"}"} }`',
      "export default { description: '}{', actions: { send /* } */ } }",
      ''
    ].join('\n')
    const result = registerAction(source, 'go', 'src/index.ts')
    expect(result).toContain("export default { description: '}{', actions: { send, go /* } */ } }")
    expect(parse(result).actions).toEqual(['send', 'go'])
  })

  it.each([
    ['no actions object', "export default { name: 'A', actions }\n", 'has no `actions: { … }` object'],
    [
      'two actions objects',
      'export const a = { actions: {} }\nexport default { actions: {} }\n',
      'has more than one `actions: { … }` object'
    ]
  ])('fails with one sentence naming the file when it finds %s', (_case, source, problem) => {
    expect(() => registerAction(source, 'go', 'src/index.ts')).toThrow(
      `src/index.ts ${problem}, so the action could not be registered: add \`go\` to the definition's actions by hand.`
    )
  })

  it('refuses a name the file already uses', () => {
    const source = "import { defaultValues } from '@destkit/core'\nexport default { actions: {} }\n"
    expect(() => registerAction(source, 'defaultValues', 'src/index.ts')).toThrow(
      'src/index.ts already uses the name "defaultValues": pick another action name, or remove the old one first.'
    )
    // A mention inside a string or comment is no use of the name.
    expect(() =>
      registerAction("// go\nexport default { name: 'go', actions: {} }\n", 'go', 'src/index.ts')
    ).not.toThrow()
  })
})

describe('codeMask', () => {
  it('blanks comments and string contents, keeping offsets, quotes and line breaks', () => {
    const source = "a: 'x{', /* }\n */ b: `t${ '}' }`, // c\nd"
    const mask = codeMask(source)
    expect(mask).toHaveLength(source.length)
    expect(mask).toBe("a: '  ',     \n    b: `         `,     \nd")
  })
})
