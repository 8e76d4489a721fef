import { randomUUID } from 'node:crypto';
import { SESSION_FORMAT } from '../api/formats/session';
import type { Exchange, SessionFile } from '../api/formats/session';
import type { FlowFile } from '../api/formats/flow';
import type { RunResult } from '../engine/dialog-runner';
import { contentSha256 } from './content-sha';
import { userMessages } from './user-timing';

export interface SessionMeta {
  id?: string;
  startedAt: Date;
  flow: FlowFile;
  flowFile?: string | undefined;
  mocks?: { file?: string; baseUrl?: string; sha256?: string } | undefined;
  clock: 'real' | 'virtual';
  timeScale?: number | undefined;
  seed: number;
}

/** The `flowbench.session/1` document of a finished (or stopped) run. */
export function buildSession(meta: SessionMeta, run: RunResult, exchanges: readonly Exchange[]): SessionFile {
  return {
    format: SESSION_FORMAT,
    id: meta.id ?? randomUUID(),
    startedAt: meta.startedAt.toISOString(),
    flow: {
      name: meta.flow.name,
      sha256: contentSha256(meta.flow),
      ...(meta.flowFile !== undefined ? { file: meta.flowFile } : {}),
      content: meta.flow,
    },
    ...(meta.mocks !== undefined ? { mocks: meta.mocks } : {}),
    clock: meta.clock,
    ...(meta.timeScale !== undefined && meta.timeScale !== 1 ? { timeScale: meta.timeScale } : {}),
    seed: meta.seed,
    channel: meta.flow.channel,
    user: userMessages(run.trace, meta.flow.speech.wpm),
    exchanges: [...exchanges],
    trace: run.trace,
    endState: run.endState,
    ...(run.endReason !== undefined ? { endReason: run.endReason } : {}),
  };
}
