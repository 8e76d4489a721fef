import { posix, relative, sep } from 'node:path';
import { LibraryPath } from '../api/routes/library-files';
import { describeIssues, zodIssues } from '../api/validate';
import { StoreError } from './store-error';

export const DEFAULT_FOLDERS = { flow: 'flows', mocks: 'mocks', scenario: 'scenarios' } as const;
const SUFFIX = { flow: '.flow.yaml', mocks: '.mocks.yaml', scenario: '.scenario.yaml' } as const;

/** The library path of a file below `root` (forward slashes), or null when it is outside. */
export function libraryPathOf(root: string, absFile: string): string | null {
  const rel = relative(root, absFile).split(sep).join('/');
  return LibraryPath.safeParse(rel).success ? rel : null;
}

/** Checks a path given through the API. */
export function checkLibraryPath(path: string, field: string): string {
  const parsed = LibraryPath.safeParse(path);
  if (!parsed.success) {
    throw new StoreError('invalid_input', `invalid ${field}: ${describeIssues(zodIssues(parsed.error))}`, [
      { path: field, message: describeIssues(zodIssues(parsed.error)) },
    ]);
  }
  return parsed.data;
}

/** How a scenario file points at a library file: relative to the scenario file's folder. */
export function relativeRef(fromFile: string, toFile: string): string {
  return posix.relative(posix.dirname(fromFile), toFile);
}

/** A free path for a new item: `flows/order-status.flow.yaml`, then `…-2.flow.yaml`, … */
export function newItemPath(kind: keyof typeof SUFFIX, name: string, taken: ReadonlySet<string>): string {
  const slug =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || kind;
  for (let n = 1; ; n++) {
    const path = `${DEFAULT_FOLDERS[kind]}/${slug}${n === 1 ? '' : `-${n}`}${SUFFIX[kind]}`;
    if (!taken.has(path)) return path;
  }
}
