import type { CliCommand } from './command';
import { convertCommand } from './commands/convert-command';
import { exportCommand } from './commands/export-command';
import { importCommand } from './commands/import-command';
import { lintCommand } from './commands/lint-command';
import { mockCommand } from './commands/mock-command';
import { replayCommand } from './commands/replay-command';
import { runCommand } from './commands/run-command';
import { schemaCommand } from './commands/schema-command';
import { sweepCommand } from './commands/sweep-command';
import { tuneCommand } from './commands/tune-command';
import { validateCommand } from './commands/validate-command';

/** Every sub-command of `flowbench`, in the order `--help` lists them. */
export const commands: readonly CliCommand[] = [runCommand, validateCommand, lintCommand, sweepCommand, tuneCommand, replayCommand, mockCommand, convertCommand, importCommand, exportCommand, schemaCommand];
