import type { ApiIssue } from '../api/errors';

/** One problem in one file, located by its path inside the document (and line when known). */
export interface FileIssue {
  file: string;
  path: string;
  message: string;
  line?: number;
  column?: number;
}

export function formatFileIssue(issue: FileIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}:${issue.column ?? 1}`;
  return `${where} ${issue.path}: ${issue.message}`;
}

/** Raised when one or more files are invalid; carries every issue found, not just the first. */
export class FormatError extends Error {
  readonly issues: readonly FileIssue[];
  constructor(issues: readonly FileIssue[]) {
    super(issues.map(formatFileIssue).join('\n'));
    this.name = 'FormatError';
    this.issues = issues;
  }

  /** The issues as the API reports them (`path` prefixed with the file). */
  toApiIssues(): ApiIssue[] {
    return this.issues.map((i) => ({
      path: i.line === undefined ? `${i.file} ${i.path}` : `${i.file}:${i.line} ${i.path}`,
      message: i.message,
    }));
  }
}
