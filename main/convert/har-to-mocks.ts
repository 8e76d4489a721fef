import type { SourceDocument } from '../formats/source-document';
import { HarImportError, harToMocks } from '../sessions/har-import';
import { compactRoute } from '../../mocks/server/record-file';
import type { Findings, SourceConversion } from './conversion';
import { asRecord } from './conversion';

/**
 * A HAR file, through the same import as the Sessions view (one route per method and exact
 * path, responses in order, observed latencies as a sequence). Entries it cannot use are listed.
 */
export function convertHar(doc: SourceDocument, findings: Findings): SourceConversion {
  const f = findings.forDocument(doc);
  const entries = asRecord(asRecord(doc.value)?.['log'])?.['entries'];
  if (Array.isArray(entries)) {
    entries.forEach((raw: unknown, i) => {
      const entry = asRecord(raw);
      const status = asRecord(entry?.['response'])?.['status'];
      const url = asRecord(entry?.['request'])?.['url'];
      if (status === 0) f.note(['log', 'entries', i, 'response', 'status'], 'an entry without a response (status 0) is skipped');
      else if (typeof url !== 'string' || !URL.canParse(url)) f.problem(['log', 'entries', i, 'request', 'url'], 'not an absolute URL: entry skipped');
    });
  }
  try {
    const mocks = harToMocks(doc.value);
    return {
      file: doc.file,
      format: 'har',
      name: `recorded in ${doc.file}`,
      routes: mocks.routes.map((route) => ({ route: compactRoute(route), file: doc.file, path: `log.entries (${route.method} ${route.path})` })),
      fatal: false,
    };
  } catch (error) {
    if (!(error instanceof HarImportError)) throw error;
    if (error.issues.length === 0) f.problem([], error.message);
    for (const issue of error.issues) f.problem([], `not a HAR 1.2 file: ${issue.path}: ${issue.message}`);
    return { file: doc.file, format: 'har', routes: [], fatal: true };
  }
}
