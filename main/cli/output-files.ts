import { access, mkdir, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Makes sure each file a command will write at the end (reports, traces, coverage) can be
 * written: its folder exists or is created, it is not a folder, and it may be written.
 * Throws the system error (exit code 3) before the command does its work, so a long run
 * never ends with "cannot write the report".
 */
export async function checkOutputFiles(cwd: string, files: readonly (string | undefined)[]): Promise<void> {
  for (const file of files) {
    if (file === undefined) continue;
    const abs = resolve(cwd, file);
    await mkdir(dirname(abs), { recursive: true });
    const info = await stat(abs).catch(() => null);
    if (info?.isDirectory() === true) {
      throw Object.assign(new Error(`EISDIR: illegal operation on a directory, open '${abs}'`), { code: 'EISDIR', syscall: 'open', path: abs });
    }
    await access(info === null ? dirname(abs) : abs, constants.W_OK);
  }
}
