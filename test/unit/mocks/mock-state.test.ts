import { describe, expect, it } from 'vitest';
import { MocksFile } from '../../../main/api/formats/mocks';
import type { MocksFileInput } from '../../../main/api/formats/mocks';
import { compileMocks, decide, MockStates, RequestCounters } from '../../../mocks/core';
import type { Decision, MatchedDecision, MockRequest } from '../../../mocks/core';
import { get } from './mocks-fixture';

function matched(decision: Decision): MatchedDecision {
  if (decision.kind !== 'matched') throw new Error(`expected a match, got ${decision.bodyText}`);
  return decision;
}

function statefulMocks(routes: MocksFileInput['routes'], state: MocksFileInput['state']) {
  return compileMocks(MocksFile.parse({ format: 'flowbench.mocks/1', seed: 1, state, routes }));
}

/** WireMock's polling example: placed → pending twice → ready. */
const polling = statefulMocks(
  [
    {
      id: 'poll',
      path: '/orders/:id',
      responses: [
        { when: "state.order == 'placed'", body: { state: 'pending' }, setState: { order: 'pending_again' } },
        { when: "state.order == 'pending_again'", body: { state: 'pending' }, setState: { order: 'ready' } },
        { when: "state.order == 'ready'", body: { id: '{{params.id}}', state: 'ready', seen: '{{state.last}}' } },
      ],
    },
    {
      id: 'create',
      method: 'POST',
      path: '/orders',
      responses: [{ status: 201, body: { created: '{{body.item}}' }, setState: { last: '{{body.item}}', lastOrder: '{{body}}' } }],
    },
  ],
  { order: 'placed', last: 'none' },
);

const session = (id: string): Record<string, string> => ({ 'x-flowbench-session': id });

describe('mock state (SPEC §7.3)', () => {
  it('`when` reads state.*, `setState` applies when served: pending, pending, then ready (and it stays ready)', () => {
    const counters = new RequestCounters();
    const states = new MockStates(polling.source.state);
    const answers = Array.from({ length: 4 }, () => matched(decide(polling, get('/orders/7', session('s1')), counters, 1, states)));
    expect(answers.map((a) => a.body)).toEqual([{ state: 'pending' }, { state: 'pending' }, { id: '7', state: 'ready', seen: 'none' }, { id: '7', state: 'ready', seen: 'none' }]);
    // The journal's before/after: what `when` saw and what the request left.
    expect(answers.map((a) => [a.stateBefore['order'], a.stateAfter['order']])).toEqual([
      ['placed', 'pending_again'],
      ['pending_again', 'ready'],
      ['ready', 'ready'],
      ['ready', 'ready'],
    ]);
  });

  it('is per session: another session starts from the initial state', () => {
    const counters = new RequestCounters();
    const states = new MockStates(polling.source.state);
    decide(polling, get('/orders/1', session('a')), counters, 1, states);
    decide(polling, get('/orders/1', session('a')), counters, 1, states);
    expect(matched(decide(polling, get('/orders/1', session('b')), counters, 1, states)).body).toEqual({ state: 'pending' });
    expect(matched(decide(polling, get('/orders/1', session('a')), counters, 1, states)).body).toMatchObject({ state: 'ready' });
    expect(states.list().map((s) => s.session).sort()).toEqual(['a', 'b']);
  });

  it('any route reads what another set; setState values are templates of the request (a whole placeholder keeps the type)', () => {
    const counters = new RequestCounters();
    const states = new MockStates(polling.source.state);
    const post: MockRequest = { method: 'POST', path: '/orders', query: {}, headers: session('c'), body: { item: 'lamp', qty: 2 } };
    const created = matched(decide(polling, post, counters, 1, states));
    expect(created.stateAfter).toEqual({ order: 'placed', last: 'lamp', lastOrder: { item: 'lamp', qty: 2 } });
    for (let i = 0; i < 2; i++) decide(polling, get('/orders/9', session('c')), counters, 1, states);
    expect(matched(decide(polling, get('/orders/9', session('c')), counters, 1, states)).body).toEqual({ id: '9', state: 'ready', seen: 'lamp' });
  });

  it('a response kept from the client by a fault (status, hang, reset, empty) changes nothing; malformed and slow_body are served', () => {
    const kinds = [
      { kind: 'status', status: 503, rate: 1 },
      { kind: 'hang', rate: 1 },
      { kind: 'reset', rate: 1 },
      { kind: 'empty', rate: 1 },
      { kind: 'malformed', rate: 1 },
      { kind: 'slow_body', ms: 100, rate: 1 },
    ] as const;
    const after = kinds.map((fault) => {
      const mocks = statefulMocks([{ id: 'r', path: '/r', faults: [fault], responses: [{ body: { ok: true }, setState: { served: true } }] }], { served: false });
      return [fault.kind, matched(decide(mocks, get('/r'), new RequestCounters(), 1, new MockStates(mocks.source.state))).stateAfter['served']];
    });
    expect(after).toEqual([
      ['status', false],
      ['hang', false],
      ['reset', false],
      ['empty', false],
      ['malformed', true],
      ['slow_body', true],
    ]);
  });

  it('an unmatched request leaves the state as it is', () => {
    const states = new MockStates(polling.source.state);
    const d = decide(polling, get('/nowhere', session('u')), new RequestCounters(), 1, states);
    expect(d.kind).toBe('unmatched');
    expect(d.stateBefore).toEqual({ order: 'placed', last: 'none' });
    expect(d.stateAfter).toBe(d.stateBefore);
    expect(states.has('u')).toBe(false);
  });

  it('without a state store, each decision reads the initial state and keeps nothing', () => {
    const counters = new RequestCounters();
    const bodies = Array.from({ length: 3 }, () => matched(decide(polling, get('/orders/1'), counters)).body);
    expect(bodies).toEqual([{ state: 'pending' }, { state: 'pending' }, { state: 'pending' }]);
  });

  it('a setState that would make the state too large is refused with a warning; the state stays', () => {
    const mocks = statefulMocks([{ id: 'big', method: 'POST', path: '/big', responses: [{ body: {}, setState: { blob: '{{body}}' } }] }], {});
    const states = new MockStates();
    const d = matched(decide(mocks, { method: 'POST', path: '/big', query: {}, headers: {}, body: 'x'.repeat(70_000) }, new RequestCounters(), 1, states));
    expect(d.stateAfter).toEqual({});
    expect(d.warnings.join('\n')).toMatch(/state not changed: the state would hold 70\d{3} characters of JSON, more than the 65536 allowed/);
  });
});

describe('MockStates', () => {
  it('a new initial state reaches the sessions that never changed theirs; reset goes back to it', () => {
    const states = new MockStates({ order: 'placed' });
    states.apply('changed', { order: 'ready' });
    states.setInitial({ order: 'new' });
    expect(states.get('untouched')).toEqual({ order: 'new' });
    expect(states.get('changed')).toEqual({ order: 'ready' });
    states.reset('changed');
    expect(states.get('changed')).toEqual({ order: 'new' });
    states.apply('a', { x: 1 });
    states.apply('b', { x: 2 });
    states.reset();
    expect(states.list()).toEqual([]);
  });

  it('forgets the least recently changed session past its bound', () => {
    const states = new MockStates({}, 2);
    states.set('a', { n: 1 });
    states.set('b', { n: 2 });
    states.set('a', { n: 3 });
    states.set('c', { n: 4 });
    expect(states.list().map((s) => s.session)).toEqual(['a', 'c']);
  });
});
