import { readDocumentFile } from './read-document-file';
import { parseSourceDocument } from './source-document';
import type { SourceDocument } from './source-document';

/** Reads and parses a YAML/JSON file; every failure is a FormatError naming the file. */
export async function loadDocument(path: string, displayName = path): Promise<SourceDocument> {
  return parseSourceDocument(displayName, await readDocumentFile(path, displayName));
}
