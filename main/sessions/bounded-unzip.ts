import { Unzip, UnzipInflate, unzipSync } from 'fflate';
import type { UnzipFile } from 'fflate';
import { FormatError } from '../formats/format-error';

/** How much a zip may hold; a zip over any of these is refused (zip bombs). */
export interface ZipLimits {
  /** Entries in the archive, read or not. */
  maxEntries: number;
  /** Uncompressed bytes of one entry that is read. */
  maxEntryBytes: number;
  /** Uncompressed bytes of all the entries read together. */
  maxTotalBytes: number;
}

/** Compressed bytes handed to the inflater at a time: one step inflates to at most ~1032× that. */
const CHUNK_BYTES = 16 * 1024;
const LOCAL_FILE = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ARCHIVE = [0x50, 0x4b, 0x05, 0x06];

/**
 * Reads the entries `wanted` names out of a zip, within `limits`, and never trusts the zip
 * about sizes: the central directory's entry count and declared sizes are checked first
 * (nothing is inflated when they are over), then each wanted entry is inflated in small
 * steps and abandoned as soon as its real size passes a limit. Other entries are skipped
 * without being inflated. Every problem is a FormatError naming the file and what is wrong.
 */
export function unzipBounded(bytes: Uint8Array, file: string, limits: ZipLimits, wanted: (name: string) => boolean): Map<string, Uint8Array> {
  if (!startsWith(bytes, LOCAL_FILE) && !startsWith(bytes, EMPTY_ARCHIVE)) throw zipError(file, 'is not a zip archive (it does not start with a zip signature)');
  checkDirectory(bytes, file, limits, wanted);
  return inflateWanted(bytes, file, limits, wanted);
}

/** The central directory at the end of the file: entry count and declared sizes, before any inflating. */
function checkDirectory(bytes: Uint8Array, file: string, limits: ZipLimits, wanted: (name: string) => boolean): void {
  let entries = 0;
  let total = 0;
  const seen = new Set<string>();
  try {
    unzipSync(bytes, {
      filter: (entry) => {
        entries++;
        if (entries > limits.maxEntries) throw zipError(file, `holds more than ${limits.maxEntries} entries; a flowbench bundle has 5`);
        if (!wanted(entry.name)) return false;
        if (seen.has(entry.name)) throw zipError(file, `holds the entry ${entry.name} twice`);
        seen.add(entry.name);
        if (entry.compression !== 0 && entry.compression !== 8) throw zipError(file, `entry ${entry.name} uses compression method ${entry.compression}; only stored and deflated entries are read`);
        if (entry.originalSize > limits.maxEntryBytes) throw declaredOverLimit(file, entry.name, entry.originalSize, limits.maxEntryBytes);
        total += entry.originalSize;
        if (total > limits.maxTotalBytes) throw zipError(file, `declares more than ${limits.maxTotalBytes} bytes uncompressed in all: refused without inflating it (a zip bomb?)`);
        return false; // read below, in bounded steps
      },
    });
  } catch (error) {
    if (error instanceof FormatError) throw error;
    throw zipError(file, `is truncated or damaged: its central directory (at the end of the file) cannot be read (${messageOf(error)})`);
  }
}

function inflateWanted(bytes: Uint8Array, file: string, limits: ZipLimits, wanted: (name: string) => boolean): Map<string, Uint8Array> {
  const done = new Map<string, Uint8Array>();
  const open = new Set<string>();
  let entries = 0;
  let total = 0;
  let failure: FormatError | null = null;
  const fail = (error: FormatError): never => {
    failure ??= error;
    throw failure;
  };

  const unzip = new Unzip((entry: UnzipFile) => {
    entries++;
    if (entries > limits.maxEntries) fail(zipError(file, `holds more than ${limits.maxEntries} entries; a flowbench bundle has 5`));
    if (!wanted(entry.name)) return; // never started: not inflated
    if (done.has(entry.name) || open.has(entry.name)) fail(zipError(file, `holds the entry ${entry.name} twice`));
    if (entry.originalSize !== undefined && entry.originalSize > limits.maxEntryBytes) fail(declaredOverLimit(file, entry.name, entry.originalSize, limits.maxEntryBytes));
    open.add(entry.name);
    const chunks: Uint8Array[] = [];
    let size = 0;
    entry.ondata = (error, chunk, final) => {
      if (error !== null) fail(zipError(file, `entry ${entry.name} is damaged: ${error.message}`));
      size += chunk.length;
      total += chunk.length;
      if (size > limits.maxEntryBytes) {
        const declared = entry.originalSize === undefined ? '' : ` although its header declares ${entry.originalSize}`;
        fail(zipError(file, `entry ${entry.name} inflates to more than ${limits.maxEntryBytes} bytes, the limit per entry,${declared}: refused, inflating stopped (a zip bomb?)`));
      }
      if (total > limits.maxTotalBytes) fail(zipError(file, `inflates to more than ${limits.maxTotalBytes} bytes in all: refused, inflating stopped (a zip bomb?)`));
      chunks.push(chunk);
      if (final) {
        open.delete(entry.name);
        done.set(entry.name, concat(chunks, size));
      }
    };
    entry.start();
  });
  unzip.register(UnzipInflate);

  try {
    for (let at = 0; at < bytes.length; at += CHUNK_BYTES) {
      const end = Math.min(at + CHUNK_BYTES, bytes.length);
      unzip.push(bytes.subarray(at, end), end === bytes.length);
    }
    if (bytes.length === 0) unzip.push(new Uint8Array(0), true);
  } catch (error) {
    if (failure !== null) throw failure;
    throw zipError(file, `is truncated or damaged (${messageOf(error)})`);
  }
  if (failure !== null) throw failure;
  const [unfinished] = open;
  if (unfinished !== undefined) throw zipError(file, `is truncated: its entry ${unfinished} ends early`);
  return done;
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, i) => bytes[i] === byte);
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function zipError(file: string, message: string): FormatError {
  return new FormatError([{ file, path: '(zip)', message }]);
}

function declaredOverLimit(file: string, entry: string, declared: number, limit: number): FormatError {
  return zipError(file, `entry ${entry} declares ${declared} bytes uncompressed, over the limit of ${limit} bytes per entry: refused without inflating it (a zip bomb?)`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
