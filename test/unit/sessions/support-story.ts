import { join } from 'node:path';
import { expect } from 'vitest';
import { applyOverrides } from '../../../main/api/formats/mocks';
import type { SessionFile } from '../../../main/api/formats/session';
import { compileFlow } from '../../../main/engine/compiled-flow';
import { DialogRunner } from '../../../main/engine/dialog-runner';
import { InMemoryTransport } from '../../../main/engine/in-memory-transport';
import { liveUser } from '../../../main/engine/user-source';
import { VirtualClock } from '../../../main/engine/virtual-clock';
import { FileLoader } from '../../../main/formats/file-loader';
import { buildSession } from '../../../main/sessions/build-session';
import { RecordingTransport } from '../../../main/sessions/recording-transport';
import { compileMocks } from '../../../mocks/core/compile-mocks';
import { examplesDir } from '../../support/paths';

const loader = new FileLoader(examplesDir);
/** The example voice flow (async + await) and the example mock set. */
export const orderFlow = await loader.loadFlow(join(examplesDir, 'flows', 'order-status.flow.yaml'));
export const shop = await loader.loadMocks(join(examplesDir, 'mocks', 'shop.mocks.yaml'));

/**
 * The support story on the virtual clock: order_status patched to a fixed latency, the
 * caller says "It's 12345" 400 ms after the greeting ends.
 *   greet: 5 words at 150 wpm = 2000 ms (0–2000); the user starts at 2400, speaks 2 words
 *   (800 ms) and is heard at 3200: lookup sends r1 at 3200, deadline 3200 + 5000 = 8200.
 *   hold speaks 3200–5200; pause 1500 → check at 4700 waits until min(A, 7700, 8200).
 */
export function recordOrderSession(latencyMs: number): SessionFile {
  const clock = new VirtualClock();
  const patched = applyOverrides(shop, { order_status: { latency: { fixed: latencyMs } } });
  const recorder = new RecordingTransport(new InMemoryTransport({ clock, mocks: compileMocks(patched), seed: 7 }), clock);
  const runner = new DialogRunner({ flow: compileFlow(orderFlow), clock, transport: recorder, user: liveUser, seed: 7, sessionId: 'live' });
  runner.start();
  clock.advanceBy(2400);
  runner.userSays("It's 12345");
  clock.advanceBy(60_000);
  expect(runner.ended).toBe(true);
  return buildSession(
    { id: 'live', startedAt: new Date('2026-11-24T10:00:00Z'), flow: orderFlow, clock: 'virtual', seed: 7, mocks: { file: 'mocks/shop.mocks.yaml' } },
    runner.outcome!,
    recorder.exchanges,
  );
}
