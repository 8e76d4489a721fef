import { describe, expect, it } from 'vitest';
import { inspectRequest, requestIdOf } from '../../../main/api/trace/request-inspection';
import { exampleTrace } from './example-traces';

describe('inspectRequest: the rendered request, the response and the timing phases', () => {
  it('slow API: sent 3200 by lookup, answered 8000 (latency 4800), 200 ms before the 8200 deadline, read at once', async () => {
    // order_status: timeout 5000 → deadline 3200 + 5000 = 8200; fixed latency 4800 → arrival 8000.
    // check waits from 7700 (after its module timeout) and routes the answer the moment it arrives.
    const trace = await exampleTrace('order-status.scenario.yaml', 'slow API');
    const r = inspectRequest(trace, 'r1');
    expect(r).toMatchObject({
      endpoint: 'order_status',
      module: 'lookup',
      mode: 'async',
      outcome: 'response',
      sent: { method: 'GET', url: '/orders/12345', headers: {} },
      // shop.mocks.yaml: { id: "{{params.id}}", state: shipped, eta: tomorrow }, served as JSON.
      response: { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: { id: '12345', state: 'shipped', eta: 'tomorrow' } },
      failure: null,
      queuedAt: 3200,
      sentAt: 3200,
      endedAt: 8000,
      ended: 'arrival',
      latencyMs: 4800,
      deadline: 8200,
      marginMs: 200,
      readAt: 8000,
      hooks: [],
    });
    expect(r?.phases).toEqual([
      { phase: 'queued', start: 3200, end: 3200 },
      { phase: 'waiting', start: 3200, end: 8000 },
    ]);
  });

  it('fast API: the answer (3500) waits unread until check reads it at 4700', async () => {
    // Latency 300: 3200 + 300 = 3500. hold, then pause 1500: check enters at 3200 + 1500 = 4700, the answer is ready.
    const r = inspectRequest(await exampleTrace('order-status.scenario.yaml', 'fast API'), 'r1');
    expect(r?.phases).toEqual([
      { phase: 'queued', start: 3200, end: 3200 },
      { phase: 'waiting', start: 3200, end: 3500 },
      { phase: 'unread', start: 3500, end: 4700 },
    ]);
    expect([r?.latencyMs, r?.marginMs, r?.readAt]).toEqual([300, 4700, 4700]);
  });

  it('the refund POST: its rendered JSON body and headers as sent', async () => {
    // small order: the lambda sets refund_tier = instant at 150; create_refund is sent at 150 with
    // body { order: "{{order_id}}", tier: "{{refund_tier}}" } = { order: A-1, tier: instant }; latency 200 → 350.
    const trace = await exampleTrace('refund-chat.scenario.yaml', 'small order');
    const r = inspectRequest(trace, 'r2');
    expect(r?.sent).toEqual({ method: 'POST', url: '/refunds', headers: { 'content-type': 'application/json' }, body: { order: 'A-1', tier: 'instant' } });
    expect(r?.response?.status).toBe(201);
    expect(r?.response?.body).toEqual({ refund_id: 'R-77', order: 'A-1' });
    expect([r?.sentAt, r?.endedAt, r?.latencyMs, r?.deadline]).toEqual([150, 350, 200, 150 + 3000]);
  });

  it('the unknown order: the raw 200 as received, and the post hook that made it a 404', async () => {
    const trace = await exampleTrace('refund-chat.scenario.yaml', 'unknown order');
    const r = inspectRequest(trace, 'r1');
    expect(r?.response).toMatchObject({ status: 200, body: { error: 'NOT_FOUND' } });
    expect(r?.hooks.map((h) => [h.kind, h.outcome, h.status])).toEqual([['post', 'ok', 404]]);
  });

  it('a timeout ends the wire part at the deadline', async () => {
    // API slower than the endpoint timeout: latency 6000 > 5000 → fails at 3200 + 5000 = 8200.
    const r = inspectRequest(await exampleTrace('order-status.scenario.yaml', 'API slower'), 'r1');
    expect([r?.ended, r?.endedAt, r?.failure?.reason, r?.response, r?.latencyMs]).toEqual(['timeout', 8200, 'timeout', null, null]);
  });

  it('a hang-up abandons the lookup in flight at 12500', async () => {
    // Keys 7700–8300 send r1 at 8300 (latency 5000 → would answer at 13300); the caller hangs up at 12500.
    const r = inspectRequest(await exampleTrace('order-keypad.scenario.yaml', 'hang-up — the caller gives up'), 'r1');
    expect([r?.ended, r?.sentAt, r?.endedAt, r?.deadline]).toEqual(['abandoned', 8300, 12500, 8300 + 6000]);
  });

  it('is null for an unknown id; requestIdOf finds the request of related events', async () => {
    const trace = await exampleTrace('order-status.scenario.yaml', 'slow API');
    expect(inspectRequest(trace, 'r9')).toBeNull();
    const ids = trace.map(requestIdOf).filter((id) => id !== null);
    // request, response, and the two await events (pending at 4700, routed at 8000) … all name r1.
    expect(new Set(ids)).toEqual(new Set(['r1']));
    expect(ids.length).toBe(trace.filter((e) => e.type === 'request' || e.type === 'response' || e.type === 'await').length);
  });
});
