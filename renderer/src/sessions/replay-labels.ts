import type { ReplayOutcome } from '../../../main/api/routes/sessions';
import type { TimelineMarker } from '../timeline/aligned';
import type { ReplayOptions } from '../stores/use-recordings-store';

type Divergence = NonNullable<ReplayOutcome['divergence']>;

/** Where each run takes the step that differs: one marker on the recording, one on the replay. */
export function divergenceMarkers(divergence: Divergence | null): { recorded: TimelineMarker[]; replayed: TimelineMarker[] } {
  if (divergence === null) return { recorded: [], replayed: [] };
  const side = (port: string | null): string => (port === null ? `${divergence.module}: nothing more` : `${divergence.module} → ${port}`);
  return {
    recorded: [{ t: divergence.recorded.t, label: `diverges here: ${side(divergence.recorded.port)}` }],
    replayed: [{ t: divergence.replayed.t, label: `diverges here: ${side(divergence.replayed.port)}` }],
  };
}

/** What a replay ran with, in words (the caption of its timeline). */
export function replayLabel(options: ReplayOptions): string {
  const parts = [options.flowFile === null ? 'the recorded flow' : options.flowFile];
  parts.push(options.answers === 'recording' ? 'answers from the recording' : `answers from ${options.mocksFile ?? "the session's mock set"}`);
  if (options.relative) parts.push('relative timing');
  for (const [endpoint, ms] of Object.entries(options.endpointLatency)) parts.push(`${endpoint} at ${ms} ms`);
  return `Replay (virtual clock): ${parts.join(', ')}`;
}
