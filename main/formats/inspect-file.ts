import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { ExampleFile, FileKind } from '../api/routes/examples';
import { FileLoader } from './file-loader';
import { FormatError } from './format-error';

const DOCUMENT_EXTENSIONS = ['.yaml', '.yml', '.json'];

export function kindOfFormat(format: unknown): FileKind {
  if (typeof format !== 'string') return 'unknown';
  const match = /^flowbench\.(flow|mocks|scenario|results|session)\/\d+$/.exec(format);
  return (match?.[1] as FileKind | undefined) ?? 'unknown';
}

/** Every YAML/JSON file below `dir`, sorted by path. */
export async function listDocumentFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && DOCUMENT_EXTENSIONS.some((ext) => e.name.endsWith(ext)))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** One file's format, kind and name, read through the loader (which keeps the parsed document). */
async function inspectFile(loader: FileLoader, root: string, file: string): Promise<ExampleFile> {
  const path = relative(root, file).split(sep).join('/');
  try {
    const doc = await loader.document(file);
    const value = doc.value;
    const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
    const format = typeof record['format'] === 'string' ? record['format'] : null;
    const scenarios = scenarioNames(record);
    const name = typeof record['name'] === 'string' ? record['name'] : scenarios.join(' · ') || path;
    return { path, kind: kindOfFormat(format), format, name, scenarios, issues: [] };
  } catch (error) {
    const issues =
      error instanceof FormatError
        ? error.toApiIssues()
        : [{ path, message: error instanceof Error ? error.message : String(error) }];
    return { path, kind: 'unknown', format: null, name: path, scenarios: [], issues };
  }
}

/**
 * Every document below `root`, each validated as its format asks (flows, mocks and
 * scenarios fully); each file is parsed once.
 */
export async function inspectFiles(root: string): Promise<ExampleFile[]> {
  const files = await listDocumentFiles(root);
  const loader = new FileLoader(root);
  return Promise.all(
    files.map(async (f) => {
      const info = await inspectFile(loader, root, f);
      if (info.issues.length > 0) return info;
      try {
        if (info.kind === 'flow') await loader.loadFlow(f);
        else if (info.kind === 'mocks') await loader.loadMocks(f);
        // A data-driven scenario lists one name per `each:` row: the host addresses runs by that index.
        else if (info.kind === 'scenario') return { ...info, scenarios: (await loader.loadScenarios(f)).map((s) => s.name) };
      } catch (error) {
        if (!(error instanceof FormatError)) throw error;
        return { ...info, issues: error.toApiIssues() };
      }
      return info;
    }),
  );
}

function scenarioNames(record: Record<string, unknown>): string[] {
  const list = record['scenarios'];
  if (Array.isArray(list)) {
    return list.flatMap((s: unknown) =>
      typeof s === 'object' && s !== null && typeof (s as Record<string, unknown>)['name'] === 'string'
        ? [(s as Record<string, string>)['name'] as string]
        : [],
    );
  }
  return kindOfFormat(record['format']) === 'scenario' && typeof record['name'] === 'string' ? [record['name']] : [];
}
