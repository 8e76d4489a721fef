import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CliIo } from '../../main/cli/cli-io';
import { runCli } from '../../main/cli/run-cli';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  output: string;
}

/** Runs `flowbench` in-process with captured output, in `cwd`. */
export async function cli(args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    cwd,
    env,
    onInterrupt: () => () => {},
  };
  const code = await runCli(args, io, '9.9.9');
  return { code, stdout, stderr, output: stdout + stderr };
}

/** A temporary folder of files, written from a record of relative paths to contents. */
export function tempTree(files: Record<string, string>): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'flowbench-test-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
