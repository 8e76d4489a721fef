import { targetOf } from '../api/formats/flow';
import type { FlowFile, FlowModule } from '../api/formats/flow';

/** The modules a tune varies: the endpoint's awaits (timeoutMs) and their loop counters (max). */
export interface TuneTargets {
  awaits: { id: string; timeoutMs: number }[];
  counters: { id: string; max: number }[];
}

/** A change of the flow: new `timeoutMs` for awaits, new `max` for counters, by module id. */
export type ModulePatch = Readonly<Record<string, { timeoutMs?: number | undefined; max?: number | undefined }>>;

/**
 * The api_await modules of `endpoint` (or just `only`) and the counters on their await loops:
 * a counter reachable from the await's `waiting` port from which the await is reachable
 * again (`waiting → tries → check` in the example flow).
 */
export function tuneTargets(flow: FlowFile, endpoint: string, only?: string): TuneTargets {
  const awaits = flow.modules.filter((m): m is Extract<FlowModule, { type: 'api_await' }> => m.type === 'api_await' && m.endpoint === endpoint);
  if (awaits.length === 0) throw new Error(`the flow has no api_await module for endpoint '${endpoint}': nothing to tune`);
  const chosen = only === undefined ? awaits : awaits.filter((m) => m.id === only);
  if (chosen.length === 0) throw new Error(`'${only ?? ''}' is not an api_await of endpoint '${endpoint}' (they are: ${awaits.map((m) => m.id).join(', ')})`);
  const byId = new Map(flow.modules.map((m) => [m.id, m]));
  const next = (m: FlowModule): string[] => Object.values(m.ports).map((t) => targetOf(t).to);
  const reachable = (from: string, stopAt: string): Set<string> => {
    const seen = new Set<string>();
    const queue = [from];
    while (queue.length > 0) {
      const id = queue.shift() as string;
      if (seen.has(id) || id === stopAt) continue;
      seen.add(id);
      const m = byId.get(id);
      if (m) queue.push(...next(m));
    }
    return seen;
  };
  const counters = new Map<string, number>();
  for (const a of chosen) {
    const waiting = a.ports['waiting'];
    if (waiting === undefined) continue;
    for (const id of reachable(targetOf(waiting).to, a.id)) {
      const m = byId.get(id);
      if (m?.type !== 'counter' || counters.has(id)) continue;
      const after = m.ports['next'];
      if (after === undefined) continue;
      const back = targetOf(after).to;
      if (back === a.id || reachable(back, m.id).has(a.id)) counters.set(id, m.max);
    }
  }
  return {
    awaits: chosen.map((m) => ({ id: m.id, timeoutMs: m.timeoutMs })),
    counters: [...counters].map(([id, max]) => ({ id, max })),
  };
}

/** The flow with the patch applied (a new object; modules not named are shared). */
export function patchFlow(flow: FlowFile, patch: ModulePatch): FlowFile {
  const known = new Set(flow.modules.map((m) => m.id));
  for (const id of Object.keys(patch)) if (!known.has(id)) throw new Error(`the flow has no module '${id}'`);
  return {
    ...flow,
    modules: flow.modules.map((m) => {
      const change = patch[m.id];
      if (change === undefined) return m;
      if (m.type === 'api_await' && change.timeoutMs !== undefined) return { ...m, timeoutMs: change.timeoutMs };
      if (m.type === 'counter' && change.max !== undefined) return { ...m, max: change.max };
      if (change.timeoutMs !== undefined || change.max !== undefined) {
        throw new Error(`module '${m.id}' is a ${m.type}: only an api_await takes timeoutMs and only a counter takes max`);
      }
      return m;
    }),
  };
}
