import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TuneTable } from '../../../main/api/routes/analysis-tune';
import type { Exchange } from '../../../main/api/formats/session';
import { sessionToHar } from '../../../main/sessions/har-export';
import { cli, tempTree } from '../../support/cli-harness';
import { repoRoot } from '../../support/paths';

const file = 'examples/scenarios/order-status.scenario.yaml';
const fixed = ['tune', file, '-e', 'order_status', '--scenario', 'slow API', '--latency', '{ fixed: 4800 }', '--timeouts', '1000,1500,2000,3000,3300,5000', '--samples', '20'];

describe('flowbench tune', () => {
  it('prints the same JSON table for the same seed, byte for byte', async () => {
    const a = await cli([...fixed, '--json', '--seed', '5'], repoRoot);
    const b = await cli([...fixed, '--json', '--seed', '5'], repoRoot);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const table = TuneTable.parse(JSON.parse(a.stdout));
    // Hand-worked in test/unit/analysis/tune.test.ts: T = 1000 hands over, the rest end; dead air 2500 vs 2800.
    expect(table.candidates.map((c) => [c.timeoutMs, c.handoverProbability, c.deadAirMs?.p95])).toEqual([
      [1000, 1, 2500],
      [1500, 0, 2800],
      [2000, 0, 2800],
      [3000, 0, 2800],
      [3300, 0, 2800],
      [5000, 0, 2800],
    ]);
    expect(table.seed).toBe(5);
    expect(table.recommendation?.timeoutMs).toBe(1500);
  });

  it('prints a readable table, and follows --max-dead-air across the 2800 ms band edge', async () => {
    const tight = await cli([...fixed, '--max-dead-air', '2799'], repoRoot);
    expect(tight.code).toBe(0);
    expect(tight.stdout).toContain('Tuning check (now 3000 ms); loop counter tries (now max 2) for "slow API — waiting once, then success"');
    expect(tight.stdout).toMatch(/→\s+1000 ms\s+2\s+0\.0 %\s+100\.0 %\s+2500 \/ 2500 ms\s+10900 \/ 10900 ms/);
    expect(tight.stdout).toMatch(/!\s+1500 ms\s+2\s+100\.0 %\s+0\.0 %\s+2800 \/ 2800 ms\s+9600 \/ 9600 ms/);
    expect(tight.stdout).toContain('→ recommended: timeout 1000 ms, counter max 2: the only candidate with p95 dead air within 2799 ms (this one: 2500 ms); handover 100.0 %');
    expect(tight.stdout).toContain('100.0 %  check.waiting → check.waiting → check.waiting → handover  (e.g. sample 1: latency 4800 ms, seed ');
    const loose = await cli([...fixed, '--max-dead-air', '2800'], repoRoot);
    expect(loose.stdout).toContain('→ recommended: timeout 1500 ms, counter max 2: lowest handover probability (0.0 %)');
  });

  describe('fitting a HAR file', () => {
    // Latencies 400, 800, 1600 ms and one timeout at 5000 ms, as flowbench exports a session.
    const exchanges: Exchange[] = [400, 800, 1600].map((ms, i) => ({
      endpoint: 'order_status',
      module: 'lookup',
      sentAt: 10_000 * i,
      request: { method: 'GET', url: `/orders/${i}`, headers: {}, body: null },
      outcome: { status: 200, headers: {}, body: { state: 'shipped' }, arrivedAt: 10_000 * i + ms },
    }));
    exchanges.push({ endpoint: 'order_status', module: 'lookup', sentAt: 40_000, request: { method: 'GET', url: '/orders/9', headers: {}, body: null }, outcome: { error: 'timeout', at: 45_000 } });
    const har = sessionToHar({ format: 'flowbench.session/1', id: 's', startedAt: '2026-11-24T10:00:00Z', flow: { name: 'x', sha256: 'x' }, clock: 'real', seed: 1, user: [], exchanges, trace: [] }, '1');
    const tree = tempTree({ 'trace.har': JSON.stringify(har), 'broken.har': '{ not json' });
    afterAll(() => tree.cleanup());

    it('fits the answers and the timeout (censored), prints the fit, and tunes with its model', async () => {
      const run = await cli(['tune', join(repoRoot, file), '-e', 'order_status', '--from-har', 'trace.har', '--timeouts', '2000,3000', '--samples', '50'], tree.dir);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Latency of order_status fitted to HAR file trace.har:');
      expect(run.stdout).toContain('n = 4 (3 answered, 1 without an answer (censored: longer than the time waited); 0 other entries skipped)');
      expect(run.stdout).toMatch(/lognormal by maximum likelihood \(EM, \d+ iterations\): median \d+ ms, p99 \d+ ms/);
      const json = TuneTable.parse(JSON.parse((await cli(['tune', join(repoRoot, file), '-e', 'order_status', '--from-har', 'trace.har', '--timeouts', '2000,3000', '--samples', '50', '--json'], tree.dir)).stdout));
      const fit = json.latency.fit;
      expect(fit).toMatchObject({ n: 4, answered: 3, censored: 1, source: 'HAR file trace.har' });
      // The answers alone have geometric mean 800 ms; the timeout at 5000 ms can only pull the median up.
      expect(fit?.medianMs).toBeGreaterThan(800);
      expect(json.latency.model).toEqual(fit?.model);
    });

    it('exits 2 on a file that is not JSON', async () => {
      const run = await cli(['tune', join(repoRoot, file), '-e', 'order_status', '--from-har', 'broken.har'], tree.dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/flowbench tune: .*broken\.har is not JSON/);
    });
  });

  it('exits 2 on bad input, saying what is wrong', async () => {
    const none = await cli(['tune', file, '-e', 'order_status'], repoRoot);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('give one latency source: --latency MODEL, --from-har FILE, --from-db [FILE] or --from-journal URL');
    const two = await cli(['tune', file, '-e', 'order_status', '--latency', '{ fixed: 1 }', '--from-har', 'x.har'], repoRoot);
    expect(two.code).toBe(2);
    const endpoint = await cli(['tune', file, '-e', 'nope', '--latency', '{ fixed: 1 }'], repoRoot);
    expect(endpoint.code).toBe(2);
    expect(endpoint.stderr).toContain("the flow has no endpoint 'nope' (endpoints: order_status)");
    const range = await cli(['tune', file, '-e', 'order_status', '--latency', '{ fixed: 1 }', '--timeouts', '5000-1000'], repoRoot);
    expect(range.code).toBe(2);
    expect(range.stderr).toContain("expected from-to with from <= to, got '5000-1000'");
    const model = await cli(['tune', file, '-e', 'order_status', '--latency', '{ lognormal: { medianMs: 800 } }'], repoRoot);
    expect(model.code).toBe(2);
    const db = await cli(['tune', file, '-e', 'order_status', '--from-db', join(repoRoot, 'no-such.db')], repoRoot);
    expect(db.code).toBe(2);
    expect(db.stderr).toContain(`no library at ${join(repoRoot, 'no-such.db')}`);
  });

  it('picks the scenario of a data-driven file by the index of its row', async () => {
    const tree = tempTree({
      's.scenario.yaml': `format: flowbench.scenario/1\nflow: ${join(repoRoot, 'examples', 'flows', 'order-status.flow.yaml')}\nmocks: ${join(repoRoot, 'examples', 'mocks', 'shop.mocks.yaml')}\nname: "order {{id}}"\neach: [ { id: "1" }, { id: "404" } ]\nuser: [ { say: "It's {{id}}", afterMs: 400 } ]\n`,
    });
    try {
      // Row 1 asks for order 404: the API answers 404 → check.not_found, whatever the timeout.
      const run = await cli(['tune', 's.scenario.yaml', '-e', 'order_status', '--scenario', '1', '--latency', '{ fixed: 300 }', '--timeouts', '1000', '--samples', '5', '--json'], tree.dir);
      expect(run.code).toBe(0);
      const table = TuneTable.parse(JSON.parse(run.stdout));
      expect(table.scenario).toBe('order 404');
      expect(table.candidates[0]?.paths.map((p) => p.summary)).toEqual(['check.not_found → end']);
    } finally {
      tree.cleanup();
    }
  });
});
