import type { FlowFile } from '../api/formats/flow';
import type { MocksFile } from '../api/formats/mocks';
import type { SessionFile } from '../api/formats/session';
import type { EndState } from '../api/formats/scenario';
import type { TraceEvent } from '../api/formats/trace';
import type { JsonValue } from '../api/formats/common';
import { compileMocks } from '../../mocks/core/compile-mocks';
import { compileFlow } from '../engine/compiled-flow';
import { InMemoryTransport } from '../engine/in-memory-transport';
import { runDialogToEnd } from '../engine/run-dialog';
import type { Transport } from '../engine/transport';
import { timedUser } from '../engine/user-source';
import { VirtualClock } from '../engine/virtual-clock';
import { sandboxFor } from '../sandbox/load-code-sandbox';
import { contentSha256 } from './content-sha';
import { findDivergence } from './divergence';
import type { Divergence } from './divergence';
import { VcrTransport } from './vcr-transport';
import type { ReplayMismatch, ReplayNote } from './vcr-transport';

export interface ReplayOptions {
  /** The flow to replay against: the recorded one or an edited one. */
  flow: FlowFile;
  /** Feed each message the same gap after the bot is ready, instead of at its recorded time. */
  relative?: boolean;
  /** Answer from the recording (default) or from a mock set. */
  answers?: { kind: 'recording' } | { kind: 'mocks'; mocks: MocksFile; seed?: number };
  /** Latency by endpoint instead of the recorded (or mocked) one. */
  endpointLatency?: Readonly<Record<string, number>>;
  /**
   * Answers from the recording: the mock set that answers a request the recording has no
   * answer to (it timed out) when a changed latency brings that answer within the timeout.
   */
  fallbackMocks?: { mocks: MocksFile; label: string } | undefined;
  onEvent?: (event: TraceEvent) => void;
}

export interface ReplayResult {
  endState: EndState;
  endReason: string | undefined;
  trace: TraceEvent[];
  contexts: Record<string, JsonValue>;
  virtualMs: number;
  /** The first step where the replay leaves the recording, or null. */
  divergence: Divergence | null;
  /** Requests the recording could not answer as recorded. */
  mismatches: ReplayMismatch[];
  /** What the replay did beyond the recording (e.g. answers from the fallback mock set). */
  notes: ReplayNote[];
  /** The replayed flow is not the one recorded (by content hash). */
  flowChanged: boolean;
}

/**
 * Re-runs a recorded session in virtual time: the user's messages at their recorded
 * times, each request answered from the recording with its recorded latency (or from a mock
 * set), then compared with the recording step by step. A changed latency applies to every
 * request of its endpoint, a timed-out one included (see VcrTransport).
 */
export function replaySession(session: SessionFile, options: ReplayOptions): ReplayResult {
  // Flow code reads the live session's start as its epoch (Date.now() in a lambda), as it did live.
  const recordedStart = session.clock === 'real' ? Date.parse(session.startedAt) : Number.NaN;
  const clock = Number.isFinite(recordedStart) ? new VirtualClock(0, recordedStart) : new VirtualClock();
  const answers = options.answers ?? { kind: 'recording' };
  let vcr: VcrTransport | null = null;
  let transport: Transport;
  if (answers.kind === 'recording') {
    const fallback = options.fallbackMocks;
    vcr = new VcrTransport(
      clock,
      session.exchanges,
      options.endpointLatency,
      session.trace,
      fallback === undefined
        ? null
        : {
            label: fallback.label,
            transport: new InMemoryTransport({ clock, mocks: compileMocks(fallback.mocks), seed: session.seed, ...(options.endpointLatency ? { endpointLatency: options.endpointLatency } : {}) }),
          },
    );
    transport = vcr;
  } else {
    transport = new InMemoryTransport({
      clock,
      mocks: compileMocks(answers.mocks),
      seed: answers.seed ?? session.seed,
      ...(options.endpointLatency ? { endpointLatency: options.endpointLatency } : {}),
    });
  }
  const run = runDialogToEnd({
    flow: compileFlow(options.flow),
    clock,
    transport,
    user: timedUser(session.user, options.relative ?? false),
    seed: session.seed,
    sessionId: `replay:${session.id}`,
    ...sandboxFor(options.flow),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
  return {
    endState: run.endState,
    endReason: run.endReason,
    trace: run.trace,
    contexts: run.contexts,
    virtualMs: run.virtualMs,
    divergence: findDivergence(session.trace, run.trace),
    mismatches: vcr?.mismatches ?? [],
    notes: vcr?.notes ?? [],
    flowChanged: contentSha256(options.flow) !== session.flow.sha256,
  };
}
