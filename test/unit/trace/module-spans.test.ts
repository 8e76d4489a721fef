import { describe, expect, it } from 'vitest';
import { moduleSpans } from '../../../main/api/trace/module-spans';
import { mocks, route, run } from '../../support/scenario-builder';
import { asyncFlow } from './async-flow';

describe('moduleSpans', () => {
  it('spans each visit from enter to the port it left by, numbering repeat visits', () => {
    const result = run({ flow: asyncFlow(1000), mocks: mocks([route('order', 2000)]) });
    const spans = moduleSpans(result.trace).map((s) => `${s.module}#${s.nth} ${s.start}-${s.end} ${s.port ?? '-'}`);
    expect(spans).toEqual(['lookup#1 0-0 next', 'pause#1 0-500 next', 'check#1 500-1500 waiting', 'tries#1 1500-1500 next', 'check#2 1500-2000 success', 'ok#1 2000-2000 -']);
  });
});
