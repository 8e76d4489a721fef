import { lstat, readlink, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, parse, relative, resolve, sep } from 'node:path';
import { FormatError } from '../formats/format-error';
import { loadFlowbenchDocument } from '../formats/flowbench-document';
import type { SourceDocument } from '../formats/source-document';
import { HostError } from './host-error';

/** A folder the host may read and write files in, by what it is and its real path. */
export interface AllowedFolder {
  kind: 'data' | 'examples' | 'opened';
  path: string;
}

/** Whether `target` is `folder` or inside it (both absolute, already resolved). */
export function isInsideFolder(folder: string, target: string): boolean {
  const rel = relative(folder, target);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** Symlinks followed at most (like the kernel's MAXSYMLINKS) before a path counts as a loop. */
const MAX_LINK_HOPS = 40;

/**
 * The real path of `path` with symlinks and `..` resolved, also for a file or folder that
 * does not exist yet (an export folder): its nearest existing ancestor is resolved and the
 * rest appended. A dangling symlink counts as where it points (a write would go there).
 * Relative paths are taken against `base`.
 */
export async function realPathOf(path: string, base: string): Promise<string> {
  const absolute = resolve(base, path);
  const missing: string[] = [];
  let current = absolute;
  let hops = 0;
  for (;;) {
    try {
      return join(await realpath(current), ...[...missing].reverse());
    } catch (error) {
      // A loop of symlinks or a path through a file: no real path, refuse it as it is.
      if (errorCode(error) !== 'ENOENT') throw error;
      const link = await lstat(current).catch(() => null);
      if (link?.isSymbolicLink()) {
        if (++hops > MAX_LINK_HOPS) throw Object.assign(new Error(`too many symlinks: ${absolute}`), { code: 'ELOOP' });
        current = resolve(dirname(current), await readlink(current));
        continue;
      }
      const parent = dirname(current);
      if (parent === current) return join(current, ...[...missing].reverse());
      missing.push(basename(current));
      current = parent;
    }
  }
}

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
}

/**
 * Which files the API may touch: the data folder, the examples folder and the folders the
 * user opened in this session (`app.openFolder`). Every path a call gives is resolved to its
 * real path first, and that is what is checked (symlinks and `..` cannot lead out); writes
 * go to the real path.
 */
export class FileAccess {
  private readonly opened: AllowedFolder[] = [];

  constructor(private readonly options: { dataDir: string; examplesDir: string }) {}

  /** The allowed folders by real path (the data folder may be created later, so resolved each time). */
  async folders(): Promise<AllowedFolder[]> {
    return [
      { kind: 'data', path: await realPathOf(this.options.dataDir, process.cwd()) },
      { kind: 'examples', path: await realPathOf(this.options.examplesDir, process.cwd()) },
      ...this.opened,
    ];
  }

  /** Lets the API use the files below `path` (an existing folder) for the rest of the session. */
  async openFolder(path: string): Promise<AllowedFolder> {
    if (!isAbsolute(path)) throw new HostError('invalid_input', `${path}: expected an absolute folder path`, [{ path: 'path', message: 'expected an absolute path' }]);
    let real: string;
    try {
      real = await realpath(path);
    } catch {
      throw new HostError('not_found', `${path}: no such folder`, [{ path: 'path', message: 'no such folder' }]);
    }
    if (!(await stat(real)).isDirectory()) {
      throw new HostError('invalid_input', `${path}: is a file, expected a folder`, [{ path: 'path', message: 'expected a folder' }]);
    }
    if (parse(real).root === real) {
      throw new HostError('forbidden', `${path}: opening the whole file system is refused; open the folder of your project`, [{ path: 'path', message: 'the file-system root' }]);
    }
    const known = (await this.folders()).find((f) => f.path === real);
    if (known !== undefined) return known;
    const folder: AllowedFolder = { kind: 'opened', path: real };
    this.opened.push(folder);
    return folder;
  }

  /** The real path of `path` when it is inside an allowed folder, else why it is refused. */
  async resolve(path: string, base: string): Promise<{ real: string } | { refused: string }> {
    let real: string;
    try {
      real = await realPathOf(path, base);
    } catch (error) {
      return { refused: `cannot resolve the path (${errorCode(error) || 'error'})` };
    }
    const folders = await this.folders();
    return folders.some((f) => isInsideFolder(f.path, real)) ? { real } : { refused: outsideMessage(folders) };
  }

  /**
   * The real path of a file or folder the API was given, or a `forbidden` error naming it
   * (never its content). `shownAs` is the path as the caller wrote it; `field` the input field.
   */
  async check(path: string, options: { base: string; shownAs?: string; field?: string }): Promise<string> {
    const outcome = await this.resolve(path, options.base);
    if ('real' in outcome) return outcome.real;
    throw new HostError('forbidden', `${options.shownAs ?? path}: ${outcome.refused}`, [{ path: options.field ?? 'file', message: outcome.refused }]);
  }

  /**
   * The FileLoader's reader for the API: each file it reads (also the flow and mocks a
   * scenario file points at) must be allowed, and a file that is not a flowbench document is
   * one generic issue, never its content.
   */
  reader(base: string, options: { requireFormat?: boolean } = {}): (absPath: string, displayName: string) => Promise<SourceDocument> {
    return async (absPath, displayName) => {
      const outcome = await this.resolve(absPath, base);
      if ('refused' in outcome) throw new FormatError([{ file: displayName, path: '(file)', message: `refused: ${outcome.refused}` }]);
      return loadFlowbenchDocument(absPath, displayName, options);
    };
  }
}

export function outsideMessage(folders: readonly AllowedFolder[]): string {
  const listed = folders.map((f) => `${f.path} (${f.kind === 'opened' ? 'opened' : `${f.kind} folder`})`).join(', ');
  return `outside the folders flowbench may use in this session: ${listed}. Open its folder first (app.openFolder).`;
}
