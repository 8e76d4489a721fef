import { readFile } from 'node:fs/promises';
import { FormatError } from './format-error';
import { parseSourceDocument } from './source-document';
import type { SourceDocument } from './source-document';

const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Reads and parses a YAML/JSON file; every failure is a FormatError naming the file. */
export async function loadDocument(path: string, displayName = path): Promise<SourceDocument> {
  let buffer: Buffer;
  try {
    buffer = await readFile(path);
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, expected a file' : String(error);
    throw new FormatError([{ file: displayName, path: '(file)', message: `cannot read: ${why}` }]);
  }
  if (buffer.byteLength > MAX_FILE_BYTES) {
    throw new FormatError([{ file: displayName, path: '(file)', message: `too large (${buffer.byteLength} bytes, limit ${MAX_FILE_BYTES})` }]);
  }
  const text = buffer.toString('utf8');
  if (text.includes('\u0000') || text.includes('\uFFFD')) {
    throw new FormatError([{ file: displayName, path: '(file)', message: 'not a text file (expected UTF-8 YAML or JSON)' }]);
  }
  return parseSourceDocument(displayName, text);
}
