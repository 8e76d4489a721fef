import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { OutputOf } from '../../../main/api/contract';
import { HarFile } from '../../../main/api/formats/har';
import { MocksFile } from '../../../main/api/formats/mocks';
import { BundleFile } from '../../../main/api/formats/session';
import { FileLoader } from '../../../main/formats/file-loader';
import { createHost } from '../../../main/host/host';
import type { Host } from '../../../main/host/host';
import { runScenario } from '../../../main/scenario/run-scenario';
import { loadRecording } from '../../../main/sessions/load-recording';
import { startMockServer } from '../../../mocks/server/start-mock-server';
import { cli } from '../../support/cli-harness';
import { expectSchemaModeline } from '../../support/modeline';
import { examplesDir, repoRoot } from '../../support/paths';

let dir: string;
let host: Host;
let sessionId: string;
let recorded: OutputOf<'sessions.stop'>;
const traced: { seq: number; event: unknown }[] = [];

async function call<N extends Parameters<Host['dispatch']>[0]>(name: N, input: unknown): Promise<unknown> {
  const result = await host.dispatch(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message} ${JSON.stringify(result.error.issues ?? [])}`);
  return result.value;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flowbench-sessions-'));
  cpSync(examplesDir, join(dir, 'examples'), { recursive: true });
  host = createHost({ mode: 'cli', appRoot: repoRoot, name: 'flowbench', version: '1.0.0-test', dataDir: dir, examplesDir: join(dir, 'examples'), dbFile: join(dir, 'db.sqlite') });
  /*
   * The real mock server, with a slow API: the bot waits once, then succeeds. The lookup is
   * sent at 0; `pause` (1500 ms; speech does not block) reaches `check` at 1500, whose 3000 ms
   * module timeout ends at 4500: `waiting`; the second check waits until 7500. The example's
   * endpoint deadline (5000 ms) is moved to 9000 in this copy, so an arrival anywhere in
   * (4500, 7500] gives `waiting`, then `success`: 6000 ms is 1500 ms of wall time from either
   * edge at time scale 1, more than a loaded machine delays a timer.
   */
  const flowFile = join(dir, 'examples', 'flows', 'order-status.flow.yaml');
  writeFileSync(flowFile, readFileSync(flowFile, 'utf8').replace('timeoutMs: 5000', 'timeoutMs: 9000'));
  await call('mocks.start', { file: 'mocks/shop.mocks.yaml' });
  await call('mocks.patchRoute', { routeId: 'order_status', override: { latency: { fixed: 6000 } } });
  host.events.subscribe((e) => {
    if (e.name === 'sessions.trace') traced.push(e.payload);
  });
  const started = (await call('sessions.start', { flowFile: 'flows/order-status.flow.yaml', timeScale: 1 })) as OutputOf<'sessions.start'>;
  sessionId = started.id;
  expect(started.waitingForUser).toBe(true);
  const after = (await call('sessions.say', { id: sessionId, text: "It's 12345" })) as OutputOf<'sessions.say'>;
  expect(after.running).toBe(false);
  recorded = (await call('sessions.stop', { id: sessionId })) as OutputOf<'sessions.stop'>;
}, 60_000);

afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('record a live session on the real clock against the real mock server', () => {
  it('records the conversation, its exchanges and its trace', async () => {
    expect(recorded.endState).toBe('end');
    expect(recorded.saved).toBe(true);
    const session = (await call('sessions.get', { id: sessionId })) as OutputOf<'sessions.get'>;
    expect(session.clock).toBe('real');
    expect(session.user).toHaveLength(1);
    expect(session.user[0]).toMatchObject({ say: "It's 12345" });
    expect(session.exchanges).toHaveLength(1);
    const exchange = session.exchanges[0]!;
    expect(exchange).toMatchObject({ endpoint: 'order_status', module: 'lookup', request: { method: 'GET', url: '/orders/12345' }, fault: null, gaveUp: false });
    expect('arrivedAt' in exchange.outcome && exchange.outcome.status).toBe(200);
    // Recorded latency: the server's 6000 ms plus the machine's delays, and at most the 7500 ms
    // the second check waited (it got the answer). The server timer may fire 1 ms early (Node rounds).
    const latency = 'arrivedAt' in exchange.outcome ? exchange.outcome.arrivedAt - exchange.sentAt : 0;
    expect(latency).toBeGreaterThanOrEqual(5999);
    expect(latency).toBeLessThanOrEqual(7500);
    expect(exchange.serverLatencyMs).toBe(6000);
    expect(session.trace.filter((e) => e.type === 'port' && e.module === 'check').map((e) => e.type === 'port' && e.port)).toEqual(['waiting', 'success']);
    const list = (await call('sessions.list', {})) as OutputOf<'sessions.list'>;
    expect(list.sessions.find((s) => s.id === sessionId)).toMatchObject({ channel: 'voice', endState: 'end', endReason: null, userMessages: 1, exchanges: 1 });
    expect(session.mocks?.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('replays it in virtual time with the same ports and end state', async () => {
    const replay = (await call('sessions.replay', { id: sessionId })) as OutputOf<'sessions.replay'>;
    expect(replay.divergence).toBeNull();
    expect(replay.mismatches).toEqual([]);
    expect(replay.flowChanged).toBe(false);
    expect(replay.endState).toBe('end');
    const ports = (t: typeof replay.trace) => t.flatMap((e) => (e.type === 'port' ? [`${e.module}.${e.port}`] : []));
    expect(ports(replay.trace)).toEqual(ports(replay.recordedTrace));
  });

  it('replayed against an edited flow, the divergence names the edited module', async () => {
    const file = join(dir, 'examples', 'flows', 'edited.flow.yaml');
    writeFileSync(file, readFileSync(join(dir, 'examples', 'flows', 'order-status.flow.yaml'), 'utf8').replace('success: tell,', 'success: unknown,'));
    const replay = (await call('sessions.replay', { id: sessionId, flowFile: 'flows/edited.flow.yaml' })) as OutputOf<'sessions.replay'>;
    expect(replay.flowChanged).toBe(true);
    expect(replay.divergence?.module).toBe('check');
    expect(replay.divergence?.summary).toContain('recorded check → success → tell');
    expect(replay.divergence?.replayed.port).toBe('success');
    expect(replay.divergence?.recorded.contexts).toMatchObject({ order_id: '12345', await_tries: 1 });
  });

  it('replays with a changed latency: over the endpoint timeout, it ends in handover', async () => {
    // 10000 ms: past the 9000 ms deadline, found by the second check at 7500 + 1500 → failure.
    const replay = (await call('sessions.replay', { id: sessionId, endpointLatency: { order_status: 10_000 } })) as OutputOf<'sessions.replay'>;
    expect(replay.endState).toBe('handover');
    expect(replay.divergence?.module).toBe('check');
  });

  it('streams its trace as sessions.trace events numbered by seq', () => {
    expect(traced.map((e) => e.seq)).toEqual(traced.map((_, i) => i));
    expect(traced.map((e) => e.event)).toEqual(recorded.trace);
  });

  it('turns the session into a library scenario that scenarios.create takes as it is', async () => {
    await call('library.import', { paths: [join(dir, 'examples')] });
    const { yaml } = (await call('sessions.toScenario', { id: sessionId, name: 'from the session', for: 'library' })) as OutputOf<'sessions.toScenario'>;
    expect(yaml).not.toContain('format:');
    expect(yaml).toContain('flow: flows/order-status.flow.yaml');
    const created = (await call('scenarios.create', { scenario: parseYaml(yaml) })) as { id: number };
    const run = (await call('scenarios.run', { ids: [created.id] })) as OutputOf<'scenarios.run'>;
    expect(run.results[0]?.status).toBe('passed');
  });

  it('turns the session into a scenario that passes', async () => {
    const { yaml } = (await call('sessions.toScenario', { id: sessionId, name: 'recorded slow API' })) as OutputOf<'sessions.toScenario'>;
    expect(yaml).toContain('name: recorded slow API');
    expect(yaml).toContain('flow: ../flows/order-status.flow.yaml');
    const file = join(dir, 'examples', 'scenarios', 'recorded.scenario.yaml');
    expectSchemaModeline(yaml, file, 'scenario');
    writeFileSync(file, yaml);
    const [scenario] = await new FileLoader(dir).loadScenarios(file);
    const result = runScenario(scenario!);
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.path).toContain('check.waiting');
  });

  it('exports HAR 1.2, and a HAR import gives a mock set that serves the recorded bodies', async () => {
    const { har } = (await call('sessions.exportHar', { id: sessionId })) as OutputOf<'sessions.exportHar'>;
    const parsed = HarFile.parse(har);
    expect(parsed.log.version).toBe('1.2');
    expect(parsed.log.entries).toHaveLength(1);
    expect(parsed.log.entries[0]?.response.status).toBe(200);
    expect(JSON.parse(parsed.log.entries[0]?.response.content.text ?? 'null')).toMatchObject({ id: '12345', state: 'shipped' });

    const imported = (await call('sessions.importHar', { har, name: 'from har' })) as OutputOf<'sessions.importHar'>;
    const mocks = MocksFile.parse(imported.mocks);
    // As a mocks file saved beside the examples' own, it points to the schema and loads as it is.
    const mocksFile = join(dir, 'examples', 'mocks', 'from-har.mocks.yaml');
    expectSchemaModeline(imported.yaml, mocksFile, 'mocks');
    writeFileSync(mocksFile, imported.yaml);
    expect(await new FileLoader(dir).loadMocks(mocksFile)).toEqual(mocks);
    const route = mocks.routes[0]!;
    expect(route).toMatchObject({ method: 'GET', path: '/orders/12345' });
    // The observed latency (6000 ms and the machine's delays) comes back as a sequence; serve at once for the test.
    expect('sequence' in route.latency && route.latency.sequence[0]).toBeGreaterThanOrEqual(5999);
    const server = await startMockServer({ mocks: { ...mocks, routes: [{ ...route, latency: { fixed: 0 } }] } });
    try {
      const response = await fetch(`${server.url}/orders/12345`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ id: '12345', state: 'shipped', eta: 'tomorrow' });
    } finally {
      await server.close();
    }
    const bad = await host.dispatch('sessions.importHar', { har: { log: { entries: 'no' } } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('makes a repro bundle that `flowbench replay` re-runs anywhere', async () => {
    const bundle = BundleFile.parse(await call('sessions.bundle', { id: sessionId }));
    expect(bundle.result?.status).toBe('passed');
    const file = join(dir, 'repro.flowbench.json');
    writeFileSync(file, JSON.stringify(bundle));
    const ok = await cli(['replay', file], dir);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('no divergence');
    // An edited flow diverges: exit 1, naming the module.
    const diverged = await cli(['replay', file, '--flow', join(dir, 'examples', 'flows', 'edited.flow.yaml')], dir);
    expect(diverged.code).toBe(1);
    expect(diverged.stdout).toContain('diverges at module check');
  });

  it('gives a clear error for a corrupted bundle', async () => {
    const file = join(dir, 'broken.flowbench.json');
    const bundle = JSON.parse(JSON.stringify(await call('sessions.bundle', { id: sessionId }))) as { session: { user: unknown }; flow: { start: string } };
    bundle.session.user = 'garbage';
    bundle.flow.start = 'nowhere';
    writeFileSync(file, JSON.stringify(bundle));
    const result = await cli(['replay', 'broken.flowbench.json'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('broken.flowbench.json');
    expect(result.stderr).toContain('session.user');
    writeFileSync(file, '{"format": "flowbench.bundle/1", "flow": ');
    const truncated = await cli(['replay', 'broken.flowbench.json'], dir);
    expect(truncated.code).toBe(2);
    // 41 characters: the text ends on line 1, right after `"flow": ` (column 42).
    expect(truncated.stderr).toContain('broken.flowbench.json:1:42 (syntax): is truncated: the JSON ends at line 1, column 42');
  });

  it('exports a .flowbench.zip bundle (sessions.exportBundle) that `flowbench replay` re-runs anywhere', async () => {
    const zip = (await call('sessions.exportBundle', { id: sessionId })) as OutputOf<'sessions.exportBundle'>;
    expect(zip.fileName).toMatch(/^order-status-voice-async-await-[0-9a-f]{8}\.flowbench\.zip$/);
    const bytes = Buffer.from(zip.zipBase64, 'base64');
    expect(bytes.length).toBe(zip.bytes);
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    const file = join(dir, zip.fileName);
    writeFileSync(file, bytes);
    const ok = await cli(['replay', zip.fileName], dir);
    expect(ok.code, ok.output).toBe(0);
    expect(ok.stdout).toContain('no divergence');
    // An edited flow (read skips the lookup; read runs in every recording) diverges at read: exit 1.
    const edited = join(dir, 'zip-edited.flow.yaml');
    writeFileSync(edited, readFileSync(join(dir, 'examples', 'flows', 'order-status.flow.yaml'), 'utf8').replace('ports: { next: lookup, nomatch: greet }', 'ports: { next: hold, nomatch: greet }'));
    const diverged = await cli(['replay', zip.fileName, '--flow', edited], dir);
    expect(diverged.code).toBe(1);
    expect(diverged.stdout).toContain('diverges at module read');
    // The JSON bundle and the zip carry the same flow, mocks and session.
    const json = BundleFile.parse(await call('sessions.bundle', { id: sessionId }));
    const fromZip = await loadRecording(file);
    expect(fromZip).toMatchObject({ session: json.session, flow: json.flow, mocks: json.mocks });
  });
});
