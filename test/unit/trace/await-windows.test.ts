import { describe, expect, it } from 'vitest';
import { awaitWindows } from '../../../main/api/trace/await-windows';
import { mocks, route, run } from '../../support/scenario-builder';
import { asyncFlow } from './async-flow';

describe('awaitWindows', () => {
  it('gives each await visit its module-timeout window and how it ended', () => {
    // Sent at 0, checked at 500 with T = 1000: waits until 1500 (module timeout), then
    // again from 1500: the answer arrives at 2000, inside the second window.
    const result = run({ flow: asyncFlow(1000), mocks: mocks([route('order', 2000)]) });
    const windows = awaitWindows(result.trace).map((w) => [w.module, w.start, w.windowEnd, w.resolvedAt, w.result]);
    expect(windows).toEqual([
      ['check', 500, 1500, 1500, 'module_timeout'],
      ['check', 1500, 2500, 2000, 'routed'],
    ]);
  });

  it('records an await that found its answer ready without waiting', () => {
    const result = run({ flow: asyncFlow(1000), mocks: mocks([route('order', 100)]) });
    expect(awaitWindows(result.trace).map((w) => [w.start, w.resolvedAt, w.result])).toEqual([[500, 500, 'ready']]);
  });
});
