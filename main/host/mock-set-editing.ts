import { rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ApiIssue } from '../api/errors';
import { lineDiff } from './line-diff';
import type { MockSetTarget, OpenedMockSet, SetReview } from '../api/routes/mocks-edit';
import type { MocksFileInput } from '../api/formats/mocks';
import { FormatError } from '../formats/format-error';
import type { FileIssue } from '../formats/format-error';
import { readDocumentFile } from '../formats/read-document-file';
import { parseSourceDocument } from '../formats/source-document';
import { validateMocksValue } from '../formats/validate-mocks';
import { valueDocument } from '../formats/value-document';
import { contentSha256 } from '../store/content-hash';
import { getMockSet, updateMockSet } from '../store/library-mock-sets';
import { toYaml } from '../store/yaml-writer';
import type { ExampleFiles } from './example-files';
import { HostError } from './host-error';
import type { StoreService } from './store-service';
import { updateYamlText } from './yaml-update';

/**
 * The Mocks view's editor behind the contract: opens a mock set as written, checks an edited
 * one exactly like a mocks file (schema, CEL, cross-checks), shows the YAML it would write,
 * and saves it — to its file (comments and untouched lines kept; written atomically) or to
 * its library entry (where the scenarios that use it are checked too).
 */
export class MockSetEditing {
  constructor(
    private readonly files: ExampleFiles,
    private readonly store: StoreService,
  ) {}

  async open(target: MockSetTarget): Promise<OpenedMockSet> {
    if ('libraryId' in target) {
      const record = await this.store.use((store) => getMockSet(store, target.libraryId));
      const text = toYaml(record.mocks);
      const checked = validateMocksValue(valueDocument(record.path, record.mocks), record.mocks);
      return { target, label: `library: ${record.path}`, text, sha256: textSha(text), mocks: record.mocks, issues: checked.issues.map(apiIssue) };
    }
    const text = await this.readFile(target.file);
    let issues: ApiIssue[];
    let value: unknown = null;
    try {
      const doc = parseSourceDocument(target.file, text);
      value = doc.value;
      issues = validateMocksValue(doc, doc.value).issues.map(apiIssue);
    } catch (error) {
      if (!(error instanceof FormatError)) throw error;
      issues = error.issues.map(apiIssue);
    }
    const mocks = issues.length === 0 && isObject(value) ? (value as MocksFileInput) : null;
    return { target, label: target.file, text, sha256: textSha(text), mocks, issues };
  }

  async review(target: MockSetTarget, mocks: MocksFileInput, baseSha256: string): Promise<SetReview> {
    const before = await this.currentText(target, baseSha256);
    const after = this.newText(target, before, mocks);
    const issues = validateMocksValue(valueDocument('edited', mocks), mocks).issues.map(apiIssue);
    return { issues, before, after, diff: lineDiff(before, after), changed: before !== after };
  }

  async save(target: MockSetTarget, mocks: MocksFileInput, baseSha256: string): Promise<OpenedMockSet> {
    const before = await this.currentText(target, baseSha256);
    const checked = validateMocksValue(valueDocument('edited', mocks), mocks);
    if (checked.issues.length > 0) throw new HostError('invalid_input', `the mock set is not valid; nothing was saved`, checked.issues.map(apiIssue));
    if ('libraryId' in target) {
      await this.store.use((store) => updateMockSet(store, { id: target.libraryId, mocks }));
      return this.open(target);
    }
    if (!/\.(ya?ml|json)$/i.test(target.file)) throw new HostError('invalid_input', `${target.file}: a mock set is saved to a .yaml, .yml or .json file`, [{ path: 'target.file', message: 'expected a .yaml, .yml or .json file' }]);
    const path = await this.files.allowed(target.file);
    const after = this.newText(target, before, mocks);
    // Atomic: a reader (or a crash) sees the old file or the new one, never half of one.
    const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
    await writeFile(temp, after, 'utf8');
    await rename(temp, path);
    return this.open(target);
  }

  /** The text now, refused when it is not what the editor opened (changed elsewhere since). */
  private async currentText(target: MockSetTarget, baseSha256: string): Promise<string> {
    const now = await this.open(target);
    if (now.sha256 !== baseSha256) {
      throw new HostError('conflict', `${now.label} changed since you opened it (saved elsewhere?); reopen it to edit the latest version. Nothing was saved.`);
    }
    return now.text;
  }

  private newText(target: MockSetTarget, before: string, mocks: MocksFileInput): string {
    if ('libraryId' in target) return toYaml(mocks);
    if (/\.json$/i.test(target.file)) return `${JSON.stringify(mocks, null, 2)}\n`;
    return updateYamlText(before, mocks);
  }

  private async readFile(file: string): Promise<string> {
    const path = await this.files.allowed(file);
    try {
      return await readDocumentFile(path, file);
    } catch (error) {
      if (error instanceof FormatError) throw new HostError('not_found', error.message, error.toApiIssues());
      throw error;
    }
  }
}

function apiIssue(issue: FileIssue): ApiIssue {
  return { path: issue.line === undefined ? issue.path : `${issue.path} (line ${issue.line})`, message: issue.message };
}

function textSha(text: string): string {
  return contentSha256(text);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
