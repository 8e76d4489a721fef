import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { CliIo } from '../cli-io';

/** Writes a report to its file (creating folders), or to standard output. */
export async function writeOutput(io: CliIo, file: string | undefined, text: string): Promise<void> {
  if (file === undefined) {
    io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    return;
  }
  const abs = resolve(io.cwd, file);
  await mkdir(dirname(abs), { recursive: true });
  await writeFile(abs, text.endsWith('\n') ? text : `${text}\n`);
}
