import { HarFile } from '../api/formats/har';
import { MOCKS_FORMAT, MocksFile } from '../api/formats/mocks';
import { describeIssues, zodIssues } from '../api/validate';
import { Recorder } from '../../mocks/server/recorder';

export class HarImportError extends Error {
  constructor(
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'HarImportError';
  }
}

/**
 * A HAR file as a mock set: one route per method and exact path, its responses in the
 * order seen and its observed latencies as a `sequence` (the same recorder as record mode).
 * Entries without a response (status 0) are skipped.
 */
export function harToMocks(raw: unknown, name?: string): MocksFile {
  const parsed = HarFile.safeParse(raw);
  if (!parsed.success) {
    const issues = zodIssues(parsed.error);
    throw new HarImportError(`not a HAR 1.2 file: ${describeIssues(issues)}`, issues);
  }
  const recorder = new Recorder();
  for (const entry of parsed.data.log.entries) {
    if (entry.response.status === 0) continue;
    let path: string;
    try {
      path = new URL(entry.request.url).pathname;
    } catch {
      continue;
    }
    const text = entry.response.content.text ?? '';
    const body = entry.response.content.encoding === 'base64' ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8');
    recorder.record(entry.request.method.toUpperCase(), path, {
      status: entry.response.status,
      contentType: entry.response.content.mimeType || undefined,
      body,
      latencyMs: entry.timings.wait >= 0 ? entry.timings.wait : entry.time,
    });
  }
  const mocks = MocksFile.safeParse({ format: MOCKS_FORMAT, ...(name !== undefined ? { name } : {}), routes: recorder.toRoutes() });
  if (!mocks.success) throw new HarImportError(`the HAR gives an invalid mock set: ${describeIssues(zodIssues(mocks.error))}`);
  return mocks.data;
}
