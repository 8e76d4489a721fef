import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, parse } from 'node:path';
import { folderReader, realPathOf, resolveInside } from '../formats/folder-access';
import type { AllowedFolder } from '../formats/folder-access';
import type { SourceDocument } from '../formats/source-document';
import { HostError } from './host-error';

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
    return resolveInside(await this.folders(), path, base);
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
    return folderReader(() => this.folders(), base, options);
  }
}
