import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { OutputOf } from '../../../main/api/contract';
import { createHost } from '../../../main/host/host';
import type { Host } from '../../../main/host/host';
import { examplesDir, repoRoot } from '../../support/paths';

let host: Host;
let dir: string;
let examples: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flowbench-edit-'));
  examples = join(dir, 'examples');
  cpSync(examplesDir, examples, { recursive: true });
  host = createHost({ mode: 'browser', appRoot: repoRoot, name: 'flowbench', version: '0.0.1-test', dataDir: dir, examplesDir: examples, dbFile: join(dir, 'flowbench.db') });
});
afterEach(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call<N extends string>(name: N, input: unknown): Promise<N extends keyof import('../../../main/api/contract').Contract ? OutputOf<N> : never> {
  const result = await host.dispatch(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value as never;
}

const FILE = 'mocks/shop.mocks.yaml';

describe('editing a mock set through the host (Mocks view editor)', () => {
  it('opens a file as written, reviews an edit as a YAML diff that keeps comments, saves it', async () => {
    const opened = await call('mocks.openSet', { file: FILE });
    expect(opened.issues).toEqual([]);
    expect(opened.text).toBe(readFileSync(join(examples, FILE), 'utf8'));
    const mocks = structuredClone(opened.mocks) as { routes: { id: string; latency?: unknown; path: string }[] };
    // Change one value, duplicate a route under a new id, delete another.
    const status = mocks.routes.find((r) => r.id === 'order_status');
    if (status === undefined) throw new Error('order_status missing');
    status.latency = { fixed: 5200 };
    mocks.routes.push({ ...structuredClone(status), id: 'order_status_copy', path: '/orders-copy/:id' });
    mocks.routes = mocks.routes.filter((r) => r.id !== 'create_refund');

    const review = await call('mocks.reviewSet', { target: { file: FILE }, mocks, baseSha256: opened.sha256 });
    expect(review.issues).toEqual([]);
    expect(review.changed).toBe(true);
    const removed = review.diff.filter((l) => l.op === '-').map((l) => l.text.trim());
    const added = review.diff.filter((l) => l.op === '+').map((l) => l.text.trim());
    expect(removed).toContain('latency: { lognormal: { medianMs: 800, p99Ms: 6000 } }');
    expect(removed).toContain('- id: create_refund');
    expect(added).toContain('latency: { fixed: 5200 }');
    expect(added).toContain('- id: order_status_copy');
    // The comment of the untouched route stays, as written.
    expect(review.after).toContain('    # The legacy order API: answers 200 even for an unknown order, spells statuses in capitals');
    expect(review.after.startsWith('# yaml-language-server: $schema=../../schemas/mocks.schema.json\n')).toBe(true);
    expect(readFileSync(join(examples, FILE), 'utf8')).toBe(opened.text); // a review writes nothing

    const saved = await call('mocks.saveSet', { target: { file: FILE }, mocks, baseSha256: opened.sha256 });
    expect(readFileSync(join(examples, FILE), 'utf8')).toBe(review.after);
    expect(saved.sha256).not.toBe(opened.sha256);
    const written = parse(review.after) as { routes: { id: string }[] };
    expect(written.routes.map((r) => r.id)).toEqual(['order_status', 'legacy_orders', 'order_status_copy']);
    // The saved file serves.
    const started = await call('mocks.start', { file: FILE });
    expect(started.routes.map((r) => r.id)).toEqual(['order_status', 'legacy_orders', 'order_status_copy']);
    expect(started.routes[0]?.latency).toBe('fixed 5200 ms');
  });

  it('checks an edit like a file: schema, CEL and duplicate ids, each with its path; saves nothing', async () => {
    const opened = await call('mocks.openSet', { file: FILE });
    const mocks = structuredClone(opened.mocks) as { routes: { id: string; latency?: unknown; responses: { when?: string; status?: number }[] }[] };
    const [first, second, third] = mocks.routes;
    if (!first || !second || !third) throw new Error('routes missing');
    second.id = third.id;
    first.latency = { fixed: -500 };
    (third.responses[0] ?? {}).when = "params.id == 'A-404' &&";
    const review = await call('mocks.reviewSet', { target: { file: FILE }, mocks, baseSha256: opened.sha256 });
    const byPath = Object.fromEntries(review.issues.map((i) => [i.path, i.message]));
    expect(byPath['routes[0].latency.fixed']).toBe('expected 0 ms or more');
    expect(Object.keys(byPath)).toContain('routes[2].responses[0].when');
    expect(review.issues.filter((i) => /^routes\[[12]\]\.id/.test(i.path)).map((i) => i.message).join()).toMatch(/legacy_orders/);
    const refused = await host.dispatch('mocks.saveSet', { target: { file: FILE }, mocks, baseSha256: opened.sha256 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(readFileSync(join(examples, FILE), 'utf8')).toBe(opened.text);
  });

  it('refuses to save over a file that changed since it was opened', async () => {
    const opened = await call('mocks.openSet', { file: FILE });
    writeFileSync(join(examples, FILE), `${opened.text}# edited elsewhere\n`);
    const refused = await host.dispatch('mocks.saveSet', { target: { file: FILE }, mocks: opened.mocks, baseSha256: opened.sha256 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(readFileSync(join(examples, FILE), 'utf8')).toBe(`${opened.text}# edited elsewhere\n`);
    const outside = await host.dispatch('mocks.openSet', { file: '/etc/passwd' });
    expect(outside).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('edits a library entry: review shows its YAML diff, save updates it', async () => {
    const created = await call('mockSets.create', { mocks: { format: 'flowbench.mocks/1', name: 'tiny', routes: [{ id: 'hi', path: '/hi', responses: [{ body: 'hi' }] }] } });
    const opened = await call('mocks.openSet', { libraryId: created.id });
    expect(opened.label).toBe(`library: ${created.path}`);
    const mocks = { format: 'flowbench.mocks/1', name: 'tiny', routes: [{ id: 'hi', method: 'POST', path: '/hi', responses: [{ status: 201, body: { ok: true } }] }] };
    const review = await call('mocks.reviewSet', { target: { libraryId: created.id }, mocks, baseSha256: opened.sha256 });
    // Before:                       After:
    //   routes:                        routes:
    //     - id: hi                       - id: hi
    //       path: /hi                      method: POST      (+)
    //       responses:                     path: /hi
    //         - body: hi   (-)             responses:
    //                                        - status: 201   (+)
    //                                          body: { ok: true }  (+)
    expect(review.diff.filter((l) => l.op !== ' ').map((l) => `${l.op}${l.text.trim()}`)).toEqual(['+method: POST', '-- body: hi', '+- status: 201', '+body: { ok: true }']);
    await call('mocks.saveSet', { target: { libraryId: created.id }, mocks, baseSha256: opened.sha256 });
    expect((await call('mockSets.get', { id: created.id })).mocks).toEqual(mocks);
  });
});
