import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { constants, createDeflateRaw, crc32 } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_FORMAT, SESSION_FORMAT } from '../../../main/api/formats/session';
import type { BundleFile, SessionFile } from '../../../main/api/formats/session';
import { FileLoader } from '../../../main/formats/file-loader';
import { contentSha256 } from '../../../main/sessions/content-sha';
import { BUNDLE_ZIP_LIMITS, readBundleZip, writeBundleZip } from '../../../main/sessions/bundle-zip';
import { loadRecording } from '../../../main/sessions/load-recording';
import { replaySession } from '../../../main/sessions/replay-session';
import { cli } from '../../support/cli-harness';
import { examplesDir } from '../../support/paths';
import { rawZip } from '../../support/raw-zip';

const GIB = 1024 * 1024 * 1024;
let dir: string;
let bundle: BundleFile;
/** 1 GiB of zeros, deflated (~1 MB: deflate's best ratio is about 1:1032). */
let gigabyteOfZeros: Uint8Array;
let gigabyteCrc: number;

/** A session of the refund chat where the customer declines (no request), as its replay records it. */
async function declinedSession(): Promise<BundleFile> {
  const loader = new FileLoader(examplesDir);
  const flow = await loader.loadFlow('flows/refund-chat.flow.yaml');
  const mocks = await loader.loadMocks('mocks/shop.mocks.yaml');
  const draft: SessionFile = {
    format: SESSION_FORMAT,
    id: 'b0d1e5a7-0000-4000-8000-000000000001',
    startedAt: '2026-11-24T10:00:00.000Z',
    flow: { name: flow.name, sha256: contentSha256(flow), content: flow },
    clock: 'virtual',
    seed: 7,
    user: [{ say: 'no thanks', at: 1200 }],
    exchanges: [],
    trace: [],
  };
  // The trace of a session is what the engine did; replaying the draft gives it.
  const run = replaySession(draft, { flow });
  const session: SessionFile = { ...draft, trace: run.trace, endState: run.endState };
  return { format: BUNDLE_FORMAT, createdAt: '2026-11-24T10:05:00.000Z', flow, mocks, session, result: null };
}

async function deflateZeros(bytes: number): Promise<{ data: Uint8Array; crc: number }> {
  const chunk = Buffer.alloc(1024 * 1024);
  let crc = 0;
  const out: Buffer[] = [];
  const deflate = createDeflateRaw({ level: constants.Z_BEST_COMPRESSION });
  deflate.on('data', (c: Buffer) => out.push(c));
  const finished = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  for (let written = 0; written < bytes; written += chunk.length) {
    crc = crc32(chunk, crc);
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await finished;
  return { data: new Uint8Array(Buffer.concat(out)), crc };
}

const manifestOf = (entries: Record<string, string | null>): Uint8Array =>
  strToU8(JSON.stringify({ format: BUNDLE_FORMAT, createdAt: '2026-11-24T10:05:00.000Z', flow: 'flow.yaml', mocks: null, session: 'session.json', result: null, ...entries }));

function stored(name: string, data: Uint8Array): Parameters<typeof rawZip>[0][number] {
  return { name, data, method: 0, uncompressedSize: data.length, crc32: crc32(data) };
}

async function replay(name: string, bytes: Uint8Array | string): Promise<{ code: number; stderr: string; ms: number }> {
  writeFileSync(join(dir, name), bytes);
  const started = performance.now();
  const result = await cli(['replay', name], dir);
  return { code: result.code, stderr: result.stderr, ms: performance.now() - started };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flowbench-bundles-'));
  bundle = await declinedSession();
  ({ data: gigabyteOfZeros, crc: gigabyteCrc } = await deflateZeros(GIB));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('.flowbench.zip bundles', () => {
  it('hold the flow and mocks as YAML, the session as JSON and a manifest; they read back as written', () => {
    const zip = writeBundleZip(bundle);
    const back = readBundleZip(zip, 'x.flowbench.zip');
    expect(back).toEqual({ session: bundle.session, flow: bundle.flow, mocks: bundle.mocks, result: null });
    // Same bundle, same bytes.
    expect(Buffer.from(writeBundleZip(bundle)).equals(Buffer.from(zip))).toBe(true);
  });

  it('replay with nothing else: `flowbench replay x.flowbench.zip` follows the recording (exit 0)', async () => {
    writeFileSync(join(dir, 'declined.flowbench.zip'), writeBundleZip(bundle));
    const run = await cli(['replay', 'declined.flowbench.zip'], dir);
    expect(run.code, run.output).toBe(0);
    expect(run.stdout).toContain('no divergence');
  });

  it('ignore entries the manifest does not name, without inflating them (even a 1 GiB one)', async () => {
    const zip = rawZip([
      stored('manifest.json', manifestOf({})),
      stored('flow.yaml', strToU8(stringify(bundle.flow))),
      stored('session.json', strToU8(JSON.stringify(bundle.session))),
      { name: 'extra/zeros.bin', data: gigabyteOfZeros, method: 8, uncompressedSize: GIB, crc32: gigabyteCrc },
    ]);
    writeFileSync(join(dir, 'extra.flowbench.zip'), zip);
    const read = await loadRecording(join(dir, 'extra.flowbench.zip'), 'extra.flowbench.zip');
    expect(read.session).toEqual(bundle.session);
  });

  it('refuse a 1 MB → 1 GiB bomb from its header, without inflating anything', async () => {
    const zip = rawZip([stored('manifest.json', manifestOf({})), { name: 'session.json', data: gigabyteOfZeros, method: 8, uncompressedSize: GIB, crc32: gigabyteCrc }]);
    const run = await replay('bomb.flowbench.zip', zip);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`bomb.flowbench.zip (zip): entry session.json declares ${GIB} bytes uncompressed, over the limit of ${BUNDLE_ZIP_LIMITS.maxEntryBytes} bytes per entry`);
    expect(run.ms).toBeLessThan(5000); // nothing inflated: milliseconds (a generous bound for a busy machine)
  });

  it('refuse the same bomb when its headers lie (1 KB declared): inflating stops at the limit', async () => {
    const zip = rawZip([stored('manifest.json', manifestOf({})), { name: 'session.json', data: gigabyteOfZeros, method: 8, uncompressedSize: 1024, crc32: 0 }]);
    const run = await replay('liar.flowbench.zip', zip);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`liar.flowbench.zip (zip): entry session.json inflates to more than ${BUNDLE_ZIP_LIMITS.maxEntryBytes} bytes, the limit per entry, although its header declares 1024`);
    // 20 MiB inflated, not 1 GiB: well under the ~50× longer full inflate.
    expect(run.ms).toBeLessThan(20_000);
  });

  it('refuse a zip of too many entries', async () => {
    const entries = Array.from({ length: BUNDLE_ZIP_LIMITS.maxEntries + 1 }, (_, i) => stored(`e${i}.txt`, strToU8('x')));
    const run = await replay('many.flowbench.zip', rawZip(entries));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`many.flowbench.zip (zip): holds more than ${BUNDLE_ZIP_LIMITS.maxEntries} entries`);
  });

  it('name what is missing: the manifest, or an entry it names', async () => {
    const noManifest = await replay('plain.flowbench.zip', zipSync({ 'flow.yaml': strToU8('a: 1') }));
    expect(noManifest.code).toBe(2);
    expect(noManifest.stderr).toContain('plain.flowbench.zip (zip): has no manifest.json: it is a zip, but not a flowbench bundle');
    const noSession = await replay('partial.flowbench.zip', zipSync({ 'manifest.json': manifestOf({}), 'flow.yaml': strToU8(stringify(bundle.flow)) }));
    expect(noSession.code).toBe(2);
    expect(noSession.stderr).toContain('partial.flowbench.zip (zip): has no entry session.json, which its manifest names');
  });

  it('locate a problem inside an entry: zip, entry, line and path', async () => {
    const flow = stringify({ ...bundle.flow, start: 'nowhere' });
    const zip = zipSync({ 'manifest.json': manifestOf({}), 'flow.yaml': strToU8(flow), 'session.json': strToU8(JSON.stringify(bundle.session)) });
    const run = await replay('edited.flowbench.zip', zip);
    expect(run.code).toBe(2);
    // `start:` is on the line after `format:` and `name:` (yaml stringify keeps the key order of the flow).
    const line = flow.split('\n').findIndex((l) => l.startsWith('start:')) + 1;
    expect(run.stderr).toMatch(new RegExp(`edited\\.flowbench\\.zip!/flow\\.yaml:${line}:\\d+ start: `));
  });
});

describe('bundles that are garbage or cut short', () => {
  it('binary garbage named .flowbench.zip: not a zip', async () => {
    const run = await replay('garbage.flowbench.zip', randomBytes(4096).fill(0x00, 0, 2));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('garbage.flowbench.zip (file): is not a zip archive (it does not start with a zip signature)');
  });

  it('binary garbage under another name: neither a zip nor JSON', async () => {
    const run = await replay('garbage.bin', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00]), randomBytes(2048)]));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('garbage.bin (file): holds binary data: it is neither a .flowbench.zip bundle (no zip signature) nor a JSON bundle or session (not UTF-8 text)');
  });

  it('a zip cut in half: truncated, its directory missing', async () => {
    const zip = writeBundleZip(bundle);
    const run = await replay('half.flowbench.zip', zip.subarray(0, Math.floor(zip.length / 2)));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('half.flowbench.zip (zip): is truncated or damaged: its central directory (at the end of the file) cannot be read');
  });

  it('a JSON bundle cut short: truncated, with where it ends (not a complaint about missing fields)', async () => {
    const json = JSON.stringify({ ...bundle, createdAt: bundle.createdAt }, null, 2);
    const cut = json.slice(0, Math.floor(json.length * 0.6));
    const run = await replay('cut.flowbench.json', cut);
    expect(run.code).toBe(2);
    const lines = cut.split('\n');
    expect(run.stderr).toContain(`cut.flowbench.json:${lines.length}:${(lines.at(-1)?.length ?? 0) + 1} (syntax): is truncated: the JSON ends at line ${lines.length}`);
    expect(run.stderr).not.toMatch(/expected|required/);
  });

  it('JSON of another kind: says which format it has and which it expects', async () => {
    const run = await replay('results.json', JSON.stringify({ format: 'flowbench.results/1', scenarios: [] }));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('has format "flowbench.results/1": expected flowbench.bundle/1 (a repro bundle) or flowbench.session/1 (a recorded session)');
  });

  it('an empty file, a folder and a pipe', async () => {
    expect((await replay('empty.flowbench.zip', '')).stderr).toContain('empty.flowbench.zip (file): is empty');
    const folder = await cli(['replay', '.'], dir);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('. (file): is a folder, expected a file');
    execFileSync('mkfifo', [join(dir, 'pipe.flowbench.zip')]);
    const pipe = await cli(['replay', 'pipe.flowbench.zip'], dir);
    expect(pipe.code).toBe(2);
    expect(pipe.stderr).toContain('pipe.flowbench.zip (file): not a regular file (a FIFO (named pipe)); flowbench reads only regular files');
  });

  it('keeps reading the JSON bundles it always read', async () => {
    writeFileSync(join(dir, 'ok.flowbench.json'), JSON.stringify(bundle));
    const run = await cli(['replay', 'ok.flowbench.json'], dir);
    expect(run.code, run.output).toBe(0);
    expect(readFileSync(join(dir, 'ok.flowbench.json'), 'utf8')).toContain(BUNDLE_FORMAT);
  });
});
