import { describe, expect, it } from 'vitest';
import { lintFlow } from '../../../main/lints/lint-flow';
import { endpoint, flow } from '../../support/scenario-builder';

const rules = (f: ReturnType<typeof flow>): string[] => lintFlow(f).map((w) => `${w.rule} ${w.path}`);
const end = [{ id: 'ok', type: 'end' }] as const;

describe('lints (SPEC §3)', () => {
  it('async-await-no-pause: green-only path from api_async to its api_await', () => {
    const f = flow({
      start: 'send',
      endpoints: [endpoint('e')],
      modules: [
        { id: 'send', type: 'api_async', endpoint: 'e', ports: { next: 'hold' } },
        { id: 'hold', type: 'say', text: 'hold on', ports: { next: 'check' } },
        { id: 'check', type: 'api_await', endpoint: 'e', timeoutMs: 1000, ports: { success: 'ok', waiting: 'ok', failure: 'ok' } },
        ...end,
      ],
    });
    expect(rules(f)).toEqual(['async-await-no-pause modules[2]']);
    expect(lintFlow(f)[0]?.message).toContain('send → hold → check');
    // A wait in between is a pause.
    const paused = flow({
      start: 'send',
      endpoints: [endpoint('e')],
      modules: [
        { id: 'send', type: 'api_async', endpoint: 'e', ports: { next: 'nap' } },
        { id: 'nap', type: 'wait', ms: 500, ports: { next: 'check' } },
        { id: 'check', type: 'api_await', endpoint: 'e', timeoutMs: 1000, ports: { success: 'ok', waiting: 'ok', failure: 'ok' } },
        ...end,
      ],
    });
    expect(rules(paused)).toEqual([]);
  });

  it('await-timeout-exceeds-endpoint and await-loop-no-counter', () => {
    const f = flow({
      start: 'send',
      endpoints: [endpoint('e', { timeoutMs: 2000 })],
      modules: [
        { id: 'send', type: 'api_async', endpoint: 'e', ports: { next: { to: 'check', arrow: 'red' } } },
        { id: 'check', type: 'api_await', endpoint: 'e', timeoutMs: 3000, ports: { success: 'ok', waiting: 'nap', failure: 'ok' } },
        { id: 'nap', type: 'wait', ms: 100, ports: { next: 'check' } },
        ...end,
      ],
    });
    expect(rules(f)).toEqual(['await-timeout-exceeds-endpoint modules[1].timeoutMs', 'await-loop-no-counter modules[1].ports.waiting']);
  });

  it('green-cycle: a loop of green arrows with no wait and no counter', () => {
    const f = flow({
      start: 'a',
      modules: [
        { id: 'a', type: 'say', text: 'again', ports: { next: 'b' } },
        { id: 'b', type: 'condition', cases: [{ port: 'loop', when: 'true' }], ports: { loop: 'a', else: 'ok' } },
        ...end,
      ],
    });
    expect(rules(f)).toEqual(['green-cycle modules[0]']);
  });

  it('blocking-in-voice, unconnected-port, unreachable-module, context-never-set', () => {
    const f = flow({
      channel: 'voice',
      start: 'call',
      endpoints: [endpoint('e', { timeoutMs: 2500, url: '/e/{{ghost}}' })],
      modules: [
        { id: 'call', type: 'api', endpoint: 'e', ports: { success: 'tell' } },
        { id: 'tell', type: 'say', text: 'you are {{who}}', ports: { next: 'ok' } },
        { id: 'island', type: 'say', text: 'never', ports: { next: 'ok' } },
        ...end,
      ],
    });
    expect(rules(f)).toEqual([
      'blocking-in-voice modules[0]',
      'unconnected-port modules[0].ports.failure',
      'unreachable-module modules[2]',
      'context-never-set modules[1].text',
      'context-never-set endpoints[0].url',
    ]);
  });
});
