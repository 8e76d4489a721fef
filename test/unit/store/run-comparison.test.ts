import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../main/api/formats/trace';
import { compareChecks, comparePorts } from '../../../main/store/run-comparison';

const port = (t: number, module: string, p: string, reason = ''): TraceEvent => ({ type: 'port', t, module, port: p, reason, to: null, arrow: 'green' });

describe('comparing two results of a scenario', () => {
  it('says which checks broke, got fixed, changed message, came or went', () => {
    const before = [
      { check: 'ends: end', ok: true, message: 'ended end' },
      { check: 'says: x', ok: false, message: 'never said x' },
      { check: 'says: x', ok: true, message: 'said x' },
      { check: 'visits', ok: true, message: 'a' },
      { check: 'gone', ok: true, message: '' },
    ];
    const after = [
      { check: 'ends: end', ok: false, message: 'ended handover' },
      { check: 'says: x', ok: true, message: 'said x' },
      { check: 'says: x', ok: true, message: 'said x' },
      { check: 'visits', ok: true, message: 'b' },
      { check: 'new', ok: true, message: '' },
    ];
    expect(compareChecks(before, after).map((c) => [c.check, c.change])).toEqual([
      ['ends: end', 'broke'],
      ['says: x', 'fixed'],
      ['says: x', 'same'],
      ['visits', 'message'],
      ['new', 'added'],
      ['gone', 'removed'],
    ]);
  });

  it('pairs the n-th exit of each module and says which port choices changed', () => {
    const before = [port(0, 'read', 'next'), port(10, 'check', 'waiting', 'module_timeout after 3000 ms'), port(20, 'tries', 'next'), port(30, 'check', 'success')];
    const after = [port(0, 'read', 'next'), port(10, 'check', 'success', 'status 200'), port(15, 'tell', 'next')];
    expect(comparePorts(before, after)).toEqual([
      { module: 'read', nth: 1, before: { port: 'next', reason: '', t: 0 }, after: { port: 'next', reason: '', t: 0 }, change: 'same' },
      {
        module: 'check',
        nth: 1,
        before: { port: 'waiting', reason: 'module_timeout after 3000 ms', t: 10 },
        after: { port: 'success', reason: 'status 200', t: 10 },
        change: 'changed',
      },
      { module: 'tell', nth: 1, before: null, after: { port: 'next', reason: '', t: 15 }, change: 'added' },
      { module: 'tries', nth: 1, before: { port: 'next', reason: '', t: 20 }, after: null, change: 'removed' },
      { module: 'check', nth: 2, before: { port: 'success', reason: '', t: 30 }, after: null, change: 'removed' },
    ]);
  });
});
