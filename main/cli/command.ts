import type { Command } from 'commander';
import type { CliIo } from './cli-io';

/** A `flowbench` sub-command: adds itself to the program; its action returns the exit code. */
export interface CliCommand {
  register(program: Command, io: CliIo, done: (exitCode: number) => void): void;
}
