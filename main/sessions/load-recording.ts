import { BUNDLE_FORMAT, BundleFile, SESSION_FORMAT, SessionFile } from '../api/formats/session';
import { LIMITS } from '../api/formats/common';
import { FormatError } from '../formats/format-error';
import { readRegularFile } from '../formats/read-document-file';
import { parseSourceDocument } from '../formats/source-document';
import { validateFlowValue } from '../formats/validate-flow';
import { validateMocksValue } from '../formats/validate-mocks';
import { fileIssuesFromZod } from '../formats/zod-issues';
import { readBundleZip } from './bundle-zip';
import type { LoadedRecording } from './loaded-recording';

/** A JSON bundle or session is read like any flowbench file (20 MB); a zip may be larger. */
const MAX_JSON_BYTES = LIMITS.fileBytes;
const MAX_ZIP_BYTES = 64 * 1024 * 1024;

/**
 * Reads what `flowbench replay` takes: a `.flowbench.zip` bundle, a JSON bundle
 * (flowbench.bundle/1) or a bare session (flowbench.session/1), told apart by content.
 * Binary garbage, a truncated zip or a truncated JSON file each get a FormatError that
 * names the file and says what is wrong; a bundle's flow and mocks get the same checks as
 * their own files.
 */
export async function loadRecording(path: string, display = path): Promise<LoadedRecording> {
  const bytes = await readRegularFile(path, display, MAX_ZIP_BYTES);
  if (bytes.length === 0) throw fileError(display, 'is empty: expected a .flowbench.zip bundle, or a JSON bundle or session');
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return readBundleZip(bytes, display);
  if (display.endsWith('.zip')) throw fileError(display, 'is not a zip archive (it does not start with a zip signature): expected a .flowbench.zip bundle');
  if (bytes.length > MAX_JSON_BYTES) throw fileError(display, `too large for a JSON bundle (${bytes.length} bytes, limit ${MAX_JSON_BYTES})`);
  return readJsonRecording(display, textOf(bytes, display));
}

function textOf(bytes: Uint8Array, display: string): string {
  const binary = (): FormatError =>
    fileError(display, 'holds binary data: it is neither a .flowbench.zip bundle (no zip signature) nor a JSON bundle or session (not UTF-8 text)');
  if (bytes.includes(0)) throw binary();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw binary();
  }
}

function readJsonRecording(display: string, text: string): LoadedRecording {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) checkJsonSyntax(display, text);
  const doc = parseSourceDocument(display, text);
  const value = doc.value;
  const format = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)['format'] : undefined;
  if (format === SESSION_FORMAT) {
    const parsed = SessionFile.safeParse(value);
    if (!parsed.success) throw new FormatError(fileIssuesFromZod(doc, parsed.error));
    return { session: parsed.data, flow: null, mocks: null, result: null };
  }
  if (format !== BUNDLE_FORMAT) {
    const what = format === undefined ? 'has no `format`' : `has format ${JSON.stringify(format)}`;
    throw new FormatError([doc.issue(format === undefined ? [] : ['format'], 'format', `${what}: expected ${BUNDLE_FORMAT} (a repro bundle) or ${SESSION_FORMAT} (a recorded session)`)]);
  }
  const parsed = BundleFile.safeParse(value);
  if (!parsed.success) throw new FormatError(fileIssuesFromZod(doc, parsed.error));
  const flow = validateFlowValue(doc, parsed.data.flow, ['flow']);
  const mocks = parsed.data.mocks === null ? { value: null, issues: [] } : validateMocksValue(doc, parsed.data.mocks, ['mocks']);
  const issues = [...flow.issues, ...mocks.issues];
  if (issues.length > 0) throw new FormatError(issues);
  return { session: parsed.data.session, flow: flow.value, mocks: mocks.value, result: parsed.data.result };
}

/**
 * JSON.parse first, to tell a truncated file (the text ends before the document does)
 * from other syntax errors; both with line and column.
 */
function checkJsonSyntax(display: string, text: string): void {
  try {
    JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /at position (\d+)/.exec(message);
    const position = at?.[1] !== undefined ? Number(at[1]) : text.length;
    const { line, column } = lineColumn(text, position);
    const truncated = /end of JSON input|Unterminated string/.test(message) || position >= text.trimEnd().length;
    throw new FormatError([
      {
        file: display,
        path: '(syntax)',
        message: truncated
          ? `is truncated: the JSON ends at line ${line}, column ${column}, before the document is complete (was it cut off while copying or downloading?)`
          : `invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`,
        line,
        column,
      },
    ]);
  }
}

function lineColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return { line, column: position - before.lastIndexOf('\n') };
}

function fileError(file: string, message: string): FormatError {
  return new FormatError([{ file, path: '(file)', message }]);
}
