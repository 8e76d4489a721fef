import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';

/** Limits on what a conversion reads (every input is untrusted). */
export const MAX_SOURCE_BYTES = 20 * 1024 * 1024;
export const MAX_SOURCE_FILES = 2000;
export const MAX_TOTAL_BYTES = 100 * 1024 * 1024;

const ENTRY_EXTENSIONS = ['.json', '.yaml', '.yml', '.har'];

/** A text file of the set, by its path relative to the set's root (forward slashes). */
export interface SourceText {
  rel: string;
  /** How messages name it. */
  file: string;
  text: string;
}

export type ReadFailure = { error: string };

/**
 * The files a conversion may read: the ones to convert (`entries`) and what they refer to
 * (`$ref`s, WireMock `__files/`, Mockoon body files), never anything outside `root`.
 */
export interface SourceSet {
  /** How messages name the root. */
  readonly root: string;
  /** A base for `$ref` resolution: an absolute path (disk) or a made-up one (uploads). */
  readonly base: string;
  readonly entries: readonly string[];
  /** How many times each file was read: an entry read again was referred to ($ref, body file). */
  readonly readCounts: Map<string, number>;
  /** Reads a file inside the root; a failure says why (missing, outside the folder, too large…). */
  read(rel: string): Promise<SourceText | ReadFailure>;
  /** The relative path of an absolute one under `base`, or null when it is outside. */
  relativeOf(absolute: string): string | null;
}

export class SourceSetError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'SourceSetError';
  }
}

/**
 * A file or a folder on disk. A file's references may reach its folder; a folder's reach
 * the folder. A WireMock `mappings` folder (or a file in it) also reaches its parent, where
 * `__files/` lives.
 */
export async function diskSources(target: string, cwd: string): Promise<SourceSet> {
  const abs = resolve(cwd, target);
  let info;
  try {
    info = await stat(abs);
  } catch {
    throw new SourceSetError(target, 'cannot read: no such file or folder');
  }
  const folder = info.isDirectory() ? abs : dirname(abs);
  const rootAbs = basename(folder) === 'mappings' ? dirname(folder) : folder;
  const rootReal = await realpath(rootAbs);
  const display = (rel: string): string => {
    const shown = relative(cwd, join(rootAbs, rel));
    return shown !== '' && !shown.startsWith('..') && !isAbsolute(shown) ? shown.split(sep).join('/') : join(rootAbs, rel);
  };
  const entries = info.isDirectory() ? await listEntries(abs, rootAbs) : [relative(rootAbs, abs).split(sep).join('/')];
  let total = 0;
  const readCounts = new Map<string, number>();
  return {
    root: display('.') || '.',
    base: rootAbs,
    entries,
    readCounts,
    relativeOf(absolute) {
      const rel = relative(rootAbs, absolute);
      return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? null : rel.split(sep).join('/');
    },
    async read(rel) {
      const safe = safeRelative(rel);
      if (safe === null) return { error: `'${rel}' is outside the folder being converted` };
      let real: string;
      try {
        real = await realpath(join(rootAbs, safe));
      } catch {
        return { error: `no such file '${safe}'` };
      }
      if (real !== rootReal && !real.startsWith(rootReal + sep)) return { error: `'${safe}' leads outside the folder being converted` };
      const size = (await stat(real)).size;
      if (size > MAX_SOURCE_BYTES) return { error: `'${safe}' is too large (${size} bytes, limit ${MAX_SOURCE_BYTES})` };
      total += size;
      if (total > MAX_TOTAL_BYTES) return { error: `more than ${MAX_TOTAL_BYTES} bytes read in all; '${safe}' not read` };
      readCounts.set(safe, (readCounts.get(safe) ?? 0) + 1);
      return textOf(safe, display(safe), await readFile(real));
    },
  };
}

/** Files given as content (the workbench's Import): names are paths relative to one root. */
export function memorySources(files: readonly { name: string; content: string }[]): SourceSet {
  const byName = new Map<string, string>();
  for (const f of files) {
    const safe = safeRelative(f.name.replace(/\\/g, '/'));
    if (safe !== null) byName.set(safe, f.content);
  }
  const base = '/flowbench-upload';
  const readCounts = new Map<string, number>();
  return {
    root: '(upload)',
    base,
    readCounts,
    entries: [...byName.keys()].filter(isEntry).sort(),
    relativeOf(absolute) {
      const rel = posix.relative(base, absolute.replace(/\\/g, '/'));
      return rel === '' || rel.startsWith('..') || posix.isAbsolute(rel) ? null : rel;
    },
    async read(rel) {
      const safe = safeRelative(rel);
      if (safe === null) return { error: `'${rel}' is outside the files given` };
      const text = byName.get(safe);
      if (text === undefined) return { error: `no such file '${safe}' among the files given` };
      readCounts.set(safe, (readCounts.get(safe) ?? 0) + 1);
      return { rel: safe, file: safe, text };
    },
  };
}

/** A relative path that stays inside its root (no `..` out, not absolute), normalised; else null. */
function safeRelative(rel: string): string | null {
  if (rel === '' || posix.isAbsolute(rel) || /^[A-Za-z]:/.test(rel)) return null;
  const normal = posix.normalize(rel);
  return normal === '..' || normal.startsWith('../') ? null : normal.replace(/^\.\//, '');
}

function isEntry(rel: string): boolean {
  const parts = rel.split('/');
  if (parts.some((p) => p === '__files' || p.startsWith('.'))) return false;
  return ENTRY_EXTENSIONS.some((ext) => rel.toLowerCase().endsWith(ext));
}

async function listEntries(folder: string, rootAbs: string): Promise<string[]> {
  const found = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = found
    .filter((e) => e.isFile())
    .map((e) => relative(rootAbs, join(e.parentPath, e.name)).split(sep).join('/'))
    .filter((rel) => isEntry(relative(folder, join(rootAbs, rel)).split(sep).join('/')))
    .sort();
  if (files.length > MAX_SOURCE_FILES) throw new SourceSetError(folder, `more than ${MAX_SOURCE_FILES} files to convert (${files.length})`);
  return files;
}

function textOf(rel: string, file: string, buffer: Buffer): SourceText | ReadFailure {
  const text = buffer.toString('utf8');
  if (text.includes('\u0000') || text.includes('\uFFFD')) return { error: `'${rel}' is not a UTF-8 text file` };
  return { rel, file, text };
}
