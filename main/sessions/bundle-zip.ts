import { strToU8, zipSync } from 'fflate';
import type { Zippable } from 'fflate';
import { stringify } from 'yaml';
import { BUNDLE_ENTRIES, BUNDLE_ZIP_SUFFIX, BundleManifest } from '../api/formats/bundle-manifest';
import { ScenarioResult } from '../api/formats/results';
import { BundleFile, SessionFile } from '../api/formats/session';
import { FormatError } from '../formats/format-error';
import { parseSourceDocument } from '../formats/source-document';
import type { SourceDocument } from '../formats/source-document';
import { validateFlowValue } from '../formats/validate-flow';
import { validateMocksValue } from '../formats/validate-mocks';
import { fileIssuesFromZod } from '../formats/zod-issues';
import { unzipBounded } from './bounded-unzip';
import type { ZipLimits } from './bounded-unzip';
import type { LoadedRecording } from './loaded-recording';

/**
 * What a bundle zip may hold: a few entries, each no larger than a file flowbench reads
 * (20 MB), 64 MB in all. Anything over is refused before or while inflating.
 */
export const BUNDLE_ZIP_LIMITS: ZipLimits = { maxEntries: 64, maxEntryBytes: 20 * 1024 * 1024, maxTotalBytes: 64 * 1024 * 1024 };

/**
 * A repro bundle as a `.flowbench.zip` (SPEC §6): the flow and the mocks as YAML, the
 * session and the last result as JSON, each its own entry, and `manifest.json` naming them.
 * The same bundle always gives the same bytes (entries dated by the bundle's createdAt).
 */
export function writeBundleZip(bundle: BundleFile): Uint8Array {
  const manifest: BundleManifest = {
    format: bundle.format,
    createdAt: bundle.createdAt,
    flow: BUNDLE_ENTRIES.flow,
    mocks: bundle.mocks === null ? null : BUNDLE_ENTRIES.mocks,
    session: BUNDLE_ENTRIES.session,
    result: bundle.result === null ? null : BUNDLE_ENTRIES.result,
  };
  const yaml = (value: unknown): Uint8Array => strToU8(stringify(value, { lineWidth: 0, aliasDuplicateObjects: false }));
  const json = (value: unknown): Uint8Array => strToU8(`${JSON.stringify(value, null, 2)}\n`);
  const files: Zippable = { [BUNDLE_ENTRIES.manifest]: json(manifest), [BUNDLE_ENTRIES.flow]: yaml(bundle.flow) };
  if (bundle.mocks !== null) files[BUNDLE_ENTRIES.mocks] = yaml(bundle.mocks);
  files[BUNDLE_ENTRIES.session] = json(bundle.session);
  if (bundle.result !== null) files[BUNDLE_ENTRIES.result] = json(bundle.result);
  const created = new Date(bundle.createdAt);
  return zipSync(files, { level: 6, mtime: Number.isNaN(created.getTime()) || created.getFullYear() < 1980 ? new Date('1980-01-01T00:00:00Z') : created });
}

/** `<flow>-<session id>.flowbench.zip`, in words: `order-status-voice-3f2a9c1d.flowbench.zip`. */
export function bundleZipName(session: SessionFile): string {
  const slug =
    session.flow.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48)
      .replace(/-+$/, '') || 'session';
  return `${slug}-${session.id.replace(/[^A-Za-z0-9]/g, '').slice(0, 8)}${BUNDLE_ZIP_SUFFIX}`;
}

/**
 * Reads a `.flowbench.zip`: the manifest first, then only the entries it names, within
 * BUNDLE_ZIP_LIMITS; other entries are ignored, never inflated. Each entry is checked like
 * a file of its kind; issues name the entry as `<zip>!/<entry>` with line and path.
 */
export function readBundleZip(bytes: Uint8Array, file: string): LoadedRecording {
  const manifestBytes = unzipBounded(bytes, file, BUNDLE_ZIP_LIMITS, (name) => name === BUNDLE_ENTRIES.manifest).get(BUNDLE_ENTRIES.manifest);
  if (manifestBytes === undefined) {
    throw new FormatError([{ file, path: '(zip)', message: `has no ${BUNDLE_ENTRIES.manifest}: it is a zip, but not a flowbench bundle` }]);
  }
  const manifestDoc = entryDocument(file, BUNDLE_ENTRIES.manifest, manifestBytes);
  const parsed = BundleManifest.safeParse(manifestDoc.value);
  if (!parsed.success) throw new FormatError(fileIssuesFromZod(manifestDoc, parsed.error));
  const manifest = parsed.data;

  const names = [manifest.flow, manifest.mocks, manifest.session, manifest.result].filter((n): n is string => n !== null);
  const entries = unzipBounded(bytes, file, BUNDLE_ZIP_LIMITS, (name) => names.includes(name));
  const doc = (name: string): SourceDocument => {
    const data = entries.get(name);
    if (data === undefined) throw new FormatError([{ file, path: '(zip)', message: `has no entry ${name}, which its manifest names` }]);
    return entryDocument(file, name, data);
  };

  const flowDoc = doc(manifest.flow);
  const flow = validateFlowValue(flowDoc, flowDoc.value);
  const mocksDoc = manifest.mocks === null ? null : doc(manifest.mocks);
  const mocks = mocksDoc === null ? { value: null, issues: [] } : validateMocksValue(mocksDoc, mocksDoc.value);
  const sessionDoc = doc(manifest.session);
  const session = SessionFile.safeParse(sessionDoc.value);
  const resultDoc = manifest.result === null ? null : doc(manifest.result);
  const result = resultDoc === null ? null : ScenarioResult.safeParse(resultDoc.value);
  const issues = [
    ...flow.issues,
    ...mocks.issues,
    ...(session.success ? [] : fileIssuesFromZod(sessionDoc, session.error)),
    ...(result === null || result.success || resultDoc === null ? [] : fileIssuesFromZod(resultDoc, result.error)),
  ];
  if (issues.length > 0 || flow.value === null || !session.success) throw new FormatError(issues);
  return { session: session.data, flow: flow.value, mocks: mocks.value, result: result?.success === true ? result.data : null };
}

/** An entry's text, parsed with positions; its name in messages is `<zip>!/<entry>`. */
function entryDocument(file: string, name: string, data: Uint8Array): SourceDocument {
  const shown = `${file}!/${name}`;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw new FormatError([{ file: shown, path: '(file)', message: 'not UTF-8 text (expected YAML or JSON)' }]);
  }
  return parseSourceDocument(shown, text);
}
