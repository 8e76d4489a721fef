import { describe, expect, it } from 'vitest';
import { deadAirIntervals } from '../../../main/api/trace/dead-air';
import { endpoint, eventsOf, flow, mocks, ports, reasons, route, run } from '../../support/scenario-builder';

/** One test per engine rule of SPEC §3 (numbers worked out by hand in the comments). */

const endOk = [{ id: 'ok', type: 'end' }, { id: 'ko', type: 'handover' }] as const;

describe('rule 1: green arrows take zero time; the loop guard', () => {
  it('runs a green chain at t = 0', () => {
    const r = run({
      flow: flow({ start: 'a', modules: [{ id: 'a', type: 'say', text: 'hi', ports: { next: 'b' } }, { id: 'b', type: 'say', text: 'there', ports: { next: 'ok' } }, ...endOk] }),
    });
    expect(r.endState).toBe('end');
    expect(r.trace.every((e) => e.t === 0)).toBe(true);
  });

  it('ends in error (loop) after 1000 entries without time advancing', () => {
    const r = run({ flow: flow({ start: 'spin', modules: [{ id: 'spin', type: 'context', set: { x: '1' }, ports: { next: 'spin' } }] }) });
    expect(r.endState).toBe('error');
    expect(r.endReason).toBe('loop');
    expect(eventsOf(r.trace, 'enter')).toHaveLength(1000);
    expect(r.status).toBe('error');
  });

  it('does not count entries across time: a loop through a wait runs until the counter stops it', () => {
    const r = run({
      flow: flow({
        start: 'c',
        modules: [
          { id: 'c', type: 'counter', name: 'n', max: 1500, ports: { next: 'w', exceeded: 'ok' } },
          { id: 'w', type: 'wait', ms: 1, ports: { next: 'c' } },
          ...endOk,
        ],
      }),
    });
    expect(r.endState).toBe('end');
    expect(r.virtualMs).toBe(1500);
  });
});

describe('rule 2: red arrows and the user', () => {
  const talk = (channel: 'voice' | 'chat') =>
    flow({
      channel,
      start: 'ask',
      modules: [
        { id: 'ask', type: 'say', text: 'hello there', ports: { next: { to: 'read', arrow: 'red' } } },
        { id: 'read', type: 'capture', save: 'answer', ports: { next: 'ok', nomatch: 'ko' } },
        ...endOk,
      ],
    });

  it('voice: the message starts at max(now, audio end) + afterMs and arrives when the user stops speaking', () => {
    // "hello there" = 2 words at 150 wpm = 800 ms; user starts at 800 + 500 = 1300; "one two" = 800 ms → 2100.
    const r = run({ flow: talk('voice'), user: [{ say: 'one two', afterMs: 500 }] });
    expect(eventsOf(r.trace, 'user')).toEqual([{ type: 'user', t: 2100, text: 'one two', start: 1300, end: 2100 }]);
    expect(ports(r.trace)).toEqual(['ask:next@0', 'read:next@2100']);
  });

  it('voice: afterMs defaults to 300 ms', () => {
    const r = run({ flow: talk('voice'), user: [{ say: 'yes' }] });
    expect(eventsOf(r.trace, 'user')[0]).toMatchObject({ start: 1100, end: 1500 });
  });

  it('chat: the message reaches the bot at once', () => {
    const r = run({ flow: talk('chat'), user: [{ say: 'yes' }] });
    expect(eventsOf(r.trace, 'user')[0]).toMatchObject({ t: 0, start: 0, end: 0 });
    expect(r.contexts['answer']).toBe('yes');
  });

  it('ends awaiting_user when the script is out of messages', () => {
    const r = run({ flow: talk('chat') });
    expect(r.endState).toBe('awaiting_user');
    expect(eventsOf(r.trace, 'port')[0]).toMatchObject({ module: 'ask', arrow: 'red', to: 'read' });
  });
});

describe('rule 3: the audio channel and dead air', () => {
  it('queues speech without blocking the engine, and measures dead air around a blocking call', () => {
    // say 5 words = 2000 ms (0–2000); the api is sent at t = 0 (speech does not block), answers at 3000;
    // "done" = 400 ms (3000–3400). Dead air: 2000–3000.
    const r = run({
      flow: flow({
        channel: 'voice',
        start: 'intro',
        endpoints: [endpoint('slow')],
        modules: [
          { id: 'intro', type: 'say', text: 'one two three four five', ports: { next: 'call' } },
          { id: 'call', type: 'api', endpoint: 'slow', ports: { success: 'done', failure: 'ko' } },
          { id: 'done', type: 'say', text: 'done', ports: { next: 'ok' } },
          ...endOk,
        ],
      }),
      mocks: mocks([route('slow', 3000)]),
      expect: [{ maxDeadAirMs: 1000 }],
    });
    expect(eventsOf(r.trace, 'request')[0]?.t).toBe(0);
    expect(eventsOf(r.trace, 'say').map((s) => [s.start, s.end])).toEqual([[0, 2000], [3000, 3400]]);
    expect(deadAirIntervals(r.trace)).toEqual([{ start: 2000, end: 3000 }]);
    expect(r.status).toBe('passed');
  });

  it('queues consecutive messages one after the other', () => {
    const r = run({
      flow: flow({
        channel: 'voice',
        speech: { wpm: 60 },
        start: 'a',
        modules: [{ id: 'a', type: 'say', text: 'one two', ports: { next: 'b' } }, { id: 'b', type: 'say', text: 'three', ports: { next: 'ok' } }, ...endOk],
      }),
    });
    expect(eventsOf(r.trace, 'say').map((s) => [s.t, s.start, s.end])).toEqual([[0, 0, 2000], [0, 2000, 3000]]);
  });

  it('chat has no audio: messages take no time and there is no dead air', () => {
    const r = run({
      flow: flow({
        channel: 'chat',
        start: 'a',
        endpoints: [endpoint('slow')],
        modules: [{ id: 'a', type: 'api', endpoint: 'slow', ports: { success: 'b', failure: 'ko' } }, { id: 'b', type: 'say', text: 'one two three', ports: { next: 'ok' } }, ...endOk],
      }),
      mocks: mocks([route('slow', 3000)]),
    });
    expect(eventsOf(r.trace, 'say')[0]).toMatchObject({ t: 3000, start: 3000, end: 3000 });
    expect(deadAirIntervals(r.trace)).toEqual([]);
  });
});

describe('rule 4: sending a request', () => {
  const needsId = { url: '/orders/{{order_id}}' };

  it('a missing input context fails the request at once; nothing is sent', () => {
    const r = run({
      flow: flow({
        start: 'call',
        endpoints: [endpoint('orders', needsId)],
        modules: [{ id: 'call', type: 'api', endpoint: 'orders', ports: { success: 'ok', failure: 'ko' } }, ...endOk],
      }),
      mocks: mocks([route('orders', 100, { path: '/orders/:id' })]),
      expect: [{ requests: { endpoint: 'orders', count: 0 } }, { ends: 'handover' }],
    });
    expect(eventsOf(r.trace, 'request')).toEqual([]);
    expect(eventsOf(r.trace, 'request_failed')).toEqual([{ type: 'request_failed', t: 0, id: 'r1', endpoint: 'orders', reason: 'missing_context:order_id' }]);
    expect(reasons(r.trace, 'call')).toEqual(['missing_context:order_id']);
    expect(r.status).toBe('passed');
  });

  it('an api_async with a missing context leaves by next; its await fails with the same reason', () => {
    const r = run({
      flow: flow({
        start: 'send',
        endpoints: [endpoint('orders', needsId)],
        modules: [
          { id: 'send', type: 'api_async', endpoint: 'orders', ports: { next: 'check' } },
          { id: 'check', type: 'api_await', endpoint: 'orders', timeoutMs: 1000, ports: { success: 'ok', waiting: 'ko', failure: 'ko' } },
          ...endOk,
        ],
      }),
      mocks: mocks([route('orders', 100, { path: '/orders/:id' })]),
    });
    expect(ports(r.trace)).toEqual(['send:next@0', 'check:failure@0']);
    expect(reasons(r.trace, 'check')).toEqual(['missing_context:order_id']);
  });

  it('renders URL values URL-encoded, and "{{x}}" in a body keeps its type', () => {
    const seen: unknown[] = [];
    const r = run({
      flow: flow({
        start: 'call',
        contexts: { q: 'a b/c', n: 7 },
        endpoints: [endpoint('search', { method: 'POST', url: '/search/{{q}}', body: { count: '{{n}}', text: 'n={{n}}' } })],
        modules: [{ id: 'call', type: 'api', endpoint: 'search', ports: { success: 'ok', failure: 'ko' } }, ...endOk],
      }),
      mocks: mocks([{ id: 'search', method: 'POST', path: '/search/:q', responses: [{ status: 200, body: { q: '{{params.q}}', count: '{{body.count}}', text: '{{body.text}}' } }] }]),
    });
    seen.push(eventsOf(r.trace, 'request')[0]?.url);
    expect(seen).toEqual(['/search/a%20b%2Fc']);
    expect(r.endState).toBe('end');
  });
});

describe('rule 5: api (blocking)', () => {
  const blocking = (timeoutMs: number, extra: Record<string, unknown> = {}) =>
    flow({
      start: 'call',
      endpoints: [endpoint('e', { timeoutMs, statusContext: 'st', map: { v: 'body.value' }, ...extra })],
      modules: [{ id: 'call', type: 'api', endpoint: 'e', ports: { success: 'ok', failure: 'ko', ...(extra['ports'] ? { big: 'ok' } : {}) } }, ...endOk],
    });

  it('an arrival exactly at the deadline is a response', () => {
    const r = run({ flow: blocking(1000), mocks: mocks([route('e', 1000)]) });
    expect(ports(r.trace)).toEqual(['call:success@1000']);
  });

  it('a later arrival times out at the deadline: failure, endpoint_timeout', () => {
    const r = run({ flow: blocking(1000), mocks: mocks([route('e', 1001)]) });
    expect(ports(r.trace)).toEqual(['call:failure@1000']);
    expect(reasons(r.trace, 'call')).toEqual(['endpoint_timeout at 1000 ms']);
    expect(eventsOf(r.trace, 'request_failed')[0]).toMatchObject({ t: 1000, reason: 'timeout' });
    expect(eventsOf(r.trace, 'response')).toEqual([]);
  });

  it('sets statusContext on every response and maps only on success', () => {
    const ok = run({ flow: blocking(5000), mocks: mocks([route('e', 10)]) });
    expect(ok.trace.filter((e) => e.type === 'context').map((e) => e.type === 'context' && [e.name, e.value, e.source])).toEqual([
      ['st', 200, 'status'],
      ['v', 42, 'map'],
    ]);
    const bad = run({ flow: blocking(5000), mocks: mocks([route('e', 10, { faults: [{ kind: 'status', status: 503, rate: 1 }] })]) });
    expect(bad.contexts).toEqual({ st: 503 });
    expect(reasons(bad.trace, 'call')).toEqual(['status 503 (not 2xx)']);
  });

  it('checks custom ports in order before the success rule', () => {
    const r = run({ flow: blocking(5000, { ports: [{ name: 'big', when: 'body.value > 40' }] }), mocks: mocks([route('e', 10)]) });
    expect(ports(r.trace)).toEqual(['call:big@10']);
    expect(r.contexts['v']).toBeUndefined();
  });

  it('a map that cannot be evaluated leaves its context unset, warns, and keeps the port', () => {
    const r = run({ flow: blocking(5000, { map: { v: 'body.missing.deep' } }), mocks: mocks([route('e', 10)]) });
    expect(ports(r.trace)).toEqual(['call:success@10']);
    expect(r.contexts['v']).toBeUndefined();
    expect(eventsOf(r.trace, 'warning')[0]).toMatchObject({ kind: 'map_error', module: 'call' });
  });

  it.each([
    ['reset', 'connection reset before a response', 10],
    ['empty', 'connection closed with an empty response', 10],
    ['malformed', 'malformed response body (status 200)', 10],
    ['hang', 'endpoint_timeout at 5000 ms', 5000],
  ] as const)('fault %s → failure (%s)', (kind, reason, at) => {
    const r = run({ flow: blocking(5000), mocks: mocks([route('e', 10, { faults: [{ kind, rate: 1 }] })]) });
    expect(ports(r.trace)).toEqual([`call:failure@${at}`]);
    expect(reasons(r.trace, 'call')).toEqual([reason]);
  });

  it('slow_body: the answer arrives when the whole body is in', () => {
    const r = run({ flow: blocking(5000), mocks: mocks([route('e', 100, { faults: [{ kind: 'slow_body', ms: 900, rate: 1 }] })]) });
    expect(ports(r.trace)).toEqual(['call:success@1000']);
  });
});

const asyncFlow = (opts: { latency: number | { sequence: number[] }; timeoutMs: number; pauseMs: number; awaitMs: number; awaits?: number }) => {
  const awaits = opts.awaits ?? 1;
  const checkIds = Array.from({ length: awaits }, (_, i) => `check${i + 1}`);
  return {
    flow: flow({
      start: 'send',
      endpoints: [endpoint('e', { timeoutMs: opts.timeoutMs, map: { v: 'body.value' } })],
      modules: [
        { id: 'send', type: 'api_async', endpoint: 'e', ports: { next: 'pause' } },
        { id: 'pause', type: 'wait', ms: opts.pauseMs, ports: { next: 'check1' } },
        ...checkIds.map((id, i) => ({
          id,
          type: 'api_await' as const,
          endpoint: 'e',
          timeoutMs: opts.awaitMs,
          ports: { success: 'ok', waiting: checkIds[i + 1] ?? 'ko', failure: 'ko' },
        })),
        ...endOk,
      ],
    }),
    mocks: mocks([route('e', opts.latency)]),
  };
};

describe('rule 6: api_async', () => {
  it('records a response at its arrival time even when no module waits for it', () => {
    const r = run(asyncFlow({ latency: 300, timeoutMs: 5000, pauseMs: 1000, awaitMs: 1000 }));
    const order = r.trace.map((e) => `${e.type}@${e.t}`);
    expect(order.indexOf('response@300')).toBeLessThan(order.indexOf('enter@1000'));
    expect(eventsOf(r.trace, 'await')[0]).toMatchObject({ t: 1000, outcome: 'ready' });
    expect(ports(r.trace).at(-1)).toBe('check1:success@1000');
  });

  it('a new api_async for the endpoint supersedes the pending one: its response is dropped', () => {
    const r = run({
      flow: flow({
        start: 'first',
        endpoints: [endpoint('e')],
        modules: [
          { id: 'first', type: 'api_async', endpoint: 'e', ports: { next: 'second' } },
          { id: 'second', type: 'api_async', endpoint: 'e', ports: { next: 'check' } },
          { id: 'check', type: 'api_await', endpoint: 'e', timeoutMs: 3000, ports: { success: 'ok', waiting: 'ko', failure: 'ko' } },
          ...endOk,
        ],
      }),
      mocks: mocks([route('e', { sequence: [1000, 200] })]),
    });
    expect(eventsOf(r.trace, 'warning')).toEqual([
      expect.objectContaining({ kind: 'superseded', id: 'r1', t: 0, message: expect.stringContaining('superseded by r2') }),
    ]);
    expect(eventsOf(r.trace, 'response').map((e) => e.id)).toEqual(['r2']);
    expect(ports(r.trace).at(-1)).toBe('check:success@200');
  });
});

describe('rule 7: api_await', () => {
  it('no request for the endpoint → failure (no_request)', () => {
    const r = run({
      flow: flow({
        start: 'check',
        endpoints: [endpoint('e')],
        modules: [{ id: 'check', type: 'api_await', endpoint: 'e', timeoutMs: 1000, ports: { success: 'ok', waiting: 'ko', failure: 'ko' } }, ...endOk],
      }),
    });
    expect(ports(r.trace)).toEqual(['check:failure@0']);
    expect(reasons(r.trace, 'check')).toEqual(['no_request']);
  });

  it('an arrival exactly at the module timeout is routed (success)', () => {
    // sent 0, arrives 1500; await at 500 with T = 1000: min(A, now+T, D) = 1500 and A <= 1500.
    const r = run(asyncFlow({ latency: 1500, timeoutMs: 5000, pauseMs: 500, awaitMs: 1000 }));
    expect(ports(r.trace).at(-1)).toBe('check1:success@1500');
    expect(r.contexts['v']).toBe(42);
  });

  it('an endpoint deadline equal to the module timeout is a failure (endpoint_timeout)', () => {
    // sent 0, D = 1500, arrives 3000; await at 500 with T = 1000: D = now + T = 1500 → failure.
    const r = run(asyncFlow({ latency: 3000, timeoutMs: 1500, pauseMs: 500, awaitMs: 1000 }));
    expect(ports(r.trace).at(-1)).toBe('check1:failure@1500');
    expect(reasons(r.trace, 'check1')).toEqual(['endpoint_timeout at 1500 ms']);
  });

  it('the module timeout first → waiting; the request stays pending for the next await', () => {
    // arrives 2500; awaits at 0 (T 1000) → waiting at 1000 → waiting at 2000 → routed at 2500.
    const r = run(asyncFlow({ latency: 2500, timeoutMs: 5000, pauseMs: 0, awaitMs: 1000, awaits: 3 }));
    expect(ports(r.trace).slice(2)).toEqual(['check1:waiting@1000', 'check2:waiting@2000', 'check3:success@2500']);
    expect(reasons(r.trace, 'check1')).toEqual(['module_timeout after 1000 ms']);
    expect(eventsOf(r.trace, 'await').map((a) => `${a.module}:${a.outcome}@${a.t}`)).toEqual([
      'check1:pending@0',
      'check1:module_timeout@1000',
      'check2:pending@1000',
      'check2:module_timeout@2000',
      'check3:pending@2000',
      'check3:routed@2500',
    ]);
  });

  it('a response that arrived while another module was blocking is routed at once', () => {
    const r = run({
      flow: flow({
        start: 'send',
        endpoints: [endpoint('fast'), endpoint('slow')],
        modules: [
          { id: 'send', type: 'api_async', endpoint: 'fast', ports: { next: 'block' } },
          { id: 'block', type: 'api', endpoint: 'slow', ports: { success: 'check', failure: 'ko' } },
          { id: 'check', type: 'api_await', endpoint: 'fast', timeoutMs: 500, ports: { success: 'ok', waiting: 'ko', failure: 'ko' } },
          ...endOk,
        ],
      }),
      mocks: mocks([route('fast', 300), route('slow', 2000)]),
    });
    expect(ports(r.trace)).toEqual(['send:next@0', 'block:success@2000', 'check:success@2000']);
    expect(eventsOf(r.trace, 'response').map((e) => [e.id, e.t])).toEqual([['r1', 300], ['r2', 2000]]);
  });

  it('a request that failed before the await is routed to failure with its reason', () => {
    const r = run(asyncFlow({ latency: 9000, timeoutMs: 1000, pauseMs: 2000, awaitMs: 1000 }));
    expect(ports(r.trace).at(-1)).toBe('check1:failure@2000');
    expect(reasons(r.trace, 'check1')).toEqual(['endpoint_timeout at 1000 ms']);
  });
});

describe('rule 8: every port choice records a reason', () => {
  it('gives reasons for capture, condition, counter, context and wait', () => {
    const r = run({
      flow: flow({
        start: 'ask',
        contexts: { old: 1 },
        modules: [
          { id: 'ask', type: 'say', text: 'number?', ports: { next: { to: 'read', arrow: 'red' } } },
          { id: 'read', type: 'capture', save: 'num', pattern: 'n(\\d+)', ports: { next: 'route', nomatch: 'ko' } },
          { id: 'route', type: 'condition', cases: [{ port: 'vip', when: "num == '7'" }, { port: 'other', when: 'true' }], ports: { vip: 'set', other: 'ko' } },
          { id: 'set', type: 'context', set: { doubled: 'int(num) * 2' }, delete: ['old'], ports: { next: 'count' } },
          { id: 'count', type: 'counter', name: 'tries', max: 0, ports: { next: 'ko', exceeded: 'nap' } },
          { id: 'nap', type: 'wait', ms: 250, ports: { next: 'ok' } },
          ...endOk,
        ],
      }),
      user: [{ say: 'it is n7' }],
    });
    expect(eventsOf(r.trace, 'port').map((p) => `${p.module}: ${p.reason}`)).toEqual([
      'ask: message sent',
      "read: captured '7'",
      "route: case 'vip': num == '7'",
      'set: set doubled, deleted old',
      'count: counter 1 > 0',
      'nap: waited 250 ms',
    ]);
    expect(r.contexts).toEqual({ num: '7', doubled: 14, tries: 1 });
    expect(eventsOf(r.trace, 'context').map((c) => `${c.name}:${c.source}${c.deleted ? ':deleted' : ''}`)).toEqual([
      'old:initial',
      'num:capture',
      'doubled:set',
      'old:delete:deleted',
      'tries:counter',
    ]);
    expect(r.virtualMs).toBe(250);
  });

  it('capture without a match leaves by nomatch with the pattern', () => {
    const r = run({
      flow: flow({
        start: 'ask',
        modules: [{ id: 'ask', type: 'say', text: '?', ports: { next: { to: 'read', arrow: 'red' } } }, { id: 'read', type: 'capture', save: 'n', pattern: '\\d+', ports: { next: 'ok', nomatch: 'ko' } }, ...endOk],
      }),
      user: [{ say: 'no idea' }],
    });
    expect(reasons(r.trace, 'read')).toEqual(["no match for /\\d+/ in 'no idea'"]);
  });
});

describe('rule 9: end states', () => {
  it('a port with no arrow ends the run in error (no_link)', () => {
    const r = run({
      flow: flow({ start: 'read', modules: [{ id: 'read', type: 'capture', save: 'x', pattern: '\\d', ports: { next: 'ok' } }, ...endOk] }),
    });
    expect(r.endState).toBe('error');
    expect(r.endReason).toBe('no_link:read.nomatch');
    expect(eventsOf(r.trace, 'port')[0]).toMatchObject({ module: 'read', port: 'nomatch', to: null });
  });

  it('counter exceeded leaves by exceeded', () => {
    const r = run({
      flow: flow({
        start: 'c',
        modules: [{ id: 'c', type: 'counter', name: 'n', max: 2, ports: { next: 'w', exceeded: 'ko' } }, { id: 'w', type: 'wait', ms: 10, ports: { next: 'c' } }, ...endOk],
      }),
    });
    expect(reasons(r.trace, 'c')).toEqual(['counter 1 <= 2', 'counter 2 <= 2', 'counter 3 > 2']);
    expect(r.endState).toBe('handover');
  });

  it('a run longer than maxDurationMs ends in error (max_duration)', () => {
    const r = run({ flow: flow({ start: 'w', modules: [{ id: 'w', type: 'wait', ms: 10_000, ports: { next: 'ok' } }, ...endOk] }), maxDurationMs: 5000 });
    expect(r.endState).toBe('error');
    expect(r.endReason).toBe('max_duration');
    expect(r.virtualMs).toBe(5000);
  });

  it('a message naming a missing context renders it empty and warns', () => {
    const r = run({ flow: flow({ start: 'a', modules: [{ id: 'a', type: 'say', text: 'Hi {{who}}!', ports: { next: 'ok' } }, ...endOk] }) });
    expect(eventsOf(r.trace, 'say')[0]?.text).toBe('Hi !');
    expect(eventsOf(r.trace, 'warning')[0]).toMatchObject({ kind: 'missing_context', module: 'a' });
  });
});

describe('guards', () => {
  it('a run that keeps entering modules over time ends in error (max_steps)', () => {
    const r = run({
      flow: flow({ start: 'w', modules: [{ id: 'w', type: 'wait', ms: 1, ports: { next: 'w' } }] }),
    });
    expect(r.endState).toBe('error');
    expect(r.endReason).toBe('max_steps');
  });
});
