import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { FormatError } from './format-error';
import type { FileIssue } from './format-error';
import { loadDocument } from './load-document';
import type { SourceDocument } from './source-document';

/** What is said of a file that is not a flowbench document: nothing of its content. */
export const NOT_FLOWBENCH_MESSAGE =
  'not a flowbench file: expected a YAML or JSON document with a `format: flowbench.…` field ' +
  '(flowbench.flow/1, flowbench.mocks/1, flowbench.scenario/1, …); its content is not shown';

const MARKER_PEEK_BYTES = 64 * 1024;

/** A parsed document that says it is flowbench's: a mapping with `format: flowbench.<kind>/<n>`. */
export function isFlowbenchValue(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const format = (value as Record<string, unknown>)['format'];
  return typeof format === 'string' && format.startsWith('flowbench.');
}

/** Whether raw text (that does not parse) still carries a `format: flowbench.…` field. */
export function hasFlowbenchMarker(text: string): boolean {
  return /(^|[\s{,])["']?format["']?[ \t]*:[ \t]*["']?flowbench\./m.test(text);
}

export function notFlowbenchIssue(file: string): FileIssue {
  return { file, path: 'format', message: NOT_FLOWBENCH_MESSAGE };
}

/**
 * Reads a file the way `loadDocument` does, but tells nothing of a file that is not a
 * flowbench document: no syntax error quoting it, no "unknown field" per line. A flowbench
 * file (its `format` says so) keeps every located issue. For the API, where a caller names
 * any path and reads back the messages.
 */
export async function loadFlowbenchDocument(path: string, displayName = path, options: { requireFormat?: boolean } = {}): Promise<SourceDocument> {
  let doc: SourceDocument;
  try {
    doc = await loadDocument(path, displayName);
  } catch (error) {
    if (!(error instanceof FormatError)) throw error;
    const unparsable = error.issues.some((i) => i.path === '(syntax)' || i.message.startsWith('not a text file'));
    if (unparsable && !(await headHasMarker(path))) throw new FormatError([notFlowbenchIssue(displayName)]);
    throw error;
  }
  if (options.requireFormat !== false && !isFlowbenchValue(doc.value)) throw new FormatError([notFlowbenchIssue(displayName)]);
  return doc;
}

/** The first 64 KB of the file, looked at for the format marker (never blocks on a FIFO). */
async function headHasMarker(path: string): Promise<boolean> {
  try {
    const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const buffer = Buffer.alloc(MARKER_PEEK_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, MARKER_PEEK_BYTES, 0);
      return hasFlowbenchMarker(buffer.subarray(0, bytesRead).toString('utf8'));
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
}
