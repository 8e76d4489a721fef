import type { FlowFile } from '../api/formats/flow';
import type { ScenarioResult } from '../api/formats/results';
import type { PathOutcome } from '../api/routes/analysis';

const INTERESTING = new Set(['api', 'api_await']);
/** Module types by id, per flow (a tune classifies thousands of runs of one flow). */
const moduleTypes = new WeakMap<FlowFile, ReadonlyMap<string, string>>();

/** The path a run took, keyed and summarised by its API and await port choices. */
export function pathOutcome(result: ScenarioResult, flow: FlowFile): PathOutcome {
  let types = moduleTypes.get(flow);
  if (!types) {
    types = new Map(flow.modules.map((m) => [m.id, m.type]));
    moduleTypes.set(flow, types);
  }
  const endLabel = result.endReason ? `${result.endState} (${result.endReason})` : result.endState;
  // API and await choices, and interruptions (`no_input@read`).
  const interesting = result.path.filter((step) => step.includes('@') || INTERESTING.has(types.get(step.split('.')[0] ?? '') ?? ''));
  return {
    signature: `${result.path.join(' ')} | ${endLabel}`,
    summary: [...interesting, endLabel].join(' → '),
    path: result.path,
    endState: result.endState,
  };
}
