import { Command, CommanderError } from 'commander';
import { loadCodeSandbox } from '../sandbox/load-code-sandbox';
import { EXIT_INVALID, EXIT_OK } from './cli-io';
import type { CliIo } from './cli-io';
import { commands } from './commands';
import { describeFailure, exitCodeOf } from './exit-codes';

/**
 * Runs `flowbench <args>` and resolves with the exit code (0 passed, 1 failed, 2 invalid
 * input, 3 environment or store error; see cli-io.ts); never calls process.exit.
 */
export async function runCli(argv: readonly string[], io: CliIo, version = '0.0.0'): Promise<number> {
  let exitCode: number | undefined;
  // Flows with code are checked (syntax) and run in the QuickJS sandbox: load it once, up front.
  await loadCodeSandbox();
  const program = new Command('flowbench')
    .description('Test conversational-bot dialog flows against mock APIs, in virtual or real time.')
    .version(version, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(run flowbench --help for usage)');
  for (const command of commands) {
    command.register(program, io, (code) => {
      exitCode = code;
    });
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT_OK;
      return EXIT_INVALID;
    }
    io.stderr.write(`${describeFailure(commandOf(argv), error)}\n`);
    return exitCodeOf(error);
  }
  return exitCode ?? EXIT_OK;
}

/** The sub-command named in argv ('' when none), for messages. */
function commandOf(argv: readonly string[]): string {
  const first = argv.find((a) => !a.startsWith('-'));
  return first !== undefined && /^[a-z]+$/.test(first) ? first : '';
}
