import type { JsonValue } from '../api/formats/common';
import { MOCKS_FORMAT, MockRoute } from '../api/formats/mocks';
import type { MocksFile } from '../api/formats/mocks';
import type { MocksFileInput } from '../api/formats/mocks';
import { formatIssuePath } from '../api/issue-path';
import { zodIssues } from '../api/validate';
import type { SourceFormat } from '../api/routes/mocks-convert';
import { FormatError } from '../formats/format-error';
import type { FileIssue } from '../formats/format-error';
import { checkRoutes } from '../formats/mocks-checks';
import { parseSourceDocument } from '../formats/source-document';
import type { SourceDocument } from '../formats/source-document';
import { validateMocksValue } from '../formats/validate-mocks';
import { valueDocument } from '../formats/value-document';
import { Findings, FORMAT_NAMES } from './conversion';
import type { ConvertedRoute, SourceConversion } from './conversion';
import { detectFormat } from './detect-format';
import { pathShape } from './express-path';
import { convertHar } from './har-to-mocks';
import { convertMockoon } from './mockoon-to-mocks';
import { convertOpenApi } from './openapi-to-mocks';
import type { SourceSet } from './source-files';
import { readWireMockStubs, wireMockConversion } from './wiremock-to-mocks';
import type { WireMockStub } from './wiremock-to-mocks';

export interface ConvertOptions {
  seed?: number;
  name?: string;
}

export interface ConvertResult {
  mocks: MocksFile;
  /** The same set as written: only what differs from the defaults. */
  written: MocksFileInput;
  /** Each file read, with its format (null: not a known one). */
  sources: { file: string; format: SourceFormat | null }[];
  /** Each route with where it came from. */
  origins: { file: string; path: string }[];
  problems: FileIssue[];
  notes: FileIssue[];
}

/** Nothing could be read as a known format (`flowbench convert` exits 2). */
export class ConvertError extends FormatError {}

/**
 * Converts other tools' mocks into one flowbench.mocks/1 set (SPEC §7.3). Each file's format
 * is detected from its content; whatever cannot be converted is listed (file, path, why) and
 * the rest still converts. Throws ConvertError only when no file is a known format.
 */
export async function convertMocks(sources: SourceSet, options: ConvertOptions = {}): Promise<ConvertResult> {
  const findings = new Findings();
  const read: { file: string; format: SourceFormat | null }[] = [];
  const conversions: SourceConversion[] = [];
  const stubs: WireMockStub[] = [];
  let wireMockFiles: string[] = [];
  let wireMockFatal = 0;
  const unknown: { rel: string; issue: FileIssue }[] = [];

  for (const rel of sources.entries) {
    const text = await sources.read(rel);
    if ('error' in text) {
      findings.problems.push({ file: rel, path: '(file)', message: `cannot read: ${text.error}` });
      read.push({ file: rel, format: null });
      continue;
    }
    let doc: SourceDocument;
    try {
      doc = parseSource(text.file, text.text);
    } catch (error) {
      if (!(error instanceof FormatError)) throw error;
      findings.problems.push(...error.issues);
      read.push({ file: text.file, format: null });
      continue;
    }
    const detected = detectFormat(doc.value);
    if (detected.format === null) {
      unknown.push({ rel, issue: { file: text.file, path: '(root)', message: detected.why } });
      read.push({ file: text.file, format: null });
      continue;
    }
    read.push({ file: text.file, format: detected.format === 'mockoon-export' ? 'mockoon' : detected.format });
    switch (detected.format) {
      case 'openapi3':
      case 'swagger2':
        conversions.push(await convertOpenApi(doc, rel, sources, findings));
        break;
      case 'mockoon':
        conversions.push(await convertMockoon(doc, detected.value, [], rel, sources, findings));
        break;
      case 'mockoon-export':
        if (detected.environments.length === 0) findings.forDocument(doc).problem(['data'], 'a Mockoon export without an environment');
        for (const env of detected.environments) conversions.push(await convertMockoon(doc, env.item, env.at, rel, sources, findings));
        break;
      case 'wiremock': {
        const found = await readWireMockStubs(doc, rel, sources, findings, stubs.length);
        stubs.push(...found.stubs);
        wireMockFiles = [...wireMockFiles, text.file];
        if (found.fatal) wireMockFatal++;
        break;
      }
      case 'har':
        conversions.push(convertHar(doc, findings));
        break;
    }
  }
  // A file another one refers to ($ref, body file) is part of it, not an unknown format.
  for (const u of unknown) if ((sources.readCounts.get(u.rel) ?? 0) < 2) findings.problems.push(u.issue);
  if (wireMockFiles.length > 0 && wireMockFatal < wireMockFiles.length) {
    conversions.push(wireMockConversion(wireMockFiles.length === 1 ? (wireMockFiles[0] ?? sources.root) : sources.root, stubs));
  }
  if (!conversions.some((c) => !c.fatal)) {
    throw new ConvertError(findings.problems.length > 0 ? findings.problems : [{ file: sources.root, path: '(root)', message: 'no file to convert (expected .json, .yaml, .yml or .har files)' }]);
  }
  return assemble(conversions, read, findings, options);
}

/** JSON through JSON.parse (fast); anything else, and locating issues, through the YAML parser. */
function parseSource(file: string, text: string): SourceDocument {
  if (/^\s*[[{]/.test(text)) {
    try {
      const value: unknown = JSON.parse(text);
      let located: SourceDocument | undefined;
      const yamlDoc = (): SourceDocument => (located ??= parseSourceDocument(file, text));
      return { file, value, locate: (path) => yamlDoc().locate(path), issue: (path, pathText, message) => yamlDoc().issue(path, pathText, message) };
    } catch {
      // Not JSON: the YAML parser reads it or says where it breaks.
    }
  }
  return parseSourceDocument(file, text);
}

function assemble(conversions: readonly SourceConversion[], read: ConvertResult['sources'], findings: Findings, options: ConvertOptions): ConvertResult {
  const ids = new Set<string>();
  const shapes = new Map<string, string>();
  const routes: MocksFileInput['routes'] = [];
  const origins: ConvertResult['origins'] = [];
  const state: Record<string, JsonValue> = {};
  for (const conversion of conversions) {
    Object.assign(state, conversion.state ?? {});
    for (const converted of conversion.routes) {
      const route = { ...converted.route, id: uniqueId(converted.route.id, ids) };
      const issues = routeIssues(route);
      if (issues.length > 0) {
        for (const message of issues) findings.problems.push({ file: converted.file, path: converted.path, message: `route ${route.method ?? 'GET'} ${route.path} not converted: ${message}` });
        continue;
      }
      ids.add(route.id);
      noteShadowed(route, converted, shapes, findings);
      routes.push(route);
      origins.push({ file: converted.file, path: converted.path });
    }
  }
  const names = [...new Set(conversions.flatMap((c) => (c.name !== undefined ? [c.name] : [])))];
  const value: MocksFileInput = {
    format: MOCKS_FORMAT,
    name: options.name ?? (names.join(' + ') || `converted from ${conversions.map((c) => FORMAT_NAMES[c.format]).join(' + ')}`),
    seed: options.seed ?? 0,
    ...(Object.keys(state).length > 0 ? { state } : {}),
    routes,
  };
  const checked = validateMocksValue(valueDocument('(converted)', value), value);
  if (checked.value === null) throw new Error(`internal: the converted mock set is invalid: ${checked.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  return { mocks: checked.value, written: value, sources: read, origins, problems: findings.problems, notes: findings.notes };
}

function uniqueId(id: string, taken: ReadonlySet<string>): string {
  if (!taken.has(id)) return id;
  for (let n = 2; ; n++) if (!taken.has(`${id}_${n}`)) return `${id}_${n}`;
}

/** What the schema and the loader's cross-checks say about one route. */
function routeIssues(route: MocksFileInput['routes'][number]): string[] {
  const parsed = MockRoute.safeParse(route);
  if (!parsed.success) return zodIssues(parsed.error).map((i) => `${i.path}: ${i.message}`);
  return checkRoutes([{ index: 0, route: parsed.data }], []).map((i) => `${formatIssuePath(i.path.slice(1))}: ${i.message}`);
}

function noteShadowed(route: MocksFileInput['routes'][number], converted: ConvertedRoute, shapes: Map<string, string>, findings: Findings): void {
  const key = `${route.method ?? 'GET'} ${pathShape(route.path)}`;
  const earlier = shapes.get(key);
  if (earlier === undefined) shapes.set(key, route.id);
  else findings.notes.push({ file: converted.file, path: converted.path, message: `route ${route.id} (${route.method ?? 'GET'} ${route.path}) is never reached: route ${earlier} comes first and matches the same requests` });
}
