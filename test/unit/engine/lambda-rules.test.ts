import { describe, expect, it } from 'vitest';
import type { FlowModule } from '../../../main/api/formats/flow';
import type { TraceEvent } from '../../../main/api/formats/trace';
import { codeRuns } from '../../../main/api/trace/code-runs';
import { endpoint, eventsOf, flow, mocks, reasons, route, run } from '../../support/scenario-builder';

/**
 * SPEC §7.2, one rule at a time, with the exact trace worked out by hand. The virtual clock
 * starts at 0; flow code takes no conversation time; `Date.now()` is
 * 2026-01-01T00:00:00Z (1,767,225,600,000) + conversation time.
 */

const EPOCH = 1_767_225_600_000;
const ends = [
  { id: 'ok', type: 'end' },
  { id: 'ko', type: 'handover' },
] as const;

function lambda(code: string, extra: Partial<Extract<FlowModule, { type: 'lambda' }>> = {}) {
  return { id: 'tier', type: 'lambda' as const, code, ports: { next: 'ok', vip: 'ok', error: 'ko' }, ...extra };
}

/** The trace without the run's `start` and `end`, to compare the middle exactly. */
function middle(trace: readonly TraceEvent[]): TraceEvent[] {
  return trace.filter((e) => e.type !== 'start' && e.type !== 'end');
}

describe('§7.2 lambda: context is a JSON copy; changes are applied after the code returns', () => {
  it('sets and deletes each become a context event with source lambda:<id>; unchanged values none', () => {
    const r = run({
      flow: flow({
        start: 'tier',
        contexts: { spend: 1200, old: 'x', same: { a: [1, 2] } },
        modules: [
          lambda(
            [
              "context.tier = context.spend > 1000 ? 'vip' : 'standard';",
              'context.same = { a: [1, 2] }; // an equal value: no change',
              'delete context.old;',
              "if (context.tier === 'vip') return 'vip';",
            ].join('\n'),
          ),
          ...ends,
        ],
      }),
    });
    expect(middle(r.trace)).toEqual([
      { type: 'context', t: 0, name: 'spend', value: 1200, source: 'initial' },
      { type: 'context', t: 0, name: 'old', value: 'x', source: 'initial' },
      { type: 'context', t: 0, name: 'same', value: { a: [1, 2] }, source: 'initial' },
      { type: 'enter', t: 0, module: 'tier' },
      { type: 'code', t: 0, kind: 'lambda', module: 'tier', outcome: 'ok' },
      { type: 'context', t: 0, name: 'tier', value: 'vip', source: 'lambda:tier' },
      { type: 'context', t: 0, name: 'old', deleted: true, source: 'lambda:tier' },
      { type: 'port', t: 0, module: 'tier', port: 'vip', reason: "returned 'vip'", to: 'ok', arrow: 'green' },
      { type: 'enter', t: 0, module: 'ok' },
    ]);
    expect(r.contexts).toEqual({ spend: 1200, same: { a: [1, 2] }, tier: 'vip' });
    expect(codeRuns(r.trace)).toEqual([
      {
        kind: 'lambda',
        t: 0,
        module: 'tier',
        endpoint: null,
        id: null,
        outcome: 'ok',
        error: null,
        changes: [
          { name: 'tier', value: 'vip' },
          { name: 'old', deleted: true },
        ],
        status: null,
        port: { port: 'vip', reason: "returned 'vip'" },
        eventIndex: 5,
      },
    ]);
  });

  it('returns nothing: next; the code sees the last message and takes no time; Date is the epoch + conversation time', () => {
    // wait 1500 ms, then the lambda: Date.now() = EPOCH + 1500; its events and its port are all at t = 1500.
    const r = run({
      flow: flow({
        start: 'nap',
        modules: [
          { id: 'nap', type: 'wait', ms: 1500, ports: { next: 'tier' } },
          lambda("context.now = Date.now();\ncontext.iso = new Date().toISOString();\ncontext.heard = message;"),
          ...ends,
        ],
      }),
    });
    // After nap's enter at 0 and its port at 1500:
    expect(middle(r.trace).slice(2)).toEqual([
      { type: 'enter', t: 1500, module: 'tier' },
      { type: 'code', t: 1500, kind: 'lambda', module: 'tier', outcome: 'ok' },
      { type: 'context', t: 1500, name: 'now', value: EPOCH + 1500, source: 'lambda:tier' },
      { type: 'context', t: 1500, name: 'iso', value: '2026-01-01T00:00:01.500Z', source: 'lambda:tier' },
      { type: 'context', t: 1500, name: 'heard', value: '', source: 'lambda:tier' },
      { type: 'port', t: 1500, module: 'tier', port: 'next', reason: 'returned nothing', to: 'ok', arrow: 'green' },
      { type: 'enter', t: 1500, module: 'ok' },
    ]);
    expect(r.virtualMs).toBe(1500);
  });

  it("returning 'next' or a declared port by name takes it", () => {
    const r = run({ flow: flow({ start: 'tier', modules: [lambda("return 'next'"), ...ends] }) });
    expect(reasons(r.trace, 'tier')).toEqual(["returned 'next'"]);
  });
});

describe('§7.2 lambda: every failure leaves by error with lambda_error and changes nothing', () => {
  const failing: [string, string, Partial<Extract<FlowModule, { type: 'lambda' }>>, string, number | undefined][] = [
    ['a throw', "context.half = 1;\nthrow new Error('boom');", {}, 'Error: boom', 2],
    ['a throw of a non-Error', "context.half = 1;\nthrow 'boom';", {}, 'threw a string ("boom"), not an Error', undefined],
    ['the time limit (the module sets 20 ms)', 'context.half = 1;\nwhile (true) {}', { timeoutMs: 20 }, 'time limit exceeded: the code ran for more than 20 ms', undefined],
    ['the memory limit', "context.half = 'x'.repeat(100 * 1024 * 1024);", {}, 'memory limit exceeded: the code needed more than 16 MB', 1],
    ['a context value that is not JSON', 'context.half = () => 1;', {}, 'TypeError: context.half is a function, not a JSON value', undefined],
    ['a cycle', 'const a = {};\na.self = a;\ncontext.half = a;', {}, 'TypeError: context.half.self is a cycle (it contains itself), not a JSON value', undefined],
    ['a name that is not a context name', "context['half key'] = 1;", {}, 'context["half key"]: not a context name (letters, digits, _ or -, starting with a letter or _)', undefined],
    ['a port it does not have', "context.half = 1;\nreturn 'gold';", {}, "returned 'gold', which is not a port of 'tier' (ports: next, error, vip)", undefined],
    ['a function returned', 'context.half = 1;\nreturn () => 1;', {}, 'returned a function; return a port name (a string) or nothing', undefined],
  ];

  it.each(failing)('%s', (_what, code, extra, message, line) => {
    const r = run({ flow: flow({ start: 'tier', contexts: { before: true }, modules: [lambda(code, extra), ...ends] }) });
    const reason = `lambda_error: ${message}${line !== undefined ? ` (line ${line})` : ''}`;
    expect(middle(r.trace).slice(1)).toEqual([
      { type: 'enter', t: 0, module: 'tier' },
      { type: 'code', t: 0, kind: 'lambda', module: 'tier', outcome: 'error' },
      { type: 'warning', t: 0, kind: 'lambda_error', message, module: 'tier', ...(line !== undefined ? { line } : {}) },
      { type: 'port', t: 0, module: 'tier', port: 'error', reason, to: 'ko', arrow: 'green' },
      { type: 'enter', t: 0, module: 'ko' },
    ]);
    expect(r.endState).toBe('handover');
    expect(r.contexts).toEqual({ before: true });
    expect(codeRuns(r.trace)[0]).toMatchObject({ outcome: 'error', error: { message, line: line ?? null }, changes: [], port: { port: 'error', reason } });
  });

  it('an error port with no arrow ends the run no_link (rule 9)', () => {
    const r = run({ flow: flow({ start: 'tier', modules: [lambda("throw new Error('x')", { ports: { next: 'ok' } }), ...ends] }) });
    expect(r.endState).toBe('error');
    expect(r.endReason).toBe('no_link:tier.error');
  });

  it('after an escape attempt the next run works', () => {
    const escape = run({ flow: flow({ start: 'tier', modules: [lambda("return this.constructor.constructor('return process')()"), ...ends] }) });
    expect(reasons(escape.trace, 'tier')).toEqual(["lambda_error: TypeError: cannot read property 'constructor' of undefined (line 1)"]);
    const spin = run({ flow: flow({ start: 'tier', modules: [lambda('while (true) {}', { timeoutMs: 10 }), ...ends] }) });
    expect(spin.endState).toBe('handover');
    const next = run({ flow: flow({ start: 'tier', modules: [lambda("context.fine = true; return 'vip'"), ...ends] }) });
    expect(next.contexts).toEqual({ fine: true });
    expect(next.endState).toBe('end');
  });
});

describe('§7.2 pre hook: may change the rendered request and contexts', () => {
  const echo = route('echo', 100, {
    method: 'POST',
    path: '/echo/:id',
    responses: [{ status: 200, body: { sig: '{{headers.x-sig}}', id: '{{params.id}}', v: '{{query.v}}', order: '{{body.order}}' } }],
  });
  const calling = (pre: string) =>
    flow({
      start: 'call',
      contexts: { order_id: 'A-12' },
      endpoints: [endpoint('e', { url: '/echo/{{order_id}}', pre, map: { sig: 'body.sig', v: 'body.v', order: 'body.order' } })],
      modules: [{ id: 'call', type: 'api', endpoint: 'e', ports: { success: 'ok', failure: 'ko' } }, ...ends],
    });

  it('runs after the templates: method, URL, headers and body as it left them reach the server', () => {
    const r = run({
      flow: calling(
        [
          "request.headers['x-sig'] = context.order_id.split('').reverse().join('');",
          "request.url = request.url + '?v=2';",
          "request.method = 'post';",
          'request.body = { order: context.order_id };',
          'context.signed = true;',
        ].join('\n'),
      ),
      mocks: mocks([echo]),
    });
    // Sent at 0 (POST, as the hook left it), answered at 100; the echo proves what the server got.
    // The request event carries what was sent: the hook's header, and the JSON content type
    // the engine adds to a request with a body.
    expect(middle(r.trace).slice(1)).toEqual([
      { type: 'enter', t: 0, module: 'call' },
      { type: 'code', t: 0, kind: 'pre', module: 'call', endpoint: 'e', id: 'r1', outcome: 'ok' },
      { type: 'context', t: 0, name: 'signed', value: true, source: 'hook:e' },
      {
        type: 'request',
        t: 0,
        id: 'r1',
        endpoint: 'e',
        module: 'call',
        mode: 'blocking',
        method: 'POST',
        url: '/echo/A-12?v=2',
        deadline: 5000,
        headers: { 'x-sig': '21-A', 'content-type': 'application/json' },
        body: { order: 'A-12' },
      },
      // The echo's body, rendered from what the server got; a JSON body gets the JSON content type.
      {
        type: 'response',
        t: 100,
        id: 'r1',
        status: 200,
        arrival: 100,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: { sig: '21-A', id: 'A-12', v: '2', order: 'A-12' },
      },
      { type: 'context', t: 100, name: 'sig', value: '21-A', source: 'map' },
      { type: 'context', t: 100, name: 'v', value: '2', source: 'map' },
      { type: 'context', t: 100, name: 'order', value: 'A-12', source: 'map' },
      { type: 'port', t: 100, module: 'call', port: 'success', reason: 'status 200', to: 'ok', arrow: 'green' },
      { type: 'enter', t: 100, module: 'ok' },
    ]);
  });

  it('a failing pre hook fails the request at once (nothing sent): hook_error:pre → failure', () => {
    const r = run({ flow: calling("context.signed = true;\nthrow new TypeError('no key');"), mocks: mocks([echo]) });
    const reason = 'hook_error:pre: TypeError: no key (line 2)';
    expect(middle(r.trace).slice(1)).toEqual([
      { type: 'enter', t: 0, module: 'call' },
      { type: 'code', t: 0, kind: 'pre', module: 'call', endpoint: 'e', id: 'r1', outcome: 'error' },
      { type: 'warning', t: 0, kind: 'lambda_error', message: 'TypeError: no key', module: 'call', id: 'r1', line: 2 },
      { type: 'request_failed', t: 0, id: 'r1', endpoint: 'e', reason },
      { type: 'port', t: 0, module: 'call', port: 'failure', reason, to: 'ko', arrow: 'green' },
      { type: 'enter', t: 0, module: 'ko' },
    ]);
    expect(r.contexts).toEqual({ order_id: 'A-12' });
  });

  it('a request the engine cannot send is a hook error too', () => {
    const r = run({ flow: calling("request.headers['x-n'] = 5;"), mocks: mocks([echo]) });
    expect(reasons(r.trace, 'call')).toEqual(['hook_error:pre: request.headers["x-n"] must be a string, got 5']);
  });
});

describe('§7.2 post hook: runs when the response is routed, before ports, success and map', () => {
  const lookup = (post: string, body: Record<string, unknown>, latency = 300) => ({
    flow: flow({
      start: 'call',
      endpoints: [endpoint('e', { post, statusContext: 'st', map: { state: 'body.state' }, ports: [{ name: 'not_found', when: 'status == 404' }] })],
      modules: [{ id: 'call', type: 'api' as const, endpoint: 'e', ports: { success: 'ok', failure: 'ko', not_found: 'ko' } }, ...ends],
    }),
    mocks: mocks([route('e', latency, { responses: [{ status: 200, body }] })]),
  });
  const post = [
    "if (response.body.state === 'lost') response.status = 404;",
    'response.body.state = response.body.state.toUpperCase();',
    "context.api_client_type = response.body.vip ? 'vip' : 'regular';",
  ].join('\n');

  it('a changed status: statusContext and the custom ports see it; the code event says so', () => {
    const r = run(lookup(post, { state: 'lost', vip: true }));
    expect(middle(r.trace).slice(2)).toEqual([
      // The response as received, before the post hook changed its status and body.
      { type: 'response', t: 300, id: 'r1', status: 200, arrival: 300, headers: { 'content-type': 'application/json; charset=utf-8' }, body: { state: 'lost', vip: true } },
      { type: 'code', t: 300, kind: 'post', module: 'call', endpoint: 'e', id: 'r1', outcome: 'ok', status: 404 },
      { type: 'context', t: 300, name: 'api_client_type', value: 'vip', source: 'hook:e' },
      { type: 'context', t: 300, name: 'st', value: 404, source: 'status' },
      { type: 'port', t: 300, module: 'call', port: 'not_found', reason: 'status 404 (not_found: status == 404)', to: 'ko', arrow: 'green' },
      { type: 'enter', t: 300, module: 'ko' },
    ]);
    // The view the timeline uses: the hook's own changes only (not statusContext's).
    expect(codeRuns(r.trace)).toEqual([
      {
        kind: 'post',
        t: 300,
        module: 'call',
        endpoint: 'e',
        id: 'r1',
        outcome: 'ok',
        error: null,
        changes: [{ name: 'api_client_type', value: 'vip' }],
        status: 404,
        port: null,
        eventIndex: 4, // start, enter, request, response, code
      },
    ]);
  });

  it('a changed body: map reads it', () => {
    const r = run(lookup(post, { state: 'shipped' }));
    expect(middle(r.trace).slice(3, 8)).toEqual([
      { type: 'code', t: 300, kind: 'post', module: 'call', endpoint: 'e', id: 'r1', outcome: 'ok' },
      { type: 'context', t: 300, name: 'api_client_type', value: 'regular', source: 'hook:e' },
      { type: 'context', t: 300, name: 'st', value: 200, source: 'status' },
      { type: 'context', t: 300, name: 'state', value: 'SHIPPED', source: 'map' },
      { type: 'port', t: 300, module: 'call', port: 'success', reason: 'status 200', to: 'ok', arrow: 'green' },
    ]);
  });

  it('a failing post hook: hook_error:post → failure; statusContext keeps the arrived status; nothing else changes', () => {
    const r = run(lookup("context.x = 1;\nresponse.body.missing.x = 1;", { state: 'shipped' }));
    const reason = "hook_error:post: TypeError: cannot set property 'x' of undefined (line 2)";
    expect(middle(r.trace).slice(3)).toEqual([
      { type: 'code', t: 300, kind: 'post', module: 'call', endpoint: 'e', id: 'r1', outcome: 'error' },
      { type: 'warning', t: 300, kind: 'lambda_error', message: "TypeError: cannot set property 'x' of undefined", module: 'call', id: 'r1', line: 2 },
      { type: 'context', t: 300, name: 'st', value: 200, source: 'status' },
      { type: 'port', t: 300, module: 'call', port: 'failure', reason, to: 'ko', arrow: 'green' },
      { type: 'enter', t: 300, module: 'ko' },
    ]);
    expect(r.contexts).toEqual({ st: 200 });
    const bad = run(lookup('response.status = 700;', { state: 'shipped' }));
    expect(reasons(bad.trace, 'call')).toEqual(['hook_error:post: response.status must be a whole number from 100 to 599, got 700']);
  });

  it('api_async + api_await: the hook runs at the await that routes the response, not at arrival', () => {
    // Sent at 0, arrives at 300; the await at 1000 finds it (A ≤ now) and routes it then.
    const r = run({
      flow: flow({
        start: 'send',
        endpoints: [endpoint('e', { post: "context.seen_at = Date.now() - " + EPOCH + ';' })],
        modules: [
          { id: 'send', type: 'api_async', endpoint: 'e', ports: { next: 'nap' } },
          { id: 'nap', type: 'wait', ms: 1000, ports: { next: 'check' } },
          { id: 'check', type: 'api_await', endpoint: 'e', timeoutMs: 500, ports: { success: 'ok', waiting: 'ko', failure: 'ko' } },
          ...ends,
        ],
      }),
      mocks: mocks([route('e', 300)]),
    });
    expect(eventsOf(r.trace, 'response').map((e) => e.t)).toEqual([300]);
    expect(eventsOf(r.trace, 'code')).toEqual([{ type: 'code', t: 1000, kind: 'post', module: 'check', endpoint: 'e', id: 'r1', outcome: 'ok' }]);
    expect(r.contexts).toEqual({ seen_at: 1000 });
  });

  it('no response, no post hook: a timeout fails the request as before', () => {
    const r = run({
      flow: flow({
        start: 'call',
        endpoints: [endpoint('e', { timeoutMs: 200, post: 'context.ran = true;' })],
        modules: [{ id: 'call', type: 'api', endpoint: 'e', ports: { success: 'ok', failure: 'ko' } }, ...ends],
      }),
      mocks: mocks([route('e', 300)]),
    });
    expect(eventsOf(r.trace, 'code')).toEqual([]);
    expect(reasons(r.trace, 'call')).toEqual(['endpoint_timeout at 200 ms']);
  });
});
