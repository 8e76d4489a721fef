import { lstat, readlink, realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { FormatError } from './format-error';
import { loadFlowbenchDocument } from './flowbench-document';
import type { SourceDocument } from './source-document';

/*
 * Which files may be read, as plain data and path logic: the host's FileAccess keeps the
 * folders of a session, and a pool worker that loads a scenario file (and the flow and mocks
 * it points at) is given the same folders and checks each file it reads the same way.
 */

/** A folder the workbench may read and write files in, by what it is and its real path. */
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

/** The `code` of a Node file-system error ('' for anything else). */
export function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
}

/** The real path of `path` when it is inside one of `folders`, else why it is refused. */
export async function resolveInside(folders: readonly AllowedFolder[], path: string, base: string): Promise<{ real: string } | { refused: string }> {
  let real: string;
  try {
    real = await realPathOf(path, base);
  } catch (error) {
    return { refused: `cannot resolve the path (${errorCode(error) || 'error'})` };
  }
  return folders.some((f) => isInsideFolder(f.path, real)) ? { real } : { refused: outsideMessage(folders) };
}

/** Why a path outside the allowed folders is refused, naming the folders (never the file's content). */
export function outsideMessage(folders: readonly AllowedFolder[]): string {
  const listed = folders.map((f) => `${f.path} (${f.kind === 'opened' ? 'opened' : `${f.kind} folder`})`).join(', ');
  return `outside the folders flowbench may use in this session: ${listed}. Open its folder first (app.openFolder).`;
}

/**
 * A FileLoader reader for untrusted callers: each file it reads (also the flow and mocks a
 * scenario file points at) must be inside `folders`, and a file that is not a flowbench
 * document is one generic issue, never its content (unless `requireFormat` is false).
 */
export function folderReader(
  folders: () => Promise<readonly AllowedFolder[]> | readonly AllowedFolder[],
  base: string,
  options: { requireFormat?: boolean } = {},
): (absPath: string, displayName: string) => Promise<SourceDocument> {
  return async (absPath, displayName) => {
    const outcome = await resolveInside(await folders(), absPath, base);
    if ('refused' in outcome) throw new FormatError([{ file: displayName, path: '(file)', message: `refused: ${outcome.refused}` }]);
    return loadFlowbenchDocument(absPath, displayName, options);
  };
}
