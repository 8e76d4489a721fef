import type { CliCommand } from './command';
import { mockCommand } from './commands/mock-command';

/** Every sub-command of `flowbench`, in the order `--help` lists them. */
export const commands: readonly CliCommand[] = [mockCommand];
