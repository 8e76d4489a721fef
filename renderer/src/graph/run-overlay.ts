import type { TraceEvent } from '../../../main/api/formats/trace';

export interface PortTaken {
  /** 1 for the module's first exit, 2 for the second, … */
  nth: number;
  port: string;
  reason: string;
  t: number;
  /** Index of the port event in the trace. */
  eventIndex: number;
}

/** What a run did in the flow graph: visits per module, exits per arrow, each module's choices. */
export interface RunOverlay {
  visits: Map<string, number>;
  /** `module.port` → how many times the run left by that port. */
  taken: Map<string, number>;
  choices: Map<string, PortTaken[]>;
  /** The module the run was in when it ended. */
  lastModule: string | null;
}

export function runOverlay(trace: readonly TraceEvent[]): RunOverlay {
  const visits = new Map<string, number>();
  const taken = new Map<string, number>();
  const choices = new Map<string, PortTaken[]>();
  let lastModule: string | null = null;
  trace.forEach((e, i) => {
    if (e.type === 'enter') {
      visits.set(e.module, (visits.get(e.module) ?? 0) + 1);
      lastModule = e.module;
    } else if (e.type === 'port') {
      const key = `${e.module}.${e.port}`;
      taken.set(key, (taken.get(key) ?? 0) + 1);
      const list = choices.get(e.module) ?? [];
      list.push({ nth: list.length + 1, port: e.port, reason: e.reason, t: e.t, eventIndex: i });
      choices.set(e.module, list);
    }
  });
  return { visits, taken, choices, lastModule };
}
