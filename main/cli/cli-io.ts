/** What a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Resolves when the user asks to stop (Ctrl-C); used by long-running commands. */
  onInterrupt(listener: () => void): () => void;
}

/**
 * `flowbench` exit codes (README, "Exit codes"); exit-codes.ts says which error gives which:
 * 0 everything passed; 1 a scenario failed or errored, a replay diverged, `lint --strict`
 * found warnings; 2 invalid input (a bad file, argument or bundle: fix what you gave);
 * 3 the environment or the store failed (database locked, read-only or damaged, a report
 * that cannot be written, a port in use, …) or flowbench itself did: the run says nothing
 * about the scenarios.
 */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_INVALID = 2;
export const EXIT_ENVIRONMENT = 3;

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    env: process.env,
    onInterrupt(listener) {
      process.on('SIGINT', listener);
      process.on('SIGTERM', listener);
      return () => {
        process.off('SIGINT', listener);
        process.off('SIGTERM', listener);
      };
    },
  };
}
