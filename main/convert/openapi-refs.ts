import { fileURLToPath } from 'node:url';
import { posix } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { DocumentFindings } from './conversion';
import { asRecord } from './conversion';
import type { SourceSet } from './source-files';

/** Longest time spent resolving one document's `$ref`s. */
const RESOLVE_TIMEOUT_MS = 10_000;

interface RefError {
  message: string;
  path?: readonly PropertyKey[];
  source?: string;
}

interface ErrorGroup {
  errors?: readonly RefError[];
  files?: { schema?: unknown };
}

/**
 * The document with its `$ref`s resolved by swagger-parser: local ones, and files inside
 * the folder being converted (or among the files given). URLs are never fetched and no file
 * outside the folder is read; each `$ref` that cannot be resolved is listed and left out.
 * Circular references stay as `$ref` (the sampler follows them within the document).
 */
export async function resolveOpenApi(
  value: Record<string, unknown>,
  rel: string,
  sources: SourceSet,
  findings: DocumentFindings,
): Promise<Record<string, unknown> | null> {
  const documentPath = posix.join(sources.base.replace(/\\/g, '/'), rel);
  // The parser reports `Error reading file "<url>"` only: keep why, by URL.
  const reasons = new Map<string, string>();
  const refuse = (url: string, why: string): never => {
    reasons.set(url, why);
    throw new Error(why);
  };
  const copy = { ...value, ...supportedVersion(value) };
  const options = {
    continueOnError: true,
    timeoutMs: RESOLVE_TIMEOUT_MS,
    resolve: {
      external: true,
      http: false,
      file: {
        order: 1,
        canRead: true,
        read: async (file: { url: string }): Promise<string> => {
          if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file.url) && !file.url.startsWith('file:')) return refuse(file.url, 'URLs are not fetched');
          const path = file.url.startsWith('file:') ? fileURLToPath(file.url) : file.url;
          const inside = sources.relativeOf(path);
          if (inside === null) return refuse(file.url, 'it leads outside the folder being converted');
          const read = await sources.read(inside);
          if ('error' in read) return refuse(file.url, read.error);
          return read.text;
        },
      },
    },
    dereference: { circular: 'ignore' as const },
    validate: { schema: false, spec: false },
  };
  try {
    const resolved = await new SwaggerParser().dereference(documentPath, copy as never, options as never);
    return asRecord(resolved);
  } catch (error) {
    const group = error as ErrorGroup;
    if (!Array.isArray(group.errors)) {
      findings.problem([], `cannot resolve the document: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
    for (const e of group.errors) {
      const url = /^Error reading file "(.*)"$/.exec(firstLine(e.message))?.[1];
      const why = url === undefined ? firstLine(e.message) : `${url}: ${reasons.get(url) ?? 'cannot be read'}`;
      findings.problem(e.path ?? [], `$ref not resolved (${why}): left out`);
    }
    return asRecord(group.files?.schema);
  }
}

/** swagger-parser knows 3.0.0–3.0.4 and 3.1.0–3.1.2: later patch releases read as the latest it knows. */
function supportedVersion(value: Record<string, unknown>): Record<string, unknown> {
  const version = value['openapi'];
  if (typeof version !== 'string') return {};
  if (/^3\.0\.\d+/.test(version)) return { openapi: '3.0.3' };
  if (/^3\.\d+\.\d+/.test(version)) return { openapi: '3.1.0' };
  return {};
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
