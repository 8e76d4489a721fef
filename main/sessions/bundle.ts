import { BUNDLE_FORMAT } from '../api/formats/session';
import type { BundleFile, SessionFile } from '../api/formats/session';
import type { FlowFile } from '../api/formats/flow';
import type { MocksFile } from '../api/formats/mocks';
import type { ScenarioResult } from '../api/formats/results';
import type { ReplayResult } from './replay-session';

export function makeBundle(flow: FlowFile, mocks: MocksFile | null, session: SessionFile, result: ScenarioResult | null, now = new Date()): BundleFile {
  return { format: BUNDLE_FORMAT, createdAt: now.toISOString(), flow, mocks, session, result };
}

/** A replay as a result record: passed when it follows the recording step for step. */
export function replayAsResult(session: SessionFile, replay: ReplayResult, file: string): ScenarioResult {
  const divergence = replay.divergence;
  return {
    name: `replay of session ${session.id}`,
    file,
    status: divergence === null && replay.mismatches.length === 0 ? 'passed' : 'failed',
    endState: replay.endState,
    ...(replay.endReason !== undefined ? { endReason: replay.endReason } : {}),
    clock: 'virtual',
    seed: session.seed,
    virtualMs: replay.virtualMs,
    wallMs: 0,
    checks: [
      { check: 'replay follows the recording', ok: divergence === null, message: divergence?.summary ?? 'every port choice and the end state as recorded' },
      ...replay.mismatches.map((m) => ({ check: `request ${m.id} (${m.endpoint}) as recorded`, ok: false, message: m.problem })),
    ],
    contexts: replay.contexts,
    path: replay.trace.flatMap((e) => (e.type === 'port' ? [`${e.module}.${e.port}`] : [])),
    trace: replay.trace,
  };
}
