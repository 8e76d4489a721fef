import { constants } from 'node:fs';
import type { Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { LIMITS } from '../api/formats/common';
import { FormatError } from './format-error';

/**
 * Reads a flowbench document (flow, mocks, scenario, session, bundle) as UTF-8 text. Only
 * regular files up to LIMITS.fileBytes are read: a device (`/dev/zero`), a FIFO or a socket
 * is refused at once without being opened for a blocking read, and a file that grows while
 * it is read stops at the limit. Every failure is a FormatError naming the file.
 */
export async function readDocumentFile(path: string, display: string = path): Promise<string> {
  const bytes = await readRegularFile(path, display, LIMITS.fileBytes);
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
  if (text.includes('\u0000') || text.includes('\uFFFD')) throw fileRefusal(display, 'not a text file (expected UTF-8 YAML or JSON)');
  return text;
}

/**
 * The bytes of a regular file of at most `maxBytes`: a device, FIFO or socket is refused at
 * once (the open is non-blocking), a folder too, and a file that grows while it is read stops
 * at the limit. Every failure is a FormatError naming the file.
 */
export async function readRegularFile(path: string, display: string, maxBytes: number): Promise<Uint8Array> {
  const refuse = (message: string): FormatError => fileRefusal(display, message);
  let info: Stats;
  try {
    info = await stat(path);
  } catch (error) {
    throw refuse(`cannot read: ${describeError(error)}`);
  }
  const notRegular = kindProblem(info);
  if (notRegular !== null) throw refuse(notRegular);
  if (info.size > maxBytes) throw refuse(tooLarge(`${info.size} bytes`, maxBytes));

  let handle: FileHandle;
  try {
    // Non-blocking: if the path became a FIFO since stat, opening it does not wait for a writer.
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw refuse(`cannot read: ${describeError(error)}`);
  }
  try {
    const opened = await handle.stat();
    const changed = kindProblem(opened);
    if (changed !== null) throw refuse(changed);
    const buffer = Buffer.alloc(Math.min(opened.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) throw refuse(tooLarge(`over ${length - 1} bytes`, maxBytes));
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) throw refuse(tooLarge(`over ${maxBytes} bytes`, maxBytes));
    }
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof FormatError) throw error;
    throw refuse(`cannot read: ${describeError(error)}`);
  } finally {
    await handle.close();
  }
}

function fileRefusal(file: string, message: string): FormatError {
  return new FormatError([{ file, path: '(file)', message }]);
}

function kindProblem(info: Stats): string | null {
  if (info.isFile()) return null;
  if (info.isDirectory()) return 'is a folder, expected a file';
  const kind = info.isFIFO()
    ? 'a FIFO (named pipe)'
    : info.isCharacterDevice() || info.isBlockDevice()
      ? 'a device'
      : info.isSocket()
        ? 'a socket'
        : 'a special file';
  return `not a regular file (${kind}); flowbench reads only regular files`;
}

function tooLarge(size: string, limit: number): string {
  return `too large (${size}; the limit is ${limit} bytes, ${Math.round(limit / 1024 / 1024)} MB)`;
}

function describeError(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder, expected a file';
  return error instanceof Error ? error.message : String(error);
}
