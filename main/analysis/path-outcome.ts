import type { FlowFile } from '../api/formats/flow';
import type { ScenarioResult } from '../api/formats/results';
import type { PathOutcome } from '../api/routes/analysis';

const INTERESTING = new Set(['api', 'api_await']);

/** The path a run took, keyed and summarised by its API and await port choices. */
export function pathOutcome(result: ScenarioResult, flow: FlowFile): PathOutcome {
  const types = new Map(flow.modules.map((m) => [m.id, m.type]));
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
