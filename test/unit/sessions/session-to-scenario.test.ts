import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { MocksFile } from '../../../main/api/formats/mocks';
import type { SessionFile } from '../../../main/api/formats/session';
import { describeVerdict, exchangeVerdict } from '../../../main/api/trace/exchange-outcome';
import { FileLoader } from '../../../main/formats/file-loader';
import { runScenario } from '../../../main/scenario/run-scenario';
import { sessionToScenario } from '../../../main/sessions/session-to-scenario';
import { orderFlow, recordOrderSession, shop } from './support-story';

const flow = orderFlow;
const dir = mkdtempSync(join(tmpdir(), 'flowbench-s2s-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const record = recordOrderSession;

/** Saves the drafted scenario next to nothing (flow and mocks inline) and runs it from the file. */
async function runDraft(yaml: string, name: string): Promise<ReturnType<typeof runScenario>> {
  const file = join(dir, `${name}.scenario.yaml`);
  writeFileSync(file, yaml);
  const [scenario] = await new FileLoader(dir).loadScenarios(file);
  return runScenario(scenario!);
}

const draft = (session: SessionFile, mocks: MocksFile = shop): string =>
  sessionToScenario(session, { name: 'support repro', flow, flowRef: flow, mocks: { ref: mocks, file: mocks } });

describe('a recorded timeout becomes a scenario that times out too', () => {
  // 5200 ms: check #1 gives up at 7700 (module timeout, 4700 + 3000), check #2 waits until
  // min(8400, 10700, 8200) = 8200 = D → failure (endpoint_timeout) → sorry → handover.
  const session = record(5200);

  it('records the request as timed out at its deadline', () => {
    expect(session.endState).toBe('handover');
    const [x] = session.exchanges;
    expect(x).toMatchObject({ sentAt: 3200, outcome: { error: 'timeout', at: 8200 }, gaveUp: true });
    expect(describeVerdict(exchangeVerdict(x!, session.trace))).toBe('timed out at 5000 ms (no answer)');
  });

  it("pins the server's latency (from its journal) when it lay beyond the deadline", async () => {
    const journaled: SessionFile = { ...session, exchanges: session.exchanges.map((x) => ({ ...x, serverLatencyMs: 5200 })) };
    const yaml = draft(journaled);
    expect(parse(yaml).overrides).toEqual({ order_status: { latency: { sequence: [5200] } } });
    expect(parse(yaml).description).toContain('order_status #1 timed out at 5000 ms; the server answered after 5200 ms');
    const result = await runDraft(yaml, 'journaled');
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.endState).toBe('handover');
    expect(result.path).toEqual(expect.arrayContaining(['check.waiting', 'check.failure']));
  });

  it('without the server latency, the request hangs: never answered, on either clock', async () => {
    const yaml = draft(session);
    // 5001: one past the deadline (unused while the hang holds); the hang hits request #1.
    expect(parse(yaml).overrides).toEqual({ order_status: { latency: { sequence: [5001] }, faults: [{ kind: 'hang', nth: [1] }] } });
    const result = await runDraft(yaml, 'hang');
    expect(result.status).toBe('passed');
    expect(result.endState).toBe('handover');
  });

  it('a session recorded with its send time 1 ms late (noted "abandoned" at 4999 ms) is still a timeout', async () => {
    // Before the fix the recorder read the clock after the engine: sentAt 3201, gave up at 8200.
    const late: SessionFile = {
      ...session,
      exchanges: session.exchanges.map((x) => ({ ...x, sentAt: 3201, outcome: { error: 'abandoned' as const, at: 8200 } })),
    };
    expect(exchangeVerdict(late.exchanges[0]!, late.trace)).toEqual({ kind: 'timed_out', timeoutMs: 5000 });
    const overrides = parse(draft(late)).overrides as Record<string, { latency: { sequence: number[] } }>;
    expect(overrides['order_status']?.latency.sequence[0]).toBeGreaterThan(5000);
    expect((await runDraft(draft(late), 'late')).endState).toBe('handover');
  });
});

describe('answers are pinned at their latency, never past the deadline', () => {
  it('an answer that arrives exactly at the deadline stays an answer', async () => {
    // 5000 ms: check #2 at 7700 waits until min(A = 8200, 10700, D = 8200) = 8200; A <= D → success.
    const session = record(5000);
    expect(session.endState).toBe('end');
    expect(exchangeVerdict(session.exchanges[0]!, session.trace)).toEqual({ kind: 'answered', status: 200, latencyMs: 5000 });
    const yaml = draft(session);
    expect(parse(yaml).overrides).toEqual({ order_status: { latency: { sequence: [5000] } } });
    const result = await runDraft(yaml, 'at-deadline');
    expect(result.status).toBe('passed');
    expect(result.path).toEqual(expect.arrayContaining(['check.waiting', 'check.success']));
  });
});
