import { BUNDLE_FORMAT, BundleFile, SessionFile } from '../api/formats/session';
import type { FlowFile } from '../api/formats/flow';
import type { MocksFile } from '../api/formats/mocks';
import type { ScenarioResult } from '../api/formats/results';
import { FormatError } from '../formats/format-error';
import { readDocumentFile } from '../formats/read-document-file';
import { parseSourceDocument } from '../formats/source-document';
import { validateFlowValue } from '../formats/validate-flow';
import { validateMocksValue } from '../formats/validate-mocks';
import { fileIssuesFromZod } from '../formats/zod-issues';
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

export interface LoadedRecording {
  session: SessionFile;
  flow: FlowFile | null;
  mocks: MocksFile | null;
  result: ScenarioResult | null;
}

/**
 * Reads a repro bundle (flowbench.bundle/1) or a bare session (flowbench.session/1), with
 * located errors; a bundle's flow and mocks get the same checks as their own files.
 */
export async function loadRecording(path: string, display = path): Promise<LoadedRecording> {
  const doc = parseSourceDocument(display, await readDocumentFile(path, display));
  const format = typeof doc.value === 'object' && doc.value !== null ? (doc.value as Record<string, unknown>)['format'] : undefined;
  if (format === 'flowbench.session/1') {
    const parsed = SessionFile.safeParse(doc.value);
    if (!parsed.success) throw new FormatError(fileIssuesFromZod(doc, parsed.error));
    return { session: parsed.data, flow: null, mocks: null, result: null };
  }
  const parsed = BundleFile.safeParse(doc.value);
  if (!parsed.success) throw new FormatError(fileIssuesFromZod(doc, parsed.error));
  const flow = validateFlowValue(doc, parsed.data.flow, ['flow']);
  const mocks = parsed.data.mocks === null ? { value: null, issues: [] } : validateMocksValue(doc, parsed.data.mocks, ['mocks']);
  const issues = [...flow.issues, ...mocks.issues];
  if (issues.length > 0) throw new FormatError(issues);
  return { session: parsed.data.session, flow: flow.value, mocks: mocks.value, result: parsed.data.result };
}
