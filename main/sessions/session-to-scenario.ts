import { stringify } from 'yaml';
import type { FlowFile } from '../api/formats/flow';
import type { Fault, MocksFile, RouteOverride } from '../api/formats/mocks';
import { SCENARIO_FORMAT } from '../api/formats/scenario';
import type { InterruptionKind } from '../api/formats/flow';
import type { Expectation, UserStep } from '../api/formats/scenario';
import type { SessionFile, SessionUserMessage } from '../api/formats/session';
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
 * latencies (and faults) pinned per route, and as expectations the end state and every
 * decision's port choice. The user edits it before saving.
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

  const overrides = options.mocks ? pinnedRoutes(session, options.mocks.file) : {};
  const doc = {
    ...(options.asEntry ? {} : { format: SCENARIO_FORMAT }),
    name: options.name,
    description: `recorded session ${session.id} (${session.startedAt}), ${session.clock} clock`,
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
function pinnedRoutes(session: SessionFile, mocks: MocksFile): Record<string, RouteOverride> {
  const compiled = compileMocks(mocks);
  const latencies = new Map<string, number[]>();
  const faults = new Map<string, Fault[]>();
  for (const x of session.exchanges) {
    const { path } = splitUrl(x.request.url);
    const route = compiled.routes.find((r) => r.route.method === x.request.method && r.matchPath(path) !== null)?.route;
    if (!route) continue;
    const list = latencies.get(route.id) ?? [];
    const n = list.length + 1;
    const o = x.outcome;
    const elapsed = Math.max(0, Math.round(('arrivedAt' in o ? o.arrivedAt : o.at) - x.sentAt));
    // A timeout only says the answer came later than the deadline: pin it just past it.
    list.push('error' in o && o.error === 'timeout' ? elapsed + 1 : elapsed);
    latencies.set(route.id, list);
    const fault = observedFault(x.fault ?? null, o, n);
    if (fault) faults.set(route.id, [...(faults.get(route.id) ?? []), fault]);
  }
  const out: Record<string, RouteOverride> = {};
  for (const [id, seq] of latencies) out[id] = { latency: { sequence: seq }, ...(faults.has(id) ? { faults: faults.get(id) } : {}) };
  return out;
}

function observedFault(fault: string | null, outcome: SessionFile['exchanges'][number]['outcome'], n: number): Fault | null {
  if ('arrivedAt' in outcome) return fault === 'status' ? { kind: 'status', status: outcome.status, nth: [n] } : null;
  switch (outcome.error) {
    case 'reset':
    case 'empty':
    case 'malformed':
      return { kind: outcome.error, nth: [n] };
    case 'timeout':
      return fault === 'hang' ? { kind: 'hang', nth: [n] } : null;
    case 'abandoned':
      return null;
  }
}
