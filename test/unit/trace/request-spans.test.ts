import { describe, expect, it } from 'vitest';
import { requestSpans } from '../../../main/api/trace/request-spans';
import { endpoint, flow, mocks, route, run } from '../../support/scenario-builder';
import { asyncFlow } from './async-flow';

describe('requestSpans', () => {
  it('draws an async request from send to arrival and knows when the await consumed it', () => {
    const result = run({ flow: asyncFlow(3000), mocks: mocks([route('order', 1200)]) });
    const [span, ...rest] = requestSpans(result.trace);
    expect(rest).toEqual([]);
    expect(span).toMatchObject({ endpoint: 'order', module: 'lookup', mode: 'async', sentAt: 0, deadline: 5000, endAt: 1200, outcome: 'response', status: 200, consumedAt: 1200 });
  });

  it('ends the bar at the endpoint timeout when the answer comes too late', () => {
    const result = run({ flow: asyncFlow(3000), mocks: mocks([route('order', 9000)]) });
    const [span] = requestSpans(result.trace);
    expect(span).toMatchObject({ outcome: 'failed', reason: 'timeout', endAt: 5000, deadline: 5000 });
  });

  it('keeps a zero-length failed span for a request that could not be sent (missing context)', () => {
    const f = flow({
      start: 'lookup',
      endpoints: [endpoint('order', { url: '/orders/{{order_id}}' })],
      modules: [
        { id: 'lookup', type: 'api_async', endpoint: 'order', ports: { next: 'check' } },
        { id: 'check', type: 'api_await', endpoint: 'order', timeoutMs: 1000, ports: { success: 'ok', waiting: 'ok', failure: 'bad' } },
        { id: 'ok', type: 'end' },
        { id: 'bad', type: 'handover' },
      ],
    });
    const result = run({ flow: f, mocks: mocks([route('order', 100)]) });
    const [span] = requestSpans(result.trace);
    expect(span).toMatchObject({ module: null, sentAt: 0, endAt: 0, outcome: 'failed', reason: 'missing_context:order_id' });
  });

  it('marks a blocking request consumed when its module leaves', () => {
    const f = flow({
      start: 'call',
      endpoints: [endpoint('order')],
      modules: [
        { id: 'call', type: 'api', endpoint: 'order', ports: { success: 'ok', failure: 'ok' } },
        { id: 'ok', type: 'end' },
      ],
    });
    const [span] = requestSpans(run({ flow: f, mocks: mocks([route('order', 700)]) }).trace);
    expect(span).toMatchObject({ mode: 'blocking', endAt: 700, consumedAt: 700, outcome: 'response' });
  });
});
