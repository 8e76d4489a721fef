import type { FileIssue } from './format-error';
import type { SourceDocument } from './source-document';

/**
 * A document that came through the API as a value, not as file text: it has no lines to
 * point at, so issues carry only the path (`scenario.expect[1].port.is`).
 */
export function valueDocument(file: string, value: unknown): SourceDocument {
  return {
    file,
    value,
    locate: () => undefined,
    issue: (_path, pathText, message): FileIssue => ({ file, path: pathText, message }),
  };
}
