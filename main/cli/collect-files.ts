import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { FileKind } from '../api/routes/examples';
import { FormatError } from '../formats/format-error';
import type { FileIssue } from '../formats/format-error';
import type { FileLoader } from '../formats/file-loader';
import { kindOfFormat, listDocumentFiles } from '../formats/inspect-file';

export interface CollectedFile {
  path: string;
  kind: FileKind;
}

/**
 * Expands files and folders to the flowbench documents they hold, with each one's kind
 * (from its `format`). A file named on the command line must exist; folders are searched
 * recursively. Unreadable files raise a FormatError listing all of them.
 */
export async function collectFiles(args: readonly string[], loader: FileLoader, cwd: string): Promise<CollectedFile[]> {
  const out: CollectedFile[] = [];
  const issues: FileIssue[] = [];
  for (const arg of args) {
    const abs = resolve(cwd, arg);
    let isDir: boolean;
    try {
      isDir = (await stat(abs)).isDirectory();
    } catch {
      issues.push({ file: arg, path: '(file)', message: 'no such file or folder' });
      continue;
    }
    const files = isDir ? await listDocumentFiles(abs) : [abs];
    for (const file of files) {
      try {
        const doc = await loader.document(file);
        const format = typeof doc.value === 'object' && doc.value !== null ? (doc.value as Record<string, unknown>)['format'] : undefined;
        const kind = kindOfFormat(format);
        if (kind === 'unknown' && !isDir) {
          issues.push({ file: loader.display(file), path: 'format', message: `expected a flowbench format (flowbench.flow/1, flowbench.mocks/1, flowbench.scenario/1, …), got ${JSON.stringify(format ?? null)}` });
        }
        out.push({ path: file, kind });
      } catch (error) {
        if (error instanceof FormatError) issues.push(...error.issues);
        else throw error;
      }
    }
  }
  if (issues.length > 0) throw new FormatError(issues);
  return out;
}
