import { stringify } from 'yaml';
import type { FlowFile } from '../api/formats/flow';
import type { Fault, MocksFile, RouteOverride } from '../api/formats/mocks';
import { SCENARIO_FORMAT } from '../api/formats/scenario';
import type { InterruptionKind } from '../api/formats/flow';
import type { Expectation, UserStep } from '../api/formats/scenario';
import type { Exchange, SessionFile, SessionUserMessage } from '../api/formats/session';
import { exchangeVerdict } from '../api/trace/exchange-outcome';
import type { ExchangeVerdict } from '../api/trace/exchange-outcome';
import { compileMocks } from '../../mocks/core/compile-mocks';
import { splitUrl } from '../../mocks/core/mock-request';

export interface ScenarioDraftOptions {
  name: string;
  flow: FlowFile;
  /** How the scenario names its flow: a path relative to where it will be saved, or the flow inline. */
  flowRef: string | FlowFile;
  /** How it names its mocks (a path, or inline) and the mock set itself (to pin latencies). */
  mocks?: { ref: string | MocksFile; file: MocksFile } | undefined;
  /** A scenario entry as the library takes it (no `format` line) rather than a scenario file. */
  asEntry?: boolean;
}

/** Module types whose port choices make a scenario's expectations. */
const DECISIONS = new Set(['api', 'api_await', 'condition', 'capture', 'counter']);

/**
 * A scenario that reproduces a session: its user messages with their timing, the observed
 * latencies (and faults) pinned per route — a request that never got an answer stays
 * unanswered past its deadline — and as expectations the end state and every decision's
 * port choice. The user edits it before saving.
 */
export function sessionToScenario(session: SessionFile, options: ScenarioDraftOptions): string {
  const types = new Map(options.flow.modules.map((m) => [m.id, m.type]));
  const nth = new Map<string, number>();
  const expect: Expectation[] = [{ ends: session.endState ?? 'awaiting_user' }];
  const interruptions = new Map<InterruptionKind, number>();
  for (const e of session.trace) if (e.type === 'interruption') interruptions.set(e.kind, (interruptions.get(e.kind) ?? 0) + 1);
  for (const [kind, count] of interruptions) expect.push({ interruption: { kind, count } });
  for (const e of session.trace) {
    if (e.type !== 'port' || !DECISIONS.has(types.get(e.module) ?? '')) continue;
    const n = (nth.get(e.module) ?? 0) + 1;
    nth.set(e.module, n);
    expect.push({ port: { module: e.module, is: e.port, nth: n } });
  }
  const counts = new Map<string, number>();
  for (const x of session.exchanges) counts.set(x.endpoint, (counts.get(x.endpoint) ?? 0) + 1);
  for (const endpoint of options.flow.endpoints) expect.push({ requests: { endpoint: endpoint.id, count: counts.get(endpoint.id) ?? 0 } });

  const { overrides, notes } = options.mocks ? pinnedRoutes(session, options.mocks.file, options.flow) : { overrides: {}, notes: [] };
  const doc = {
    ...(options.asEntry ? {} : { format: SCENARIO_FORMAT }),
    name: options.name,
    description: [`recorded session ${session.id} (${session.startedAt}), ${session.clock} clock`, ...notes].join('\n'),
    flow: options.flowRef,
    ...(options.mocks ? { mocks: options.mocks.ref } : {}),
    ...(Object.keys(overrides).length > 0 ? { overrides } : {}),
    seed: session.seed,
    user: session.user.map(toUserStep),
    expect,
  };
  return stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** A recorded user entry as a scenario step: messages keep their pause (negative: talking over the bot). */
function toUserStep(entry: SessionUserMessage): UserStep {
  switch (entry.kind) {
    case undefined:
    case 'say':
      return { say: entry.say, afterMs: Math.round(entry.afterMs ?? 0) };
    case 'dtmf':
      return { dtmf: entry.dtmf, afterMs: Math.max(0, Math.round(entry.afterMs ?? 0)) };
    case 'silence':
      return { silence: true };
    case 'hangup':
      return { hangup: { atMs: Math.round(entry.at) } };
  }
}

/** Each route's observed latencies as a sequence, and the faults seen as `nth` faults. */
function pinnedRoutes(session: SessionFile, mocks: MocksFile, flow: FlowFile): { overrides: Record<string, RouteOverride>; notes: string[] } {
  const compiled = compileMocks(mocks);
  const timeouts = new Map(flow.endpoints.map((e) => [e.id, e.timeoutMs]));
  const latencies = new Map<string, number[]>();
  const faults = new Map<string, Fault[]>();
  const notes: string[] = [];
  for (const x of session.exchanges) {
    const { path } = splitUrl(x.request.url);
    const route = compiled.routes.find((r) => r.route.method === x.request.method && r.matchPath(path) !== null)?.route;
    if (!route) continue;
    const list = latencies.get(route.id) ?? [];
    const n = list.length + 1;
    const pinned = pinExchange(x, n, exchangeVerdict(x, session.trace), timeouts.get(x.endpoint) ?? null);
    list.push(pinned.latencyMs);
    latencies.set(route.id, list);
    if (pinned.fault) faults.set(route.id, [...(faults.get(route.id) ?? []), pinned.fault]);
    if (pinned.note !== null) notes.push(`${route.id} #${n} ${pinned.note}`);
  }
  const overrides: Record<string, RouteOverride> = {};
  for (const [id, seq] of latencies) overrides[id] = { latency: { sequence: seq }, ...(faults.has(id) ? { faults: faults.get(id) } : {}) };
  return { overrides, notes };
}

interface PinnedExchange {
  latencyMs: number;
  fault: Fault | null;
  /** Why an unanswered exchange is pinned the way it is (for the scenario's description). */
  note: string | null;
}

/**
 * How one recorded exchange is replayed by the mocks so that the bot sees what it saw
 * (SPEC §3: deadline = sent + timeoutMs; an answer at the deadline is an answer):
 * - answered: its latency, at most the timeout (it did arrive in time);
 * - failed (reset, empty, malformed): that fault at the time it happened;
 * - timed out: an answer later than the deadline — the server's own latency when its
 *   journal says it was beyond the deadline, else a `hang` (no answer ever: the same for
 *   the bot, and no race with the deadline on the real clock);
 * - abandoned before its deadline (superseded, run ended): the server's latency when it is
 *   later than that moment, else a `hang`.
 */
function pinExchange(x: Exchange, n: number, verdict: ExchangeVerdict, timeoutMs: number | null): PinnedExchange {
  switch (verdict.kind) {
    case 'answered': {
      const latencyMs = timeoutMs === null ? verdict.latencyMs : Math.min(verdict.latencyMs, timeoutMs);
      return { latencyMs, fault: x.fault === 'status' ? { kind: 'status', status: verdict.status, nth: [n] } : null, note: null };
    }
    case 'failed': {
      const latencyMs = timeoutMs === null ? verdict.afterMs : Math.min(verdict.afterMs, timeoutMs);
      return { latencyMs, fault: { kind: verdict.error, nth: [n] }, note: null };
    }
    case 'timed_out': {
      const server = x.serverLatencyMs;
      if (x.fault !== 'hang' && server !== undefined && server > verdict.timeoutMs) {
        return { latencyMs: Math.round(server), fault: null, note: `timed out at ${verdict.timeoutMs} ms; the server answered after ${Math.round(server)} ms` };
      }
      return { latencyMs: verdict.timeoutMs + 1, fault: { kind: 'hang', nth: [n] }, note: `timed out at ${verdict.timeoutMs} ms with no answer: a hang` };
    }
    case 'abandoned': {
      const server = x.serverLatencyMs;
      if (x.fault !== 'hang' && server !== undefined && server > verdict.afterMs) {
        return { latencyMs: Math.round(server), fault: null, note: `had no answer when the bot stopped waiting at ${verdict.afterMs} ms; the server took ${Math.round(server)} ms` };
      }
      return { latencyMs: verdict.afterMs + 1, fault: { kind: 'hang', nth: [n] }, note: `had no answer when the bot stopped waiting at ${verdict.afterMs} ms: a hang` };
    }
  }
}
