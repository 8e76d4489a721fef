import { JournalPage } from '../api/routes/mocks';
import type { MockJournalEntry } from '../api/routes/mocks';
import { describeIssues, zodIssues } from '../api/validate';

const JOURNAL_PATH = '/__flowbench/journal';
/** The most entries one journal read asks for (the admin API's own limit). */
const MAX_ENTRIES = 100_000;
const MAX_BYTES = 64 * 1024 * 1024;
const TIMEOUT_MS = 15_000;

/** The journal address for a mock server's base URL (or the journal URL itself). */
export function journalUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`'${url}' is not a URL (expected the mock server's address, e.g. http://127.0.0.1:4010)`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`'${url}' is not an http(s) URL`);
  if (!parsed.pathname.endsWith(JOURNAL_PATH)) parsed.pathname = `${parsed.pathname.replace(/\/+$/, '')}${JOURNAL_PATH}`;
  if (!parsed.searchParams.has('limit')) parsed.searchParams.set('limit', String(MAX_ENTRIES));
  return parsed;
}

/**
 * Reads a running mock server's journal over its admin API (`GET /__flowbench/journal`),
 * bounded in time and size, and checks it against the contract.
 */
export async function fetchJournal(url: string): Promise<MockJournalEntry[]> {
  const target = journalUrl(url);
  let response: Response;
  try {
    response = await fetch(target, { signal: AbortSignal.timeout(TIMEOUT_MS), headers: { accept: 'application/json' } });
  } catch (error) {
    throw new Error(`cannot read the journal at ${target.href}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!response.ok) throw new Error(`the journal at ${target.href} answered ${response.status} ${response.statusText}`);
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_BYTES) throw new Error(`the journal at ${target.href} is too large (${declared} bytes; at most ${MAX_BYTES})`);
  const text = await readBounded(response, target.href);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error(`the journal at ${target.href} is not JSON`);
  }
  const page = JournalPage.safeParse(raw);
  if (!page.success) throw new Error(`the answer of ${target.href} is not a flowbench journal: ${describeIssues(zodIssues(page.error))}`);
  return page.data.entries;
}

async function readBounded(response: Response, href: string): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BYTES) {
      await reader.cancel();
      throw new Error(`the journal at ${href} is too large (more than ${MAX_BYTES} bytes)`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
