/**
 * The root help lists every command, `generate:*` included, with its one-line
 * summary: oclif's default shows topics instead, which hides half the CLI.
 */
import { Help } from '@oclif/core'

export default class DestkitHelp extends Help {
  protected override async showRootHelp(): Promise<void> {
    this.log(this.formatRoot())
    this.log('')
    const commands = this.sortedCommands.filter((command) => !command.hidden)
    this.log(this.formatCommands(commands))
    this.log('')
  }
}
