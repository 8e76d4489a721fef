import type { CliCommand } from './command';

/** Every sub-command of `flowbench`, in the order `--help` lists them. */
export const commands: readonly CliCommand[] = [];
